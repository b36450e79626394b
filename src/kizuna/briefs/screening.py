"""The restricted-party lists as briefs see them: one matcher per set of loaded lists (built
once per process: the web server makes many briefs), and the lists cited as sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kizuna.errors import KizunaError

if TYPE_CHECKING:
    from kizuna.briefs.build import Context
    from kizuna.store import Store

_MATCHERS: dict[tuple[str, tuple[str, ...]], Any] = {}


def cached_matcher(store: Store, lists: list[dict[str, Any]]) -> Any | None:
    """The default matcher over ``lists`` (the rows of the lists loaded in ``store``), or None
    when none are loaded."""
    key = (store.url, tuple(sorted(f"{r['id']}:{r['sha256']}:{r['loaded_at']}" for r in lists)))
    if not key[1]:
        return None
    if key not in _MATCHERS:
        from kizuna.screening.index_cache import cached_matcher as kept
        from kizuna.screening.matching.base import DEFAULT_ALGORITHM

        try:  # the index kept between runs when there is one (the lists' rows are its key)
            _MATCHERS[key] = kept(store, DEFAULT_ALGORITHM, lists)[0]
        except KizunaError:
            return None
    return _MATCHERS[key]


def list_sources(ctx: Context) -> list[int]:
    """Cite every loaded list (its name, publisher and version) and note them in the footer."""
    numbers = []
    for r in ctx.lists:
        numbers.append(ctx.sources.cite_text(publisher=r["publisher"], title=r["name"],
                                             date=r["version"], url=r.get("url")))
        line = f"list {r['id']} version {r['version'] or 'n.d.'}"
        if line not in ctx.footer:
            ctx.footer.append(line)
    from kizuna.screening.matcher import DEFAULT_ALGORITHM

    if numbers and f"matcher {DEFAULT_ALGORITHM}" not in ctx.footer:
        ctx.footer.append(f"matcher {DEFAULT_ALGORITHM}")
    return numbers

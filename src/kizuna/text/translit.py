"""Transliteration to Latin letters: Cyrillic, Greek, Han characters and Japanese kana.

Why these choices:

- Cyrillic and Greek are small fixed alphabets; a table (a blend of the BGN/PCGN and the ICAO 9303
  passport system) is exact, has no dependency, and the folding in :func:`fold` absorbs the
  differences between romanisation systems afterwards.
- Han characters go through **pypinyin** (MIT): its dictionary ships inside the wheel, so nothing
  is downloaded at run time. Mandarin readings also *fold* simplified, traditional and Japanese
  shinjitai forms onto the same syllables (华为 = 華為, 集团 = 集団), which is what matching
  across the U.S., Japanese and Chinese lists needs. We do not romanise kanji with Japanese
  readings: pykakasi is GPL-3, and cutlet needs fugashi plus a 50 MB dictionary for readings
  that are irregular in company names anyway; the lists write Japanese companies in Latin letters.
- Kana (katakana names such as トヨタ, ソニー) use the modified Hepburn table below.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "has_cjk", "known_pinyin", "learnt_pinyin", "strip_accents", "transliterate"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Ukrainian, Belarusian, Serbian, Macedonian, Kazakh letters
    "є": "ie", "і": "i", "ї": "i", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "ә": "a", "ғ": "g",
    "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
}
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}

_KANA_BASE = (
    "あa いi うu えe おo かka きki くku けke こko さsa しshi すsu せse そso たta ちchi つtsu てte "
    "とto なna にni ぬnu ねne のno はha ひhi ふfu へhe ほho まma みmi むmu めme もmo やya ゆyu "
    "よyo らra りri るru れre ろro わwa ゐi ゑe をo んn がga ぎgi ぐgu げge ごgo ざza じji ずzu "
    "ぜze ぞzo だda ぢji づzu でde どdo ばba びbi ぶbu べbe ぼbo ぱpa ぴpi ぷpu ぺpe ぽpo ぁa ぃi "
    "ぅu ぇe ぉo ゃya ゅyu ょyo ゔvu"
)
_KANA: dict[str, str] = {}
for _pair in _KANA_BASE.split():
    _KANA[_pair[0]] = _pair[1:]
    _KANA[chr(ord(_pair[0]) + 0x60)] = _pair[1:]  # the katakana twin
_KANA.update({"ヴ": "vu", "ー": "", "・": " ", "ヶ": "ke", "ヵ": "ka"})
_YOON = re.compile(r"(k|g|s|z|t|d|n|h|b|p|m|r)i(ya|yu|yo|a|i|u|e|o)\b")


def _kana_run(run: str) -> str:
    out: list[str] = []
    small_tsu = False
    for ch in run:
        if ch in "っッ":
            small_tsu = True
            continue
        roman = _KANA.get(ch, ch)
        if ch in "ゃゅょャュョ" and out and out[-1].endswith("i") and len(out[-1]) >= 2:
            prev = out.pop()
            stem = prev[:-1]
            roman = (stem if stem in ("sh", "ch", "j") else stem + "y") + roman[1:]
        elif ch in "ぁぃぅぇぉァィゥェォ" and out and len(out[-1]) >= 2 and out[-1][-1] in "uo":
            roman = out.pop()[:-1] + roman  # ティ, ファ, ウィ: foreign sounds
        if small_tsu and roman:
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
            small_tsu = False
        out.append(roman)
    return "".join(out)


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "kana"
    if (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x2FA1F or ch in "々〆"):
        return "han"
    return "other"


#: Han runs with their syllables as pypinyin gave them in an earlier process (a memo a caller
#: supplies, see :func:`known_pinyin`), and those pypinyin gave in this one (to be kept).
_KNOWN: dict[str, tuple[str, ...]] = {}
_LEARNT: dict[str, tuple[str, ...]] = {}


def known_pinyin(runs: dict[str, tuple[str, ...]]) -> None:
    """Take the syllables of these Han runs as pypinyin gave them before (a speed-up only: the
    caller vouches they are exactly :func:`_pinyin`'s answers, e.g. from a checksummed memo
    keyed by the pypinyin version), so a name made of them needs no dictionary loaded."""
    _KNOWN.update(runs)


def learnt_pinyin() -> dict[str, tuple[str, ...]]:
    """The Han runs pypinyin romanised in this process (not known beforehand)."""
    return dict(_LEARNT)


@lru_cache(maxsize=65536)
def _pinyin(run: str) -> tuple[str, ...]:
    known = _KNOWN.get(run)
    if known is not None:
        return known
    from pypinyin import lazy_pinyin  # imported lazily: loading its dictionary takes ~0.3 s

    out = tuple(s.lower() for s in lazy_pinyin(run.replace("々", "")) if s.strip())
    _LEARNT[run] = out
    return out


def has_cjk(text: str) -> bool:
    return any(_script(ch) != "other" for ch in text)


def transliterate(text: str) -> list[tuple[str, str]]:
    """``text`` as runs of (script, Latin text): Han runs become pinyin syllables separated by
    spaces, kana runs Hepburn words, Cyrillic and Greek letters their Latin spelling."""
    runs: list[tuple[str, str]] = []
    buf: list[str] = []
    kind = "other"
    for ch in text:
        script = _script(ch)
        if script != kind and buf:
            runs.append((kind, "".join(buf)))
            buf = []
        kind = script
        buf.append(ch)
    if buf:
        runs.append((kind, "".join(buf)))
    out: list[tuple[str, str]] = []
    for script, run in runs:
        if script == "han":
            out.append(("han", " ".join(_pinyin(run))))
        elif script == "kana":
            out.append(("kana", _kana_run(run)))
        else:
            out.append(("latin", "".join(_CYRILLIC.get(c, _GREEK.get(c, c)) for c in run)))
    return out


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Folding rules applied to every Latin token on both sides, so that romanisation systems agree:
# Hepburn long vowels (Ōno, Ohno, Oono, Ouno), m before labials (Nihombashi / Nihonbashi), kunrei
# syllables (si, tu, sya), and the usual variants of romanised Russian (kh/h, -iy/-y/-ii, ya/ia,
# yu/iu, ts/tz, w/v, x/ks).
_FOLD = [
    (re.compile(r"(?<=[a-z])(iy|yy|ij|yi|ii)$"), "i"),
    (re.compile(r"(?<=[a-z])y$"), "i"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?<=[a-z])y(?=[aeiou])|^y(?=[aeiou])"), "i"),
    (re.compile(r"ie"), "e"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"sy|sh"), "s"),
    (re.compile(r"tch|ch|ty"), "c"),
    (re.compile(r"tsu|tu"), "tu"),
    (re.compile(r"dzh|zy|jy"), "j"),
    (re.compile(r"ou|oo|oh(?=[^aeiou]|$)"), "o"),
    (re.compile(r"uu"), "u"),
    (re.compile(r"aa"), "a"),
    (re.compile(r"m(?=[bp])"), "n"),
    (re.compile(r"(.)\1"), r"\1"),
]


@lru_cache(maxsize=262144)
def fold(token: str) -> str:
    """A token's romanisation-neutral form (both sides of a comparison are folded alike)."""
    if not token.isascii() or token.isdigit() or len(token) < 3:
        return token
    for pattern, repl in _FOLD:
        token = pattern.sub(repl, token)
    return token

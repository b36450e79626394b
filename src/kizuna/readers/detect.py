"""Encoding and language detection.

Encodings: a BOM wins; then strict UTF-8; then charset-normalizer's best guess, accepted only when
it decodes cleanly and reads as text. Bytes that decode as nothing sensible are refused rather than
stored as mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16")]


#: Legacy encodings of English and Japanese documents, most likely first.
_PREFERRED = {name: rank for rank, name in enumerate(
    ["utf_8", "cp1252", "cp932", "shift_jis", "euc_jp", "iso2022_jp", "latin_1", "iso8859_15"])}


class UndecodableError(ValueError):
    pass


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). ``declared`` (from an HTML meta tag, say) is tried first but only
    trusted if the bytes decode under it without errors."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    candidates = [e for e in (declared, "utf-8") if e]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, codecs.lookup(encoding).name
    matches = list(from_bytes(data))
    if matches:
        best = matches[0]
        # Single-byte encodings are often equally plausible to the detector; among those it
        # finds about as clean, prefer the ones documents in this field are actually written in.
        close = [m for m in matches if m.chaos <= best.chaos + 0.02]
        chosen = min(close, key=lambda m: _PREFERRED.get(m.encoding, len(_PREFERRED)))
        text, encoding = _prefer_japanese(data, str(chosen), chosen.encoding)
        if _looks_like_text(text):
            return text, encoding
    raise UndecodableError("the bytes do not decode as text in any known encoding")


#: Japanese legacy encodings, tried strictly when the detector's guess is another one.
_JAPANESE = ("cp932", "euc_jp", "iso2022_jp")


def _hiragana_share(text: str) -> float:
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if 0x3041 <= ord(ch) <= 0x309F) / len(letters)


def _prefer_japanese(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Short Japanese texts fool statistical detectors (a few lines of EUC-JP read as Korean
    CP949 or Chinese GB18030). Japanese prose always has hiragana, which those misreadings
    never produce: a Japanese encoding that decodes the bytes strictly into clearly more
    hiragana wins."""
    if codecs.lookup(encoding).name in {codecs.lookup(e).name for e in _JAPANESE}:
        return text, encoding
    best = (_hiragana_share(text), text, encoding)
    for candidate in _JAPANESE:
        try:
            decoded = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        share = _hiragana_share(decoded)
        if share >= 0.05 and share > best[0] + 0.05 and _looks_like_text(decoded):
            best = (share, decoded, candidate)
    return best[1], best[2]


def _looks_like_text(text: str) -> bool:
    """Reject binary data and replacement-character soup."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc"
                                                        and ch not in "\n\r\t\f\v"))
    return bad / len(sample) < 0.01


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the main language: Japanese by script, others by py3langid."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    japanese = sum(1 for ch in letters if _is_japanese(ch))
    if japanese / len(letters) > 0.2:
        return "ja"
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


def _is_japanese(ch: str) -> bool:
    code = ord(ch)
    return (0x3040 <= code <= 0x30FF) or (0x4E00 <= code <= 0x9FFF) or (0xFF66 <= code <= 0xFF9F)

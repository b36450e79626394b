"""Encoding and language detection.

Encodings: a BOM wins; then strict UTF-8; then charset-normalizer's best guess, accepted only when
it decodes cleanly and reads as text. Bytes that decode as nothing sensible are refused rather than
stored as mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16")]


_BOM_CHAR = "\ufeff"

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
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"invalid {encoding} at byte {exc.start}") from None
            if text[len(_BOM_CHAR):].strip() and not _looks_like_text(text):
                raise UndecodableError(f"{encoding} by its BOM, but control characters, "
                                       "not text")
            return text, encoding
    utf16 = sniff_utf16(data)
    if utf16 is not None:
        return data.decode(utf16), utf16
    if b"\x00" in data:
        raise UndecodableError("NUL bytes: binary data, or a UTF-16/32 text kizuna cannot "
                               "recognise without a BOM")
    bad_utf8 = _broken_utf8(data)
    if bad_utf8 is not None:
        raise UndecodableError(f"invalid UTF-8 at byte {bad_utf8} (the rest is UTF-8: the file "
                               "is damaged, not in another encoding)")
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


def sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 text without a BOM, else None. Text in UTF-8 or a legacy
    encoding never has NUL bytes; UTF-16 has them at one parity only (the high byte of ASCII,
    newlines and spaces). Kept only when the strict decode reads as plausible text."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if even == odd or min(even, odd) > pairs * 0.01 or max(even, odd) < max(1, pairs * 0.01):
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    plausible = sum(1 for ch in text[:4096] if _plausible(ch))
    return encoding if _looks_like_text(text) and plausible >= 0.95 * len(text[:4096]) else None


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (0x20 <= code < 0x7F or ch in "\n\r\t" or 0xA0 <= code < 0x250
            or 0x370 <= code < 0x530 or 0x2000 <= code < 0x2070 or 0x3000 <= code < 0x3100
            or 0x4E00 <= code < 0xA000 or 0xFF00 <= code < 0xFFF0 or 0x20A0 <= code < 0x2200)


_UTF8_SHAPED = re.compile(rb"[\xc0-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                          rb"[\xf0-\xf7][\x80-\xbf]{3}")


def _broken_utf8(data: bytes) -> int | None:
    """The offset of the first invalid sequence when the bytes are UTF-8 with damage (nearly
    every non-ASCII byte in a UTF-8-shaped sequence, yet strict decoding fails: an encoded
    surrogate such as ED A0 80, an overlong form, a stray byte), else None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        first = exc.start
    high = sum(1 for b in data if b >= 0x80)
    shaped = sum(len(m.group()) for m in _UTF8_SHAPED.finditer(data))
    return first if high and shaped >= 0.9 * high else None


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

"""Japanese extraction: organizations (kanji, kana, Latin script), collaborations, amounts in
yen and dollars, and dates in Western and era forms, with verbatim evidence."""

from kizuna.extract.japanese.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, JapaneseExtractor

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "JapaneseExtractor"]

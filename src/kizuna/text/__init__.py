"""Text below every analysis: name keys and slugs, transliteration and romanisation to Latin.

Both extraction and screening compare names written in several scripts; what they share lives
here, depends on nothing else in kizuna, and imports nothing heavy (pypinyin loads on first use).
"""

from kizuna.text.names import name_key, slugify
from kizuna.text.translit import fold, has_cjk, strip_accents, transliterate

__all__ = ["fold", "has_cjk", "name_key", "slugify", "strip_accents", "transliterate"]

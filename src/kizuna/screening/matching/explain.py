"""Plain-language meaning of each score feature, for tables, reports and ``explain``."""

from __future__ import annotations

__all__ = ["FEATURE_TEXT", "explain_features"]

FEATURE_TEXT = {
    "name_similarity": "how alike the two names are letter by letter",
    "token_overlap": "share of the names' words (weighted by rarity) found in each other",
    "partial_name": "the query is the distinctive core of the longer listed name",
    "fuzzy_only": "no word in common, only near spellings",
    "country": "the query's country agrees with (+) or differs from (-) the entry's",
    "entity_type": "the query's entity type differs from the entry's",
    "alias": "matched an alias, not the listed primary name (weak aliases weigh more)",
    "generic_only": "the only shared word is generic (a city, an industry word, a legal form)",
    "short_query": "a one- or two-word query: less evidence than a full name",
    "word_typos": "spelling differences weighed by word length and rarity",
    "aligned_typos": "word by word, only slips of spelling (allowed more in longer words)",
    "different_word": "a distinctive listed word is replaced by another word in the query",
    "replaced_word": "a word of each name has no counterpart in the other (not a slip, an "
                     "abbreviation or a legal form)",
    "number_mismatch": "each name has a number the other has not (another yard, unit or "
                       "vessel)",
    "wratio": "rapidfuzz WRatio of the normalised names",
    # kizuna-match/1.6: what the query carries besides the name
    "form_address_cut": "screened the name before its address (see the query form)",
    "form_after_legal_form": "screened the name up to its legal form (words after it cut)",
    "form_descriptor_cut": "screened the name without a unit or descriptor (department, "
                           "branch, Group …)",
    "form_fields_joined": "screened the query's fields joined",
    "form_abbreviations": "screened the query with its abbreviations written out (Gen Trdg, "
                          "Ind) or phrases contracted as the lists write them (J.V.)",
    "form_translated": "screened the query with common words translated",
    "contains_listed": "every word of the listed name is in the query, in order, and they "
                       "are rare together",
    "acronym": "the query's acronym is the listed name's initials",
    "inserted_word": "a word inside one name, between words both share, that the other "
                     "lacks: another name (Nanjing University of Information Science …)",
    "complete_name": "the query ends in its legal form (a whole name), and the listed name "
                     "has words the query does not: another company of that name",
}


def explain_features(features: dict[str, float]) -> dict[str, str]:
    return {k: f"{v:+.3f}: {FEATURE_TEXT.get(k, k)}" for k, v in features.items()}

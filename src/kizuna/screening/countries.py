"""Country names as the lists write them, mapped to ISO 3166 alpha-2 codes (the knowledge base's
codes), so a query's country can agree or conflict with a listed party's."""

from __future__ import annotations

import re

from kizuna.text.translit import strip_accents

__all__ = ["country_code", "split_country_prefix"]

_NAMES = {
    "AF": "afghanistan", "AL": "albania", "DZ": "algeria", "AO": "angola", "AR": "argentina",
    "AM": "armenia", "AU": "australia", "AT": "austria", "AZ": "azerbaijan", "BH": "bahrain",
    "BD": "bangladesh", "BY": "belarus|byelorussia", "BE": "belgium", "BZ": "belize",
    "BO": "bolivia", "BA": "bosnia and herzegovina|bosnia", "BR": "brazil", "BG": "bulgaria",
    "MM": "burma|myanmar", "KH": "cambodia", "CA": "canada", "CF": "central african republic",
    "CL": "chile", "CN": "china|peoples republic of china|prc|mainland china|cn",
    "CO": "colombia", "CD": "democratic republic of the congo|congo democratic republic|drc",
    "CG": "congo|republic of the congo", "CR": "costa rica", "HR": "croatia", "CU": "cuba",
    "CY": "cyprus", "CZ": "czech republic|czechia", "DK": "denmark", "DO": "dominican republic",
    "EC": "ecuador", "EG": "egypt", "SV": "el salvador", "ER": "eritrea", "EE": "estonia",
    "ET": "ethiopia", "FI": "finland", "FR": "france", "GE": "georgia", "DE": "germany",
    "GH": "ghana", "GR": "greece", "GT": "guatemala", "HT": "haiti", "HN": "honduras",
    "HK": "hong kong|hong kong sar|hong kong china", "HU": "hungary", "IN": "india",
    "ID": "indonesia", "IR": "iran|islamic republic of iran", "IQ": "iraq", "IE": "ireland",
    "IL": "israel", "IT": "italy", "JM": "jamaica", "JP": "japan|jp", "JO": "jordan",
    "KZ": "kazakhstan", "KE": "kenya", "KP": "north korea|korea north|democratic peoples republic "
    "of korea|dprk|korea democratic peoples republic of", "KR": "south korea|korea south|republic "
    "of korea|korea republic of|korea", "KW": "kuwait", "KG": "kyrgyzstan", "LA": "laos",
    "LV": "latvia", "LB": "lebanon", "LY": "libya", "LT": "lithuania", "LU": "luxembourg",
    "MO": "macau|macao", "MK": "north macedonia|macedonia", "MY": "malaysia", "ML": "mali",
    "MT": "malta", "MX": "mexico", "MD": "moldova", "MN": "mongolia", "ME": "montenegro",
    "MA": "morocco", "MZ": "mozambique", "NA": "namibia", "NP": "nepal", "NL": "netherlands",
    "NZ": "new zealand", "NI": "nicaragua", "NE": "niger", "NG": "nigeria", "NO": "norway",
    "OM": "oman", "PK": "pakistan", "PS": "palestinian territories|west bank|gaza|palestine",
    "PA": "panama", "PY": "paraguay", "PE": "peru", "PH": "philippines", "PL": "poland",
    "PT": "portugal", "QA": "qatar", "RO": "romania", "RU": "russia|russian federation|ru",
    "RW": "rwanda", "SA": "saudi arabia", "SN": "senegal", "RS": "serbia", "SG": "singapore",
    "SK": "slovakia", "SI": "slovenia", "SO": "somalia", "ZA": "south africa",
    "SS": "south sudan", "ES": "spain", "LK": "sri lanka", "SD": "sudan", "SE": "sweden",
    "CH": "switzerland", "SY": "syria|syrian arab republic", "TW": "taiwan", "TJ": "tajikistan",
    "TZ": "tanzania", "TH": "thailand", "TR": "turkey|turkiye", "TM": "turkmenistan",
    "UG": "uganda", "UA": "ukraine|crimea region of ukraine", "AE": "united arab emirates|uae",
    "GB": "united kingdom|uk|great britain|england", "US": "united states|usa|united states of "
    "america|us", "UY": "uruguay", "UZ": "uzbekistan", "VE": "venezuela", "VN": "vietnam|viet nam",
    "YE": "yemen", "ZM": "zambia", "ZW": "zimbabwe", "VU": "vanuatu", "MH": "marshall islands",
    "LR": "liberia", "VG": "british virgin islands|virgin islands british", "KY": "cayman islands",
    "SC": "seychelles", "MU": "mauritius", "BS": "bahamas", "TG": "togo", "CM": "cameroon",
    "TN": "tunisia", "IS": "iceland",
}
_LOOKUP: dict[str, str] = {}
for _code, _names in _NAMES.items():
    for _n in _names.split("|"):
        _LOOKUP[_n] = _code
_BY_LENGTH = sorted((n for n in _LOOKUP if len(n) >= 4), key=len, reverse=True)
_CLEAN = re.compile(r"[^a-z ]+")


def country_code(value: str | None) -> str | None:
    """ISO alpha-2 for a country name or code as written in a list; None when unknown."""
    if not value:
        return None
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper() if text.upper() in _NAMES or text.upper() == "INT" else None
    key = _CLEAN.sub(" ", strip_accents(text).lower().replace("'", "")).split()
    joined = " ".join(w for w in key if w != "the")
    if joined in _LOOKUP:
        return _LOOKUP[joined]
    padded = f" {joined} "
    for name in _BY_LENGTH:  # "People's Republic of China 23rd Research Institute"
        if f" {name} " in padded:
            return _LOOKUP[name]
    return None


def split_country_prefix(text: str) -> tuple[str | None, str]:
    """("CN", "Abascience Tech Co. Ltd") for "People's Republic of China Abascience Tech Co. Ltd":
    some METI records lost their name into the address field after the country."""
    words = text.replace("'", "").split()
    for n in range(min(6, len(words)), 0, -1):
        code = _LOOKUP.get(_CLEAN.sub(" ", strip_accents(" ".join(words[:n])).lower()).strip())
        if code:
            rest = " ".join(text.split()[n:])
            return code, rest
    return None, text

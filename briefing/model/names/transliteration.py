"""One spelling for the transliterations of a name: Dzhumaliev, Djumaliev, Jumaliyev.

Names from Cyrillic, Arabic or Chinese reach English copy spelt as each outlet
(or each translation engine) transliterates them. Comparing the raw spellings
(fuzz.ratio 'Dzhumaliev'/'Jumaliyev' is 74) misses them; comparing them after
folding the usual alternatives (dzh/dj/zh/j, ts/tz/c, kh/h, y/i, w/v, French
"ou" before a vowel for "w", doubled letters) makes them one spelling, while unrelated names stay far apart. The
table is generic (no names): the alternatives of common romanisation systems.
Linear in the name's length.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RULES = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("tch", "ch"),
    ("tsch", "ch"),
    ("ts", "c"),
    ("tz", "c"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
)
_DOUBLE = re.compile(r"(.)\1+")
_FRENCH_W = re.compile(r"ou(?=[aeio])")
"""French copy writes an English "w" before a vowel as "ou": Okonkouo/Okonkwo, Ouattara/Wattara."""


@lru_cache(maxsize=65536)
def fold_spelling(name: str) -> str:
    """``name`` lowercased, accents dropped, common transliteration alternatives made one."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = _FRENCH_W.sub("w", plain)
    for old, new in _RULES:
        plain = plain.replace(old, new)
    return _DOUBLE.sub(r"\1", plain)

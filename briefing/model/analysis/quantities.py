"""Reading quantities as written: digits, written-out numbers, money and percentages.

"€800bn", "800 billion euros", "EUR 800 billion", "eight hundred billion euros"
are one amount; "12 per cent", "12%" and "twelve percent" one share. Two
things need this: the faithfulness check (every number a fact states is in
its evidence) and the disagreement detector (two sources giving different
totals or shares). One reader serves both.

Every pattern here is a single left-to-right pass without nested repetition;
a written-out number is read from a bounded run of words.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import chain

from briefing.model.analysis.patterns import by_first_letter
from briefing.model.text import case_folded

UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₴": "UAH", "₩": "KRW"}
_CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "jpy": "JPY",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "won": "KRW",
}

_WORD_NUMBER = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_UNIT_WORD = "|".join(sorted(list(UNITS)[:10], key=len, reverse=True))
_NUMBER_WORDS_RUN = (
    rf"{by_first_letter(_WORD_NUMBER.split('|'))}(?:[\s-]+(?:and[\s-]+)?(?:{_WORD_NUMBER}|hundred|thousand))*"
    rf"(?:\s+point(?:\s+(?:{_UNIT_WORD}))+)?"
)
"""Written-out numbers: "twenty-five", "two hundred and ten", "one point two"."""
_SCALE = r"(?:trillion|billions?|millions?|thousand|bn|tn|mn|m|k|b)"
_NUMBER_AFTER = (
    rf"(?P<num>{_DIGITS}|{_NUMBER_WORDS_RUN})"
    rf"(?:[\s-]*(?P<scale>{_SCALE})(?!\w)|(?![\w]|[.,]\d))"
)
_NUMBER = re.compile(rf"(?<![\w.,]){_NUMBER_AFTER}", re.IGNORECASE)
"""A number where it starts: not after a word character, a point or a comma."""
_NUMBER_SCAN = re.compile(rf"[^\w.,]{_NUMBER_AFTER}", re.IGNORECASE)
"""The same numbers but the first, each found with the character before it.

A pattern opening with a look-behind is tried at every position of the text; one
opening with a character class is searched for in C between the characters of
that class (a fifth of an article), about twice as fast. The character before
is never inside the number before it (a number ends with a word character), so
the scan finds the same numbers; a number at the very start has no character
before it and is matched there with ``_NUMBER`` (:func:`_numbers`)."""
_NUMBER_LOWER = re.compile(_NUMBER.pattern, _NUMBER.flags & ~re.IGNORECASE)
_NUMBER_SCAN_LOWER = re.compile(_NUMBER_SCAN.pattern, _NUMBER.flags & ~re.IGNORECASE)
"""``_NUMBER`` and ``_NUMBER_SCAN`` for a text lowered by :func:`briefing.model.text.case_folded`."""
_DOLLAR_PREFIXES = {"US": "USD", "A": "AUD", "C": "CAD", "NZ": "NZD"}
_SIGN = re.compile(r"(?:US|A|C|NZ)?([€$£¥₴₩])\s?\Z")
_CODES = ("EUR", "USD", "GBP", "JPY", "UAH")
_CODE_BEFORE = re.compile(rf"\b({'|'.join(_CODES)})\s?\Z")
"""A sign or code, then at most one white space character, right before the number:
``\\Z``, not ``$``, which also matches before a final newline and read "€ \\n12" as
money starting one character after the sign."""
MONEY_CUES = frozenset(_CURRENCY_SIGNS) | {code[-1] for code in _CODES}
"""What ``_SIGN`` or ``_CODE_BEFORE`` needs in the last three characters before a number
(a sign or a code's last letter, then at most one white space character): most
numbers have neither, and their two searches are not made."""
_UNIT_AFTER = re.compile(
    r"[\s-]*(?:(?P<pct>%|per\s?cent\b|percent\b)|(?:of\s+)?(?P<cur>euros?|dollars?|pounds?(?:\s+sterling)?"
    r"|sterling|yen|hryvnias?|won|eur|usd|gbp|jpy|uah)\b)",
    re.IGNORECASE,
)
_UNIT_AFTER_LOWER = re.compile(_UNIT_AFTER.pattern, _UNIT_AFTER.flags & ~re.IGNORECASE)
"""``_UNIT_AFTER`` for a text lowered by :func:`briefing.model.text.case_folded`."""


def _word_number(run: str) -> float | None:
    """ "twenty-five" -> 25, "two hundred and ten" -> 210, "three thousand" -> 3000."""
    whole, _, decimals = run.lower().partition(" point ")
    if decimals:
        digits = [UNITS.get(w) for w in decimals.split()]
        if any(d is None or d > 9 for d in digits):
            return None
        base = _word_number(whole)
        return None if base is None else base + float("0." + "".join(str(d) for d in digits))
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", run.lower()):
        if word == "and" or not word:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


_GROUPED = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
"""Digits in groups of three ("1,200", "1.500"): thousands, not a fraction."""
_GROUPED_DECIMAL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_FRACTION = re.compile(r"[.,](\d+)$")


def _step(raw: str) -> float:
    """One unit of the last digit written: "1.25" -> 0.01, "1,200" -> 1, "twelve" -> 1."""
    if " point " in raw.lower():
        return 10.0 ** -len(raw.lower().partition(" point ")[2].split())
    if raw[0].isalpha() or _GROUPED.fullmatch(raw):
        return 1.0
    fraction = _FRACTION.search(raw)
    return 10.0 ** -len(fraction.group(1)) if fraction else 1.0


def _digits(raw: str) -> float | None:
    """ "1,200" / "1.200" (thousands) -> 1200; "1.5" / "1,5" (decimal) -> 1.5; None
    for digits no convention reads as one number ("3.513.5": points as thousands
    and as the decimal point at once; a version number, a reference): no quantity,
    where it was a ValueError out of ``validate`` and ``export`` (Hypothesis found it)."""
    if _GROUPED.fullmatch(raw):  # "1.500" in European style is 1500
        return float(raw.replace(",", "").replace(".", ""))
    if _GROUPED_DECIMAL.fullmatch(raw):
        return float(raw.replace(",", ""))
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number as written, with its unit."""

    value: float
    kind: str
    """``money``, ``percent`` or ``number``."""
    currency: str | None
    start: int
    end: int
    text: str
    step: float = 1.0
    """One unit of the last digit as written, scaled ("€1.2bn": 0.1bn): the figure's precision."""

    def shown(self) -> str:
        """The amount in one form ("EUR 800,000,000,000" -> "EUR 800bn")."""
        if self.kind == "percent":
            return f"{self.value:g}%"
        if self.kind == "money":
            for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
                if self.value >= scale:
                    return f"{self.currency} {self.value / scale:g}{word}"
            return f"{self.currency} {self.value:,.0f}"
        return f"{self.value:g}"


def number_matches(scanned: str, lowered: bool = False) -> Iterator[re.Match[str]]:
    """The matches of ``_NUMBER`` over ``scanned``, left to right (``_NUMBER_LOWER`` when
    ``lowered``): where each number starts is its ``num`` group's start."""
    first, scan = (_NUMBER_LOWER, _NUMBER_SCAN_LOWER) if lowered else (_NUMBER, _NUMBER_SCAN)
    at_start = first.match(scanned)
    if at_start is None:
        return scan.finditer(scanned)
    return chain((at_start,), scan.finditer(scanned, at_start.end()))


def quantities(text: str, kinds: Collection[str] | None = None) -> Iterator[Quantity]:
    """Every number in ``text`` with its unit (money, percent, or a plain number).

    ``kinds`` keeps only quantities of those kinds (``money``, ``percent``,
    ``number``): the amount detector wants a quarter of an article's numbers,
    and a number's kind is known before its value is read. Numbers are found
    over the text lowered when that finds the same places
    (:func:`briefing.model.text.case_folded`); what they say is read from ``text``.
    """
    lowered = case_folded(text)
    scanned, unit_after = (text, _UNIT_AFTER) if lowered is None else (lowered, _UNIT_AFTER_LOWER)
    for match in number_matches(scanned, lowered is not None):
        start, end = match.start("num"), match.end()
        before = text[max(0, start - 4) : start]
        cued = not MONEY_CUES.isdisjoint(before[-3:])
        sign = _SIGN.search(before) if cued else None
        code = _CODE_BEFORE.search(before) if cued else None
        after = unit_after.match(scanned, end)
        if after is not None and after.group("pct"):
            kind = "percent"
        elif sign is not None or code is not None or (after is not None and after.group("cur")):
            kind = "money"
        else:
            kind = "number"
        if kinds is not None and kind not in kinds:
            continue
        raw = text[start : match.end("num")]
        scale_at = match.start("scale")
        scale_word = text[scale_at : match.end("scale")].lower() if scale_at >= 0 else ""
        if scale_word in ("m", "b", "k") and not (sign or code or (after and after.group("cur"))):
            scale_word = ""  # "5 m" is five metres, "Plan B" is not a billion
            end = start + len(raw)
        value = _word_number(raw) if raw[0].isalpha() else _digits(raw)
        if value is None:
            continue
        step = _step(raw) * SCALES.get(scale_word, 1.0)
        value *= SCALES.get(scale_word, 1.0)
        currency = None
        if kind == "percent":
            assert after is not None
            end = after.end()
        elif sign is not None or code is not None:
            currency = _CURRENCY_SIGNS[sign.group(1)] if sign else code.group(1) if code else None
            start -= len(sign.group()) if sign else len(code.group()) if code else 0
            prefix = sign.group()[: sign.start(1) - sign.start()] if sign else ""
            currency = _DOLLAR_PREFIXES.get(prefix, currency)
        elif kind == "money":
            assert after is not None
            end = after.end()
            word = after.group("cur").lower().split()[0].removeprefix("of ")
            currency = _CURRENCY_WORDS.get(word, word.upper())
        yield Quantity(value, kind, currency, start, end, text[start:end], step)


def numbers_in(text: str) -> tuple[float, ...]:
    """The values of every number in ``text`` ("800 billion euros" -> 8e11, "30-day" -> 30).

    Years and other plain numbers are included: a fact's "2025" must be in its
    evidence as much as its "37".
    """
    return tuple(q.value for q in quantities(text))

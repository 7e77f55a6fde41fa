"""Worst cases of the text algorithms on hostile input: an article up to 1 MB, a quote up
to 10,000 characters, through what ``validate`` does with them.

For each (article, quote) the figure is the time of: splitting the article into
sentences, locating the quote (exact, normalised, lost-character tiers) and, when it
is not found, the closest passage made unique (the "did you mean"). Two parts:

- the hostile corpus: the cases reported against the old code and our own;
- a Hypothesis search guided by ``target()`` towards the slowest input it can build,
  up to 1 MB and 10,000 characters; its worst case is printed. Its articles are
  repeated hostile blocks (runs of end marks, one long token, "a a a", non-ASCII
  letters and "?", dot leaders, ...), text that is all non-ASCII (Cyrillic, CJK,
  Arabic, accents in NFD, NFKC expansions, zero-width and odd white space), long
  runs of one character, and mixed scripts with combining marks; its quotes are a
  block, another block, or a slice of the article with a typo.

This is a benchmark, not a test: the machine is shared, so read figures as orders of
magnitude. The goal is every case under 2 s.

    python -m benchmarks.hostile_bench [--quick] [--examples N]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, target
from hypothesis import strategies as st

from briefing.model.anchoring import Anchorer, closest_passage
from briefing.model.text import Article

ARTICLE_MAX = 1_000_000
QUOTE_MAX = 10_000
GOAL = 2.0

SEEDS = " ".join(p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))) or (
    "Leaders met in Paris on Tuesday. " * 50
)


@dataclass
class Figure:
    name: str
    seconds: float
    article: int
    quote: int


def validate_text(article: str, quote: str) -> float:
    """Seconds for the text work validate does on one article and one quote."""
    started = time.perf_counter()
    anchorer = Anchorer(Article.from_text(article))
    if not anchorer.find_all(quote):
        closest_passage(anchorer, quote)
    return time.perf_counter() - started


def corpus() -> dict[str, tuple[str, str]]:
    """The hostile corpus: issue #20's cases and our own."""
    big = (SEEDS * 200)[:ARTICLE_MAX]
    return {
        "40,000 dots": ("a" + "." * 40_000 + " B", "a quote"),
        "1 MB of dots": ("." * ARTICLE_MAX, "." * QUOTE_MAX + "x"),
        "1 MB of ? and …": ("?…" * (ARTICLE_MAX // 2), "?" * QUOTE_MAX + "x"),
        "dot leaders": (("Contents" + "." * 200 + " 4\n") * 4_700, "Contents 5"),
        "long token before every stop": (("a" * 41 + ". B ") * 22_000, "a. C"),
        "9,000-char quote in 94 KB": (big[:94_000], big[30_000:39_000].replace("the", "teh")),
        "20,000-char text in 100 KB (capped at 10,000)": (big[:100_000], big[1_000:11_000][::-1]),
        "10,000-char quote in 1 MB news": (big, big[500_000:510_000].replace("e", "3")),
        "a*1MB, a*10000+b": ("a" * ARTICLE_MAX, "a" * QUOTE_MAX + "b"),
        "'a '*500K, 'a '*5000+b": ("a " * (ARTICLE_MAX // 2), "a " * (QUOTE_MAX // 2) + "b"),
        "one 1 MB word": ("x" * ARTICLE_MAX, "y" * QUOTE_MAX),
        "é and ? (lost-character tier)": (
            ("é" * 1000 + "?") * 990,
            "é" * 9_000 + "?" + "é" * 999 + "x",
        ),
        "ASCII and ? (lost-character tier)": (("ab?" * 333_000), "ab?" * 3_000 + "é"),
        "1 MB Cyrillic, quote not found": (
            ("Привет мир это тест. " * 50_000)[:ARTICLE_MAX],
            "Совсем другой текст здесь " * 384,
        ),
        "1 MB CJK, quote not found": (
            ("这是一个测试句子。" * 120_000)[:ARTICLE_MAX],
            "完全不同的文字" * 1_428,
        ),
        "1 MB of é, 10,000 ü": ("é" * ARTICLE_MAX, "ü" * QUOTE_MAX),
        "1 MB NFD accents": ("e\u0301 " * (ARTICLE_MAX // 3), "o\u0308 " * 3_333),
        "1 MB of … (expands to ...)": ("…" * ARTICLE_MAX, "… x"),
        "1 MB of a and zero-width": ("a\u200b" * (ARTICLE_MAX // 2), "a b"),
        "1 MB of 'a  ' (double spaces)": ("a  " * (ARTICLE_MAX // 3), "a b"),
        "1 MB, a million distinct characters": (
            "".join(chr(c) for c in range(0x20, 0x110000) if not 0xD800 <= c < 0xE000)[
                :ARTICLE_MAX
            ],
            "quote not there",
        ),
        "1 MB mixed scripts and marks": (
            ("Zürich 東京 Москва e\u0301 ﬁ “q” — مرحبا " * 40_000)[:ARTICLE_MAX],
            "Berlin never appears here",
        ),
    }


BLOCKS = st.sampled_from(
    [
        ".", "?", "…", "!?", ". ", "a", "a ", "aaaa. B ", "U.S.", "é", "é?", "?é", " ",
        "\n", "A", "Mr. ", "“", "( ", "\t", "ab", "x" * 50,
        # Dot leaders and repeated short tokens.
        "Contents" + "." * 40 + " 4\n", "a  ", "no. 1. ",
        # All non-ASCII: scripts, NFD accents, expansions, invisible and odd spaces.
        "Привет мир. ", "這是測試。", "مرحبا بالعالم. ", "e\u0301", "\u0301", "ﬁ", "\ufdfa",
        "\u200b", "\u00a0", "\u3000", "Ω", "\U0001f600", "가", "\u1100\u1161",
        "ｆｕｌｌ", "①", "ß", "İ",
    ]
)  # fmt: skip

CHARACTERS = st.characters(blacklist_categories=("Cs",))
"""Any character (mixed scripts, combining marks, controls, non-BMP), for random text."""


@st.composite
def article_text(draw: st.DrawFn, size: int) -> tuple[str, str]:
    """(how it was made, an article of ``size`` characters) in one of the hostile shapes."""
    shape = draw(st.sampled_from(["blocks", "one-character-run", "random-mixed"]))
    if shape == "blocks":
        block = "".join(draw(st.lists(BLOCKS, min_size=1, max_size=6)))
        return f"block={block!r}", (block * (size // len(block) + 1))[:size]
    if shape == "one-character-run":
        char = draw(CHARACTERS)
        return f"run of {char!r}", char * size
    # Random mixed text, repeated: every kind of character, and as many distinct ones
    # as a short sample holds.
    sample = draw(st.text(CHARACTERS, min_size=1, max_size=400))
    return f"mixed sample of {len(sample)}", (sample * (size // len(sample) + 1))[:size]


@st.composite
def hostile_pair(draw: st.DrawFn) -> tuple[str, str, str]:
    """(description, article, quote) in the hostile shapes, up to the limits."""
    size = draw(st.sampled_from([10_000, 100_000, ARTICLE_MAX]))
    made, article = draw(article_text(size))
    kind = draw(st.sampled_from(["block", "slice-with-typo", "other-block"]))
    length = draw(st.sampled_from([50, 1_000, QUOTE_MAX]))
    if kind == "block":
        block = article[: draw(st.integers(1, 64))]
        quote = (block * (length // len(block) + 1))[:length] + draw(
            st.sampled_from(["", "b", "é", "\u0301"])
        )
    elif kind == "other-block":
        _, other = draw(article_text(length))
        quote = other
    else:
        start = draw(st.integers(0, max(0, len(article) - length)))
        quote = article[start : start + length]
        at = len(quote) // 2
        quote = quote[:at] + "Z" + quote[at + 1 :]
    quote = quote[:QUOTE_MAX]
    described = f"{made} article={len(article):,} quote={kind}:{len(quote):,}"
    return described, article, quote


def search(examples: int) -> tuple[float, str]:
    """The slowest case a targeted Hypothesis search finds in ``examples`` tries."""
    worst: list[tuple[float, str]] = [(0.0, "")]

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.target],
        suppress_health_check=list(HealthCheck),
    )
    @given(hostile_pair())
    def run(pair: tuple[str, str, str]) -> None:
        described, article, quote = pair
        if not quote.strip():
            return
        seconds = validate_text(article, quote)
        target(seconds)
        if seconds > worst[0][0]:
            worst[0] = (seconds, described)

    run()
    return worst[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer Hypothesis examples")
    parser.add_argument("--examples", type=int, default=None)
    args = parser.parse_args(argv)
    figures = []
    for name, (article, quote) in corpus().items():
        figures.append(Figure(name, validate_text(article, quote), len(article), len(quote)))
    print(f"{'case':48} {'article':>9} {'quote':>7} {'seconds':>8}")
    for f in figures:
        flag = "" if f.seconds < GOAL else "  OVER 2 s"
        print(f"{f.name:48} {f.article:>9,} {f.quote:>7,} {f.seconds:8.3f}{flag}")
    examples = args.examples or (15 if args.quick else 60)
    seconds, described = search(examples)
    print(f"\nHypothesis ({examples} examples, targeted at the slowest): worst {seconds:.3f} s")
    print(f"  {described}")
    worst = max([seconds, *(f.seconds for f in figures)])
    print(f"\nworst overall: {worst:.3f} s (goal: under {GOAL:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

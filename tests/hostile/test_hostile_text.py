"""Text algorithms on hostile input: linear sentence splitting, same sentences as before.

The old boundary pattern backtracked (a run of r full stops cost O(r²)) and the
token scan before each full stop searched the whole line (a long line of
"aaaa…a. B" pieces cost minutes). These tests pin the new bound with inputs that
took seconds to minutes before (an operation count, not a timer), and check
that ordinary prose still splits exactly as the old definition did.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support import REPO

from briefing.model import text as text_module
from briefing.model.text import split_sentences

# The definition before this change, kept verbatim as the reference for ordinary text.
_OLD_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Þ])")
_OLD_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _old_is_abbreviation(line: str, dot: int) -> bool:
    window = max(0, dot - 40)
    word = _OLD_WORD_BEFORE.search(line, window, dot)
    if word is not None and word.start() == window and window > 0:
        word = _OLD_WORD_BEFORE.search(line, 0, dot)
    if word is None:
        return False
    token = word.group(1)
    if token.lower().rstrip(".") in text_module._ABBREVIATIONS:
        return True
    if not (
        text_module.pattern(text_module._INITIALISM).match(token)
        and (len(token) == 1 or "." in token)
    ):
        return False
    following = text_module.pattern(text_module._NEXT_WORD).match(
        line, dot + 1 + (len(line) > dot + 1 and line[dot + 1] == " ")
    )
    return following is None or following.group(1) not in text_module._SENTENCE_STARTERS


def old_split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        start = 0
        for match in _OLD_BOUNDARY.finditer(line):
            if match.group().startswith(".") and _old_is_abbreviation(line, match.start()):
                continue
            text_module._add(line, line_start, start, match.end(), spans)
            start = match.end()
        text_module._add(line, line_start, start, len(line), spans)
        line_start += len(line) + 1
    return spans


WORDS = st.sampled_from(
    [
        "the", "The", "He", "She", "It", "talks", "Paris", "U.S.", "Dr.", "Mr.", "e.g.",
        "J.", "Smith", "No.", "Jan.", "2025", "3.5", "Macron", "Élysée", "über", "said",
        "\"We", "(Reuters)", "'yes'", "“Quoted”", "etc.", "approx.", "A", "I", "x",
    ]
)  # fmt: skip
ENDS = st.sampled_from([".", "?", "!", "…", "...", "?!", '."', ".”", "!)", ".'", ":", ",", ";", ""])
SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", " \n"])


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Ordinary news-like text: words, end punctuation, quotes, abbreviations, breaks."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        parts.append(draw(WORDS) + draw(ENDS) + draw(SPACE))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(prose())
def test_ordinary_text_splits_as_the_old_definition(text: str) -> None:
    assert split_sentences(text) == old_split_sentences(text)


def test_seed_articles_split_as_the_old_definition() -> None:
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert split_sentences(text) == old_split_sentences(text), path.name


HOSTILE_LINES = {
    "dots": "." * 200_000,
    "question-marks": "?" * 200_000,
    "ellipses": "…" * 200_000,
    "mixed-end-marks": "!?" * 100_000,
    "quoted-full-stops": '."' * 100_000,
    "dots-then-a-capital": "a" + "." * 200_000 + " B",
    "long-token-before-every-stop": ("a" * 41 + ". B ") * 5_000,
    "initialisms": "U.S." * 50_000 + " He",
    "dots-then-spaces": "." * 100_000 + " " * 100_000 + "x",
    "openers": "“" + "( " * 100_000,
    "dot-leaders": ("Contents" + "." * 2_000 + " 4\n") * 100,
}
"""Each took from tens of seconds to many minutes with the old definition."""

_SCRIPT = """
import sys, time
from briefing.model.text import split_sentences
from tests.hostile.test_hostile_text import HOSTILE_LINES
for name, line in HOSTILE_LINES.items():
    started = time.perf_counter()
    split_sentences(line)
    print(name, time.perf_counter() - started, flush=True)
"""


def test_splitting_hostile_lines_takes_linear_time() -> None:
    """A never-hang check, not a benchmark: each ~200,000-character line must split in
    well under 2 s (it takes milliseconds; the old quadratic definition took minutes,
    so the subprocess's own time limit stops it and the test fails)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(REPO / "tests") + ":" + str(REPO), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    times = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())
    assert set(times) == set(HOSTILE_LINES)
    slow = {name: seconds for name, seconds in times.items() if float(seconds) > 2.0}
    assert not slow


def test_the_tense_of_a_run_on_sentence_is_read_in_linear_time() -> None:
    """Each past form looked behind itself from the sentence's start: a 96 KB run-on
    sentence took ~60 s (quadratic); the look-behind now reads a bounded window.
    A never-hang ceiling, not a benchmark (linear: ~0.15 s here)."""
    import time

    from briefing.model.analysis.dates.tense import reports_past_event, sentence_tense

    sentence = "they walked " * 8_000 + "the revised plan will be discussed on Tuesday"
    started = time.perf_counter()
    assert sentence_tense(sentence, len(sentence) - 10, len(sentence)) == "future"
    assert reports_past_event(sentence)
    assert time.perf_counter() - started < 10
    # The bounded window still sees "the revised" and "will be discussed".
    assert sentence_tense("the revised plan on Tuesday", 17) is None
    assert sentence_tense("talks will be discussed on Tuesday", 24) == "future"

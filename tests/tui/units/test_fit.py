"""The fitting rules (tui/fit.py) on their own: cut names, column shares, wrapped cells."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from briefing.tui.fit import Column, fit_columns, shorten, shorten_text, tail_start, wrap_cell


def test_a_cut_name_ends_in_an_ellipsis_and_keeps_its_kind() -> None:
    assert shorten("European countries (group)", 20) == "European co… (group)"
    assert shorten("Commonwealth of Nations (organisation)", 26) == "Commonweal… (organisation)"
    assert shorten("European countries (group)", 26) == "European countries (group)"


def test_a_long_one_word_kind_is_abbreviated_before_the_name_loses_too_much() -> None:
    assert shorten("European Union (organisation)", 21) == "European Union (org.)"
    assert shorten("European Commission (organisation)", 21) == "European Comm… (org.)"
    # two similar names stay apart
    assert shorten("European Union (organisation)", 25) != shorten(
        "European Commission (organisation)", 25
    )


def test_several_trailing_tags_are_kept_together() -> None:
    label = "Poland: logistics hub for the coalition [offered] [single source C3]"
    assert tail_start(label) == label.index(" [offered]")
    cut = shorten(label, 50)
    assert cut.endswith("… [offered] [single source C3]") and cell_len(cut) <= 50


def test_without_room_for_the_kind_the_name_is_cut_at_the_width() -> None:
    cut = shorten("European countries (group)", 12)
    assert cut == "European co…" and cell_len(cut) == 12
    assert shorten("A name (with) no tail at the end", 10) == "A name (w…"


def test_wide_characters_are_measured_in_cells() -> None:
    cut = shorten("日本国政府の代表団 (group)", 14)
    assert cut == "日本国政府の…" and cell_len(cut) == 13  # 12 cells of name: the tag gives way
    cut = shorten("日本国政府の代表団 (group)", 10)
    assert cut == "日本国政…" and cell_len(cut) == 9
    assert shorten("日本国政府の代表団 (group)", 12) == "日本国政府…"
    assert shorten("日本国政府の代表団 (group)", 20) == "日本国政府… (group)"


def test_a_review_mark_is_not_counted_as_the_name() -> None:
    # "? actor: " says what a candidate is; the name after it keeps its ten cells.
    assert shorten("? actor: Mercosur (organisation)", 26) == "? actor: Mercosur (org.)"
    assert shorten("? actor: Dairy Farmers of Canada (person)", 26) == "? actor: Dairy Farmers of…"
    assert shorten("? actor: Dairy Farmers of Canada (person)", 14) == "? actor: Dair…"


def test_support_tags_give_way_before_the_name_is_cut_short() -> None:
    label = "2025-03-11 Meeting of defence chiefs in Paris [2 src/2 outlets C2]"
    assert shorten(label, 26) == "2025-03-11 Meeting of def…"  # not "2025-… [2 src/2 outlets C2]"
    assert shorten(label, 60) == "2025-03-11 Meeting of defence chiefs i… [2 src/2 outlets C2]"


def test_important_columns_are_kept_and_the_rest_added_while_they_fit() -> None:
    columns = [
        Column("date", "Date"),
        Column("title", "Title", minimum=20, weight=3),
        Column("status", "Status", priority=1),
        Column("notes", "Notes", priority=2, minimum=16),
    ]
    natural = [10, 80, 7, 40]
    narrow = fit_columns(columns, natural, 50)
    assert narrow[0] == 10 and narrow[2] == 7 and narrow[3] is None
    assert sum(w + 2 for w in narrow if w is not None) == 50  # the title took the rest
    wide = fit_columns(columns, natural, 100)
    assert wide[3] is not None and wide[3] >= 16
    assert sum(w + 2 for w in wide if w is not None) == 100
    roomy = fit_columns(columns, natural, 300)
    assert roomy == natural  # no column wider than its widest cell


def test_a_long_cell_wraps_and_says_where_it_is_cut() -> None:
    cell = Text("Meeting of the defence ministers of the five main European powers", style="bold")
    wrapped = wrap_cell(cell, 20, 2)
    lines = wrapped.plain.split("\n")
    assert len(lines) == 2 and all(cell_len(line) <= 20 for line in lines)
    assert lines[1].endswith("…")
    assert wrapped.style == "bold"
    assert wrap_cell(Text("short"), 20, 2).plain == "short"
    assert wrap_cell(cell, 40, 3).plain.replace("\n", " ") == cell.plain  # fits in 2 lines


def test_a_styled_label_keeps_its_style_across_the_cut() -> None:
    """The cursor row's colour runs unbroken over the "…" and an abbreviated kind."""
    label = Text("European Commission (organisation)", style="")
    label.stylize("reverse")
    cut = shorten_text(label, 21)
    assert cut.plain == "European Comm… (org.)"
    covered = {
        i for span in cut.spans if span.style == "reverse" for i in range(span.start, span.end)
    }
    assert covered == set(range(len(cut.plain)))

"""One list of user commands drives the key bindings, the footer, the palette and the help screen.

Each user action is a small class: its docstring is the help text, its class
attributes the default keys, the action it runs and how it shows in the footer.
Because every view of the keys is generated from ``COMMANDS`` (and the keys in
force are read back from the user's keymap), the footer, the command palette,
the help screen and ``docs/keys.md`` cannot disagree. The pattern is borrowed
from davep's textual-enhanced, written out here in a few lines instead of
taking a dependency.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from textual.app import App


class Command:
    """A user action with its default keys; subclasses are the commands."""

    BINDING_KEY: ClassVar[str] = ""
    """Default keys, comma-separated (Textual key names: ``slash``, ``question_mark``)."""
    ACTION: ClassVar[str] = ""
    FOOTER_TEXT: ClassVar[str] = ""
    PRIORITY: ClassVar[bool] = False
    IN_PALETTE: ClassVar[bool] = True
    FOOTER_RANK: ClassVar[int] = 0
    """Place in the footer, most important first (1); 0: never in the footer.

    A narrow footer keeps the keys with the lowest ranks and drops the rest
    whole, so no label is cut mid-word (see :func:`fit_footer`).
    """
    KEYWORDS: ClassVar[str] = ""
    """Other words the palette finds the command by ("keys" finds Help)."""

    @classmethod
    def id(cls) -> str:
        """The stable binding id users remap in keymap.toml: the class name in kebab-case."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower()

    @classmethod
    def title(cls) -> str:
        """The command's name for the palette and the help screen (from the class name)."""
        return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).capitalize()

    @classmethod
    def footer_text(cls) -> str:
        """The footer's label: FOOTER_TEXT where the full name is too long for one row."""
        return cls.FOOTER_TEXT or cls.title()

    @classmethod
    def help_text(cls) -> str:
        """The first paragraph of the docstring, on one line."""
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(doc.split())

    @classmethod
    def binding(cls) -> Binding:
        """The Textual binding, carrying the stable id so the keymap can remap it."""
        return Binding(
            cls.BINDING_KEY,
            cls.ACTION,
            cls.footer_text(),
            show=False,  # the footer is drawn from COMMANDS (widgets/key_bar.py)
            priority=cls.PRIORITY,
            tooltip=cls.help_text(),
            id=cls.id(),
        )


class Quit(Command):
    """Leave the reader."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "q", "quit", "Quit"
    FOOTER_RANK = 2


class Help(Command):
    """Show every key in force, with what it does, and a legend of every mark the reader draws."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "question_mark", "help", "Help"
    FOOTER_RANK = 1
    KEYWORDS = "keys legend colours"


class CommandPalette(Command):
    """Open the command palette: type to find any command and run it."""

    BINDING_KEY, ACTION, FOOTER_TEXT, PRIORITY = "ctrl+p", "command_palette", "Palette", True
    IN_PALETTE = False
    FOOTER_RANK = 15


class NextPane(Command):
    """Move the focus to the next pane."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "tab", "focus_next", "Next pane"
    FOOTER_RANK = 14


class PreviousPane(Command):
    """Move the focus to the previous pane."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "shift+tab", "focus_previous", "Previous pane"


class CursorDown(Command):
    """Move down in the focused pane (the arrow keys, Page Up/Down, Home and End work too)."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "j", "cursor_down", "Down"


class CursorUp(Command):
    """Move up in the focused pane."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "k", "cursor_up", "Up"


class FollowLink(Command):
    """Follow the selected link: a pledge to its actor, an actor to its pledges and meetings, evidence to its sentence."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "enter", "follow", "Follow"
    FOOTER_RANK = 3


class NextEvidence(Command):
    """Show the current fact's next evidence item, across sources."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "n", "next_evidence", "Next"
    FOOTER_RANK = 4


class PreviousEvidence(Command):
    """Show the current fact's previous evidence item."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "N", "previous_evidence", "Previous evidence"


class Back(Command):
    """Go back to the previous item in the navigation history."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "backspace", "history_back", "Back"
    FOOTER_RANK = 5


class Forward(Command):
    """Go forward again in the navigation history."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "right_square_bracket", "history_forward", "Forward"


class ToggleMark(Command):
    """Mark or unmark the current fact (marked facts are what export writes)."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "space", "toggle_mark", "Mark"
    FOOTER_RANK = 6


class Timeline(Command):
    """Show the timeline: meetings by date, undated ones last."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "t", "timeline", "Timeline"
    FOOTER_RANK = 9


class Dates(Command):
    """Show the dates view: each meeting's date as written, what it resolves to and by which rule."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "d", "dates", "Dates"
    FOOTER_RANK = 12


class Disagreements(Command):
    """Show the disagreements found in the text: value per source, with the sentence."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "x", "disagreements", "Disputes"
    FOOTER_RANK = 11


class PledgeBoard(Command):
    """Show the pledge board: who offers what, with what status and on what condition."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "b", "pledge_board", "Board"
    FOOTER_RANK = 10


class WhatChanged(Command):
    """Show what changed since the last note exported from this pack (or the reader's --since DATE): new facts, pledge status changes, new values of disputed points, meetings now held; each is marked + in the navigator."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "w", "since", "Since"
    FOOTER_RANK = 16
    KEYWORDS = "since new changes changed"


class SearchActors(Command):
    """Find an actor by name or alias and open it."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "slash", "search", "Search"
    FOOTER_RANK = 8


class Export(Command):
    """Export the marked facts (or the whole pack)."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "e", "export", "Export"
    FOOTER_RANK = 7


class ZoomPane(Command):
    """Give the focused pane the whole screen, or put it back (handy on small terminals)."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "z", "zoom", "Zoom"
    FOOTER_RANK = 13


class ConfirmCandidate(Command):
    """Confirm the candidate under the cursor: its 'candidate: true' line is removed from the YAML."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "c", "confirm", "Confirm"
    FOOTER_RANK = 3


class RejectCandidate(Command):
    """Reject the candidate under the cursor: its record is removed (refused while anything refers to it)."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "delete", "reject", "Reject"
    FOOTER_RANK = 4


class MergeActor(Command):
    """Merge the candidate actor under the cursor into another actor, chosen by fuzzy search: its names become aliases."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "m", "merge", "Merge"
    FOOTER_RANK = 9


class AddFact(Command):
    """Add a fact from the article: the selected words, else the highlighted sentence (a form to adjust it)."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "a", "add_fact", "Add fact"
    FOOTER_RANK = 3


class UndoEdit(Command):
    """Undo the last edit of the pack's YAML (repeatedly): the files get their previous bytes back."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "u", "undo_edit", "Undo"
    FOOTER_RANK = 6


class CloseView(Command):
    """Close the view or dialog on top (timeline, board, search, export, help): back to the reader."""

    BINDING_KEY, ACTION, FOOTER_TEXT = "escape", "close_view", "Close"
    IN_PALETTE = False
    FOOTER_RANK = 1


COMMANDS: tuple[type[Command], ...] = (
    Quit,
    Help,
    CloseView,
    CommandPalette,
    NextPane,
    PreviousPane,
    CursorDown,
    CursorUp,
    FollowLink,
    NextEvidence,
    PreviousEvidence,
    Back,
    Forward,
    ToggleMark,
    Timeline,
    Dates,
    Disagreements,
    PledgeBoard,
    WhatChanged,
    SearchActors,
    Export,
    ZoomPane,
    ConfirmCandidate,
    RejectCandidate,
    MergeActor,
    AddFact,
    UndoEdit,
)
COMMAND_IDS = frozenset(command.id() for command in COMMANDS)
DIALOG_COMMANDS = frozenset({CloseView.ACTION, CommandPalette.ACTION})
"""The reader's commands a dialog lets through (its ``APP_COMMANDS``): the rest of
the keys belong to the dialog (a letter typed in the export dialog is a file name)."""
FORM_COMMANDS = DIALOG_COMMANDS | {NextPane.ACTION, PreviousPane.ACTION}
"""What a dialog with several fields (the export's format, file name, options and
buttons) lets through besides: tab and shift+tab move between its fields. Without
them the keys did nothing there (the app's focus commands are the only binding of
tab), and the format, the options and the buttons could be reached by mouse only."""


def bindings() -> list[Binding]:
    """The app's BINDINGS, one per command."""
    return [command.binding() for command in COMMANDS]


def keys_in_force(keymap: Mapping[str, str], command: type[Command]) -> list[str]:
    """The keys that run ``command`` now: the user's keymap entry, else the default."""
    return [key.strip() for key in keymap.get(command.id(), command.BINDING_KEY).split(",")]


def fit_footer(entries: list[tuple[int, str, str]], width: int) -> list[int]:
    """Which footer entries fit in ``width`` cells: the most important first, none cut.

    ``entries`` are (rank, key shown, label) in the order they are drawn; the
    answer is their indexes, still in that order. An entry takes its key, a
    space and its label, and two cells between entries. Whole entries are
    dropped from the least important up, so a narrow footer shows the keys that
    matter most and never half a word.
    """
    chosen: set[int] = set()
    used = 0
    for index in sorted(range(len(entries)), key=lambda i: entries[i][0]):
        _rank, key, text = entries[index]
        cost = len(key) + 1 + len(text) + (2 if chosen else 0)
        if used + cost <= width:
            chosen.add(index)
            used += cost
    return sorted(chosen)


def keys_markdown() -> str:
    """The text of docs/keys.md (a test checks the committed file is current)."""
    lines = [
        "# Keys",
        "",
        "Generated from `briefing/tui/commands.py` (`python -m briefing.tui.commands`).",
        "Remap any key in `$XDG_CONFIG_HOME/briefing/keymap.toml` (default",
        "`~/.config/briefing/keymap.toml`; the `BRIEFING_KEYMAP` environment variable",
        "names another file), using the binding ids below and Textual key names:",
        "",
        "```toml",
        "[keymap]",
        'next-evidence = "n,ctrl+n"',
        'back = "backspace,h"',
        "```",
        "",
        "The help screen (`?`) always shows the keys in force.",
        "",
        "| default keys | binding id | what it does |",
        "|---|---|---|",
    ]
    for command in COMMANDS:
        keys = ", ".join(f"`{key}`" for key in command.BINDING_KEY.split(","))
        lines.append(f"| {keys} | `{command.id()}` | {command.help_text()} |")
    return "\n".join(lines) + "\n"


class CommandsProvider(Provider):
    """The command palette: every command, with the key that runs it now."""

    def _entries(self) -> list[tuple[str, str, str, str]]:
        """(name with keys, action, help, extra words to match) for each palette command."""
        app: App[object] = self.app
        keymap: Mapping[str, str] = getattr(app, "keymap", {})
        entries = []
        for command in COMMANDS:
            if not command.IN_PALETTE:
                continue
            keys = " ".join(
                app.get_key_display(Binding(k, "")) for k in keys_in_force(keymap, command)
            )
            name = f"{command.title()} ({keys})"
            entries.append((name, command.ACTION, command.help_text(), command.KEYWORDS))
        return entries

    async def discover(self) -> Hits:
        """All commands, before anything is typed."""
        for name, action, help_text, _ in self._entries():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name (or one of its keywords: "keys" finds Help) matches."""
        matcher = self.matcher(query)
        for name, action, help_text, keywords in self._entries():
            score = max([matcher.match(name), *(matcher.match(w) for w in keywords.split())])
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=help_text,
                )


if __name__ == "__main__":
    print(keys_markdown(), end="")

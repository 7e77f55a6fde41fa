"""Export (``e``): write the briefing note for the marked facts, or the whole pack.

The modal asks for the format and the file name (a default built from the pack's
title and as-of date, in the current folder), and, for a note, the CLI's two
options: include the candidates (``--candidates``; offered only when the pack
has some) and open with what changed since the last note (``--since last``). It never replaces a file silently:
when the file exists, the first Export only says so and the second, with the same
name, replaces it. Rendering and writing are the same functions the CLI uses
(``briefing.export.render_chunks``, ``write_atomic``), so the two cannot disagree.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from briefing.export import SelectionError, remember_export, render_chunks, without_candidates
from briefing.model.derived import Derived
from briefing.model.io import LAST, WriteRefused, since_date, write_atomic
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.tui.commands import FORM_COMMANDS, CloseView

FORMATS = (
    ("md", "Markdown note (.md)"),
    ("html", "HTML note (.html)"),
    ("json", "JSON data (.json)"),
)
EXTENSIONS = {fmt: f".{fmt}" for fmt, _ in FORMATS}


def default_name(pack: Pack, fmt: str) -> str:
    """``briefing-<title slug>-<as_of>.<ext>``: recognisable, sortable, safe on any file system."""
    slug = re.sub(r"[^a-z0-9]+", "-", pack.meta.title.casefold()).strip("-")[:40].strip("-")
    as_of = re.sub(r"[^0-9-]", "", pack.meta.as_of)
    return f"briefing-{slug or 'note'}-{as_of}{EXTENSIONS[fmt]}"


class FormatChoice(RadioSet):
    """The format buttons: space picks one, enter picks the one under the cursor and exports.

    RadioSet's own enter only toggled the button, so enter (which exports from
    the file name) seemed to do nothing here.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose_and_export", "Export", show=False)
    ]

    class Chosen(Message):
        """Enter on a format: export in it."""

        def __init__(self, button_id: str | None) -> None:
            super().__init__()
            self.button_id = button_id

    def action_choose_and_export(self) -> None:
        # RadioSet marks the button under its cursor with the -selected class.
        chosen = None
        for button in self.query("RadioButton.-selected").results(RadioButton):
            button.value = True
            chosen = button.id
        self.post_message(self.Chosen(chosen))


class ExportScreen(ModalScreen[None]):
    """Format, file name, Export; escape cancels."""

    APP_COMMANDS: ClassVar[frozenset[str]] = FORM_COMMANDS
    """The only reader commands offered over this dialog (``check_action`` reads it)."""

    # Escape comes from the one command list (id close-view), so a keymap remap applies here too.
    BINDINGS: ClassVar[list[BindingType]] = [CloseView.binding()]

    def __init__(self, marked: frozenset[str]) -> None:
        super().__init__()
        self.marked = marked
        self.fmt = "md"
        self.confirmed: Path | None = None
        """The existing file the user has been warned about (a second Export replaces it)."""
        self.since_day = ""
        """The date ``--since`` would mean here (the reader's own, else the last note's)."""

    @property
    def pack(self) -> Pack:
        pack = getattr(self.app, "pack", None)
        assert isinstance(pack, Pack)
        return pack

    def compose(self) -> ComposeResult:
        count = len(self.marked)
        scope = (
            f"{count} marked item{'s' if count != 1 else ''}"
            if count
            else "the whole pack (nothing marked)"
        )
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            box.border_subtitle = "enter export · escape cancel"
            yield Static(f"Scope: {scope}", id="export-scope", markup=False)
            yield Label("Format", classes="export-label")
            with FormatChoice(id="export-format"):
                for index, (fmt, label) in enumerate(FORMATS):
                    yield RadioButton(label, value=index == 0, id=f"format-{fmt}")
            yield Label("File", classes="export-label")
            yield Input(default_name(self.pack, self.fmt), id="export-file")
            if without_candidates(self.pack, None) is not None:
                yield Checkbox(
                    "Include candidates (unconfirmed actors, draft facts)",
                    id="export-candidates",
                )
            self.since_day = self._since_day()
            if self.since_day:
                yield Checkbox(f"Open with what changed since {self.since_day}", id="export-since")
            yield Static("", id="export-status", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-file", Input).focus()
        self._show_target()

    def _since_day(self) -> str:
        """The date of ``--since`` for this reader (its ``--since``, else ``last``); "" if none."""
        try:
            day, _why = since_date(self.pack, getattr(self.app, "since_arg", None) or LAST)
        except ValueError:
            return ""
        return day

    def _option(self, widget_id: str) -> bool:
        """A note option's checkbox is ticked (False when the dialog does not offer it)."""
        found = self.query(f"#{widget_id}").results(Checkbox)
        return any(box.value for box in found)

    # -- choices -------------------------------------------------------------------------------

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._choose(event.pressed.id)

    @on(FormatChoice.Chosen)
    def _chosen(self, event: FormatChoice.Chosen) -> None:
        """Enter on a format: that format, then export (before the radio's own message)."""
        if event.button_id is not None:
            self._choose(event.button_id)
        self._export()

    def _choose(self, button_id: str | None) -> None:
        """Use this format, and give the file name its extension."""
        self.fmt = (button_id or "format-md").removeprefix("format-")
        field = self.query_one("#export-file", Input)
        path = Path(field.value)
        if path.suffix in EXTENSIONS.values():  # keep the user's name, change only its extension
            field.value = str(path.with_suffix(EXTENSIONS[self.fmt]))
        # The JSON contract keeps candidates (flagged) and has no "since" section.
        for box in self.query("#export-box Checkbox").results(Checkbox):
            box.disabled = self.fmt == "json"

    @on(Input.Changed, "#export-file")
    def _file_changed(self) -> None:
        self.confirmed = None
        self._show_target()

    def _target(self) -> Path | None:
        value = self.query_one("#export-file", Input).value.strip()
        return Path(value).expanduser() if value else None

    def _show_target(self, message: str | None = None) -> None:
        """Say where the note will go, or (``message``) what stands in the way, as a warning."""
        target = self._target()
        status = self.query_one("#export-status", Static)
        status.set_class(message is not None, "-warning")
        if message is None:
            message = "Give a file name." if target is None else f"Writes {target.absolute()}"
        message = clean_line(message)
        status.update(message)

    # -- export --------------------------------------------------------------------------------

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-file")
    def _export(self) -> None:
        target = self._target()
        if target is None:
            self._show_target()
            return
        force = False
        if target.exists() and not target.is_dir():
            if self.confirmed != target:
                self.confirmed = target
                self._show_target(f"{target} already exists. Press Export again to replace it.")
                return
            force = True
        try:
            derived = getattr(self.app, "derived", None)
            analysis = derived.analysis if isinstance(derived, Derived) else None
            note = self.fmt != "json"
            pieces = render_chunks(
                self.pack,
                self.fmt,
                only=self.marked or None,
                analysis=analysis,
                candidates=note and self._option("export-candidates"),
                since=self.since_day if note and self._option("export-since") else None,
            )
            written = write_atomic(target, pieces, force=force)
        except (SelectionError, WriteRefused) as exc:
            self._show_target(str(exc))
            self.notify(str(exc), severity="error", markup=False)
            return
        remember_export(self.pack, self.fmt, str(written))
        self.notify(
            f"Wrote {clean_line(str(target))} ({written.stat().st_size} bytes)", markup=False
        )
        self.dismiss(None)

    @on(Button.Pressed, "#export-cancel")
    def action_close_view(self) -> None:
        """Escape: back to the reader, nothing chosen."""
        self.dismiss(None)

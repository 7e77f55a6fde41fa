"""The main screen's keys: zoom, the footer row it carries, and why a disabled key does nothing.

Split out of ``main.py`` (the panes and every route to an item): :class:`MainScreen`
is built on this.
"""

from __future__ import annotations

from typing import Protocol, cast

from textual import events
from textual.screen import Screen

from briefing.tui.commands import COMMANDS, keys_in_force
from briefing.tui.widgets.key_bar import KeyBar


class CommandHost(Protocol):
    """What this screen asks of the app about commands (the app is not imported: no cycle)."""

    keymap: dict[str, str]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None: ...

    def unavailable_reason(self, action: str) -> str: ...

    def wait_for(self, action: str) -> bool: ...

    waiting_for: str | None


class MainKeys(Screen[None]):
    """Zoom and the footer of the main screen (its base class)."""

    @property
    def zoomed(self) -> bool:
        """True while one pane has the screen (header and footer stay)."""
        return self.query_one("#panes").has_class("-zoomed")

    def zoom(self) -> None:
        """z: the focused pane alone between header and footer, or the three panes again."""
        panes = self.query_one("#panes")
        for pane in panes.children:
            pane.remove_class("-zoom-target")
        if not self.zoomed and self.focused is not None:
            target = next((p for p in panes.children if self.focused in (p, *p.query("*"))), None)
            if target is not None:
                target.add_class("-zoom-target")
                panes.add_class("-zoomed")
        else:
            panes.remove_class("-zoomed")
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw the footer (the app calls it when what is available may have changed)."""
        self.query_one(KeyBar).refresh_keys()

    def on_screen_suspend(self) -> None:
        """A dialog or view opened on top: this footer (visible under a dialog) follows it."""
        self.call_after_refresh(self.refresh_keys)

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self.refresh_keys)

    def on_key(self, event: events.Key) -> None:
        """A key whose command is shown disabled says briefly why nothing happened.

        One that waits for the background work is remembered and runs when the work is
        done (the notice says so); any other key forgets it.
        """
        app = cast("CommandHost", self.app)
        for command in COMMANDS:
            if event.key in keys_in_force(app.keymap, command):
                if app.check_action(command.ACTION, ()) is None:
                    app.wait_for(command.ACTION)
                    reason = app.unavailable_reason(command.ACTION)
                    if reason:
                        self.notify(reason, timeout=2, markup=False)
                else:
                    app.waiting_for = None
                return
        app.waiting_for = None

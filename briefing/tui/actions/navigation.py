"""The commands that move around the reader: cursor, links, evidence, history, marks, zoom.

Each is one line on the main screen (or the focused pane); they live here so the
app module keeps to availability and the footer. Escape closes the view
on top, whatever it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[None]
else:
    _AppBase = object  # a mixin at run time: Textual sees only the app's own class


class NavigationActions(_AppBase):
    """The moving commands of :class:`briefing.tui.app.BriefingApp` (a mixin)."""

    if TYPE_CHECKING:  # what the app provides
        main: MainScreen

    def action_close_view(self) -> None:
        """Escape: dismiss the view or dialog on top (its result is "nothing chosen")."""
        screen = self.screen
        if len(self.screen_stack) > 1 and not isinstance(screen, MainScreen):
            screen.dismiss(None)

    def action_cursor_down(self) -> None:
        """j: whatever "down" means in the focused pane."""
        self._cursor("down")

    def action_cursor_up(self) -> None:
        """k: whatever "up" means in the focused pane."""
        self._cursor("up")

    def _cursor(self, direction: str) -> None:
        focused = self.focused
        if focused is None:
            return
        for name in (f"action_cursor_{direction}", f"action_scroll_{direction}"):
            method = getattr(focused, name, None)
            if method is not None:
                method()
                return

    def action_follow(self) -> None:
        self.main.follow()

    def action_next_evidence(self) -> None:
        self.main.step_evidence(1)

    def action_previous_evidence(self) -> None:
        self.main.step_evidence(-1)

    def action_history_back(self) -> None:
        self.main.back()

    def action_history_forward(self) -> None:
        self.main.forward()

    def action_toggle_mark(self) -> None:
        self.main.toggle_mark()

    def action_zoom(self) -> None:
        """Give the focused pane the whole screen between header and footer, or put it back."""
        self.main.zoom()

"""Shown instead of the reader while the terminal is too small to use.

Below a few columns Textual's OptionList divides by a zero width and crashes
(measured: ``range() arg 3 must not be zero``), and nothing is readable in a
handful of cells anyway. While the terminal is below :data:`MIN_SIZE` this plain
screen sits on top of the stack, so the screens under it are not laid out at
all; when the terminal grows again it is popped and they lay out at the new size.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MIN_SIZE = (40, 10)
"""Columns, rows: the smallest terminal the reader lays itself out in."""


class TooSmallScreen(Screen[None]):
    """One line asking for a bigger terminal; q still quits."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,ctrl+c", "app.quit", "Quit", show=False)]

    def compose(self) -> ComposeResult:
        width, height = MIN_SIZE
        yield Static(
            Content(f"Terminal too small: the reader needs at least {width}x{height}."),
            id="too-small",
        )


def check_size(app: App[None], size: Size | None = None) -> None:
    """Cover the reader when the terminal is too small, uncover it when it is not.

    ``size`` is the new size from a Resize event (``app.size`` still holds the
    old one while the event is handled).
    """
    width, height = size or app.size
    small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
    showing = isinstance(app.screen, TooSmallScreen)
    if small and not showing:
        app.push_screen(TooSmallScreen())
    elif not small and showing:
        # Later, not now: while the Resize event is handled app.size is still the
        # old, small size, and the uncovered screen would lay itself out in it.
        app.call_later(_uncover, app)


def _uncover(app: App[None]) -> None:
    width, height = app.size
    big_enough = width >= MIN_SIZE[0] and height >= MIN_SIZE[1]
    if big_enough and isinstance(app.screen, TooSmallScreen):
        app.pop_screen()

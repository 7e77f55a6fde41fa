"""What the panes show while a slow pack read goes on: one still line, the seconds counted.

Textual's own loading indicator redraws its animation sixteen times a second.
Over a first read of 1,000 articles (~5 s) that was 110-160 frames, each taking
the interpreter from the read: panes filled 8.3-11.3 s with it against 7.2-9.4 s
without (three interleaved pairs, load average ~6). This line is drawn once a
second, and the count says the reader is working.
"""

from __future__ import annotations

from time import monotonic

from textual.widgets import Static

TEXT = "Reading the pack…"


class ReadingNotice(Static):
    """The main screen's loading widget (see ``MainScreen.get_loading_widget``)."""

    def __init__(self) -> None:
        super().__init__(TEXT, markup=False)
        self._began = monotonic()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        self.update(f"{TEXT} {monotonic() - self._began:.0f} s")

"""The footer: the keys that work now, most important first, drawn from ``COMMANDS``.

Textual's own Footer lists every binding of the focused chain: over a dialog it
kept offering the reader's keys (which did nothing there), at 80 columns it cut
the last label mid-word, and a widget's own ``enter`` hid the reader's. This bar
asks the app which commands are available (``check_action``, the one place that
says so), keeps those that fit by ``FOOTER_RANK`` (:func:`fit_footer`) and draws
each as a clickable key. Disabled commands are drawn dimmed, hidden ones not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from briefing.tui.commands import fit_footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyBar(Static):
    """One row of ``key label`` pairs for the screen it sits on."""

    shown: str = ""
    """The bar's text as drawn (what the tests read)."""

    def on_mount(self) -> None:
        # Textual signals a screen's bindings change (focus moved, refresh_bindings):
        # the bar follows its own screen's signal.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.refresh_keys)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh_keys()

    def on_resize(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw from the commands available now (cheap: a dozen short strings)."""
        footer_entries = getattr(self.app, "footer_entries", None)
        if footer_entries is None or not self.is_mounted or not self.size.width:
            return  # not laid out yet: nothing fits; its first resize draws it
        entries: list[tuple[int, str, str, str, bool]] = footer_entries()
        fitted = fit_footer(
            [(rank, key, text) for rank, key, text, _, _ in entries], self.size.width
        )
        parts = []
        for index in fitted:
            _rank, key, text, action, enabled = entries[index]
            if enabled:
                # The action is one of COMMANDS' own names, never user text.
                parts.append(
                    Content.from_markup(
                        f"[@click=app.{action}][b $accent]$key[/] $text[/]", key=key, text=text
                    )
                )
            else:
                parts.append(Content.from_markup("[dim]$key $text[/]", key=key, text=text))
        content = Content("  ").join(parts)
        self.shown = content.plain
        self.update(content)

"""The commands that open something over the reader: the views, search, export, help.

Each view module is imported by the action that opens it: together with the
analysis they show, they were a third of the time to the first frame. The
"since" handling is here too: ``--since`` marks the navigator when the pack
loads (:meth:`ViewActions.show_since`), and the ``since`` command lists it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from briefing.tui.commands import COMMANDS, keys_in_force

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from briefing.model.derived import Derived
    from briefing.model.pack import Pack
    from briefing.tui.screens.main import MainScreen
    from briefing.tui.screens.view import PackView

    _AppBase = App[None]
else:
    _AppBase = object  # a mixin at run time: Textual sees only the app's own class


class ViewActions(_AppBase):
    """The view-opening commands of :class:`briefing.tui.app.BriefingApp` (a mixin)."""

    if TYPE_CHECKING:  # what the app provides
        since_arg: str | None
        pack: Pack | None
        derived: Derived | None
        main: MainScreen
        keymap: dict[str, str]
        keymap_file: Path

        @property
        def marked(self) -> frozenset[str]: ...

    def action_help(self) -> None:
        """Push the help screen built from the commands and the keys in force."""
        rows = []
        for command in COMMANDS:
            keys = " ".join(
                self.get_key_display(Binding(k, "")) for k in keys_in_force(self.keymap, command)
            )
            rows.append((keys, command.title(), command.help_text()))
        from briefing.tui.legend import legend_rows
        from briefing.tui.screens.help import HelpScreen
        from briefing.tui.widgets.source_view import SourceView

        note = (
            f'Remap keys in {self.keymap_file} ([keymap] binding-id = "keys"; ids in docs/keys.md).'
        )
        source_view = self.main.query_one(SourceView)
        legend = legend_rows(lambda kind: source_view.get_visual_style(f"source-view--{kind}"))
        self.push_screen(HelpScreen(rows, note, legend))

    def _to_main(self) -> None:
        while self.screen is not self.main and len(self.screen_stack) > 1:
            self.pop_screen()

    def _toggle_view(self, view: type[PackView]) -> None:
        """Open a view of the pack over the reader, or close it when it is the one showing."""
        if isinstance(self.screen, view):
            self.screen.dismiss(None)
            return
        self._to_main()
        assert self.derived is not None
        self.push_screen(view(self.derived), self.main.open_item)

    def action_timeline(self) -> None:
        """Open the timeline (or close it when it is showing)."""
        from briefing.tui.screens.timeline import TimelineScreen

        self._toggle_view(TimelineScreen)

    def action_dates(self) -> None:
        """Open the dates view (or close it when it is showing)."""
        from briefing.tui.screens.dates import DatesScreen

        self._toggle_view(DatesScreen)

    def action_disagreements(self) -> None:
        """Open the disagreements view (or close it when it is showing)."""
        from briefing.tui.screens.disagreements import DisagreementsScreen

        self._toggle_view(DisagreementsScreen)

    def action_pledge_board(self) -> None:
        """Open the pledge board (or close it when it is showing)."""
        from briefing.tui.screens.pledges import PledgeBoardScreen

        self._toggle_view(PledgeBoardScreen)

    def action_since(self) -> None:
        """Open the "Since DATE" view (or close it when it is showing)."""
        from briefing.tui.screens.since import SinceScreen

        if isinstance(self.screen, SinceScreen):
            self.screen.dismiss(None)
            return
        self.show_since(push=True)

    def show_since(self, *, push: bool) -> None:
        """Mark what changed since the date in the navigator; with ``push``, list it in a view."""
        from briefing.model.analysis import changes_since
        from briefing.model.io import LAST, since_date
        from briefing.tui.screens.since import SinceScreen

        assert self.pack is not None
        day, why = since_date(self.pack, self.since_arg or LAST)
        changes = changes_since(self.pack, day)
        self.main.set_since(changes.item_ids())
        if push:
            self._to_main()
            assert self.derived is not None
            self.push_screen(SinceScreen(self.derived, changes, why), self.main.open_item)

    def action_search(self) -> None:
        """Open actor search."""
        from briefing.tui.screens.search import SearchScreen

        self._to_main()
        assert self.derived is not None
        self.push_screen(SearchScreen(self.derived), self.main.open_item)

    def open_actor(self, actor_id: str) -> None:
        """Open an actor on the main screen (the palette's actor entries)."""
        self._to_main()
        self.main.open_item(actor_id)

    def action_export(self) -> None:
        """Open export: what is marked, or the whole pack."""
        from briefing.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.marked))

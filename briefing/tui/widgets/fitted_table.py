"""A DataTable whose columns fit its width: the important ones shown, long cells wrapped.

A plain DataTable sizes each column to its widest cell, so a long title pushes
the columns after it off-screen (the timeline's "As written" drawn one
character wide at 120 columns, the board's conditions never seen). This table
keeps its rows as given and lays them out again whenever its width changes:
``fit.fit_columns`` chooses the columns and their widths, ``fit.wrap_cell``
wraps each cell over at most ``max_lines`` lines (rows grow to fit). What a
narrow table leaves out, the view's panel below shows in full.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from briefing.tui.fit import Column, fit_columns, wrap_cell


class FittedTable(DataTable[Text]):
    """Rows of ``Text`` cells under ``columns``, laid out again for each width."""

    DEFAULT_CSS = """
    FittedTable {
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, columns: Sequence[Column], *, max_lines: int = 2, id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.columns_spec = tuple(columns)
        self.max_lines = max_lines
        self._rows: dict[str, list[Text]] = {}
        self._natural = [cell_len(c.label) for c in self.columns_spec]
        self._laid_out_for = -1
        self.widths: list[int | None] = [None] * len(self.columns_spec)
        """Each column's width as drawn, None for a column left out (what the tests read)."""

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Text]]]) -> None:
        """Show these rows (key and one cell per column), laid out for the current width."""
        self._rows = {key: list(cells) for key, cells in rows}
        self._natural = [cell_len(c.label) for c in self.columns_spec]
        for cells in self._rows.values():
            for index, cell in enumerate(cells):
                widest = max(cell_len(line) for line in cell.plain.split("\n"))
                self._natural[index] = max(self._natural[index], widest)
        self._laid_out_for = -1
        self._layout()

    def set_cell(self, row_key: str, column_key: str, cell: Text) -> None:
        """Change one cell, in the rows kept and (if its column is shown) on screen."""
        index = next(i for i, c in enumerate(self.columns_spec) if c.key == column_key)
        self._rows[row_key][index] = cell
        width = self.widths[index]
        if width is not None:
            self.update_cell(row_key, column_key, wrap_cell(cell, width, self.max_lines))

    @property
    def row_ids(self) -> list[str]:
        """Row keys in the order shown (known before the first layout)."""
        return list(self._rows)

    def shown_columns(self) -> list[str]:
        """The keys of the columns drawn at this width."""
        return [c.key for c, w in zip(self.columns_spec, self.widths, strict=True) if w is not None]

    def _available(self) -> int:
        """Cells for the columns: the content width, one kept for the scrollbar."""
        return max(0, self.size.width - 1)

    def on_resize(self, event: events.Resize) -> None:
        """A new width: choose the columns and wrap the cells again."""
        self._layout()

    def _layout(self) -> None:
        width = self._available()
        if width <= 0 or width == self._laid_out_for:
            return
        self._laid_out_for = width
        self.widths = fit_columns(self.columns_spec, self._natural, width, 2 * self.cell_padding)
        row = self.cursor_row
        self.clear(columns=True)
        shown = [(i, w) for i, w in enumerate(self.widths) if w is not None]
        for index, width in shown:
            column = self.columns_spec[index]
            self.add_column(column.label, width=width, key=column.key)
        for key, cells in self._rows.items():
            wrapped = [wrap_cell(cells[i], width, self.max_lines) for i, width in shown]
            height = max((len(cell.plain.split("\n")) for cell in wrapped), default=1)
            self.add_row(*wrapped, key=key, height=height)
        if self._rows:
            self.move_cursor(row=min(max(row, 0), len(self._rows) - 1), animate=False)

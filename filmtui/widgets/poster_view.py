"""A poster drawn with half blocks (Line API), or one line saying why there is none."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from filmtui.text import clean

if TYPE_CHECKING:
    from filmtui.poster_art import Grid

HALF_BLOCK = "▀"


class PosterView(Widget):
    """Cells centred in the widget, each "▀" with the top pixel as foreground and the bottom
    pixel as background; or a message, wrapped, when there is no image to draw."""

    DEFAULT_CSS = """
    PosterView {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, message: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.message = clean(message)
        self.grid: Grid = []
        self._rows: list[list[Segment]] = []

    def show_message(self, message: str) -> None:
        """Show `message` (plain text) instead of an image."""
        self.message, self.grid, self._rows = clean(message), [], []
        self.refresh()

    def show_grid(self, grid: Grid) -> None:
        """Draw `grid` (rows of (top, bottom) colours)."""
        self.message, self.grid = "", grid
        self._rows = [[Segment(HALF_BLOCK, _style(top, bottom)) for top, bottom in row] for row in grid]
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if not self._rows:
            lines = textwrap.wrap(self.message, max(1, width)) if self.message else []
            text = lines[y] if y < len(lines) else ""
            return Strip([Segment(text, self.rich_style)]).extend_cell_length(width, self.rich_style)
        row = y - max(0, (height - len(self._rows)) // 2)
        if not 0 <= row < len(self._rows):
            return Strip.blank(width, self.rich_style)
        left = max(0, (width - len(self._rows[row])) // 2)
        cells = [Segment(" " * left, self.rich_style), *self._rows[row]]
        return Strip(cells).crop_extend(0, width, self.rich_style)


def _style(top: tuple[int, int, int], bottom: tuple[int, int, int] | None) -> Style:
    return Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*bottom) if bottom else None)

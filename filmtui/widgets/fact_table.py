"""A film's facts as two columns: a label, and its value wrapping beside it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget

#: The label column, with the gap after it.
LABEL = 13


class FactTable(Widget):
    """Label and value in two columns, a long value wrapping under itself, not under its label.

    What a rich Table gave, made as Content lines for the width at hand: the Table measured and
    wrapped every cell on each render, most of a film page's first frame (3.9 ms against
    0.6 ms a render for Heat's facts).
    """

    DEFAULT_CSS = "FactTable { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: Sequence[tuple[str, str]] = ()
        self._label = Style()
        self._lines: tuple[int, list[Content]] = (-1, [])

    def show(self, rows: Sequence[tuple[str, str]], label: Style) -> None:
        """List `rows` (label, value: shown as given, never as markup), labels in `label`."""
        self._rows = rows
        self._label = label
        self._lines = (-1, [])
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The table's lines at `width` cells."""
        if self._lines[0] != width:
            made: list[Content] = []
            room = max(1, width - LABEL - 1)  # a cell kept free at the right, as the Table did
            for name, value in self._rows:
                wrapped = Content(value).wrap(room) or [Content("")]
                gap = " " * max(1, LABEL - cell_len(name))
                made.append(Content.assemble((name, self._label), gap, wrapped[0]))
                made += [Content.assemble(" " * LABEL, line) for line in wrapped[1:]]
            self._lines = (width, made)
        return self._lines[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))

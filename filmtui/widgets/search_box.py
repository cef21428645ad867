"""The film list's search box: an Input that leaves `?`, `[` and `]` to the screen's keys."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class SearchBox(Input):
    """Typing searches; `?` (help), `[` and `]` (back, forward) stay commands here too: the search
    ignores punctuation, so a query loses nothing by not containing them."""

    COMMAND_CHARACTERS = frozenset("?[]")

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        if character in self.COMMAND_CHARACTERS:
            return False
        return super().check_consume_key(key, character)

    def _watch_value(self, value: str) -> None:
        # Input's watcher sets `virtual_size`, a reactive that re-lays out the whole screen, on
        # every keystroke, when only this line changed (the box's size is fixed by the CSS).
        # Set quietly first, the watcher's own assignment is no change and lays nothing out;
        # the new width is still there for scrolling to the cursor.
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

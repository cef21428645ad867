"""The film list's search box: an Input that leaves `?`, `[` and `]` to the screen's keys."""

from __future__ import annotations

from textual.widgets import Input


class SearchBox(Input):
    """Typing searches; `?` (help), `[` and `]` (back, forward) stay commands here too: the search
    ignores punctuation, so a query loses nothing by not containing them."""

    COMMAND_CHARACTERS = frozenset("?[]")

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        if character in self.COMMAND_CHARACTERS:
            return False
        return super().check_consume_key(key, character)

"""Recently viewed: the last film pages opened (kept across runs), newest first."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from filmtui.screens.picked_films import PickedFilms, film_label


class RecentScreen(PickedFilms):
    """The film pages opened lately; Enter opens one again."""

    TITLE_TEXT = "Recently viewed"
    EMPTY_TEXT = "No film pages opened yet: the last 50 you open are listed here."

    def options(self) -> list[Option]:
        return [Option(Text(film_label(self.films, i)), id=str(i)) for i in self.films.recent()]

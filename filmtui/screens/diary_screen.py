"""The Diary: every viewing the user logged, by month, newest first; Enter opens the film."""

from __future__ import annotations

from calendar import month_name

from rich.text import Text
from textual.widgets.option_list import Option

from filmtui import film_page
from filmtui.models import Viewing
from filmtui.screens.picked_films import PickedFilms, film_label


def month_of(viewing: Viewing) -> str:
    """"December 2026", or "Undated" for a viewing with no day."""
    if viewing.date is None:
        return "Undated"
    year, month = viewing.date[:4], int(viewing.date[5:7])
    return f"{month_name[month]} {year}"


class DiaryScreen(PickedFilms):
    """Your viewings under a heading per month; the undated ones last."""

    TITLE_TEXT = "Your diary"
    EMPTY_TEXT = "No viewings logged yet: press v on a film (in the list or on its page) to log one."

    def options(self) -> list[Option]:
        entries = sorted(self.films.diary(), key=lambda e: (e[1].date is not None, e[1].date or ""), reverse=True)
        options: list[Option] = []
        month = None
        for n, (film_id, viewing) in enumerate(entries):
            if month_of(viewing) != month:
                month = month_of(viewing)
                options.append(Option(Text(month, style="bold"), disabled=True))
            line = f"  {film_label(self.films, film_id)} · {film_page.viewing_line(viewing, self.films.rating_scale)}"
            # A note's first line in the list (the film page has it all). Ids are unique per
            # row: a film seen twice is two rows.
            options.append(Option(Text(line.splitlines()[0]), id=f"{film_id}:{n}"))
        return options

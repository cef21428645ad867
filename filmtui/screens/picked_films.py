"""A page that lists films picked out of the collection (the diary, the recently viewed):
a title, the rows, a line when there are none; Enter opens a film, Esc goes back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from filmtui.film_source import FilmSource
from filmtui.requests import OpenFilm
from filmtui.text import clean
from filmtui.widgets.key_footer import KeyFooter
from filmtui.widgets.teardown import tolerates_teardown


def film_label(films: FilmSource, film_id: int) -> str:
    """"Heat (1995)", cleaned; "Film 949" for a film no longer in the collection."""
    summary = films.summary(film_id)
    if summary is None:
        return f"Film {film_id}"
    return f"{clean(summary.title)} ({summary.year})" if summary.year else clean(summary.title)


class PickedFilms(Screen):
    """Subclasses say what the page is called, what shows when it is empty, and its rows."""

    BINDINGS = [Binding("escape,backspace", "close", "Back")]
    TITLE_TEXT = ""
    EMPTY_TEXT = ""

    def __init__(self, films: FilmSource) -> None:
        super().__init__()
        self.films = films
        """Where the films and the user's data are read from (read-only)."""

    def compose(self) -> ComposeResult:
        yield Static(Content(self.TITLE_TEXT), id="picked-title")
        yield Static(Content(self.EMPTY_TEXT), id="picked-empty")
        yield OptionList(id="picked-list", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.fill()

    def on_screen_resume(self) -> None:
        # Back from a film opened here: that film may now head the list.
        self.fill()

    def options(self) -> list[Option]:
        """The rows: an Option per film (its id the film's), disabled ones for headings."""
        raise NotImplementedError

    @tolerates_teardown
    def fill(self) -> None:
        """List the rows again, keeping the cursor's row when it is still there."""
        rows = self.query_one("#picked-list", OptionList)
        keep = rows.highlighted
        options = self.options()
        rows.set_options(options)
        rows.display = bool(options)
        self.query_one("#picked-empty").display = not options
        if options:
            enabled = [i for i, o in enumerate(options) if not o.disabled]
            rows.highlighted = keep if keep is not None and keep in enabled else (enabled[0] if enabled else None)
            rows.focus()

    def mine_changed(self, film_id: int | None) -> None:
        """The user's data changed: list it again."""
        self.fill()

    @on(OptionList.OptionSelected, "#picked-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.post_message(OpenFilm(int(event.option_id.split(":")[0])))

    def action_close(self) -> None:
        """Back to where this page was opened from."""
        self.dismiss()

"""A film's poster, drawn in the terminal with half blocks; Esc, p or q closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from filmtui.requests import DrawPoster
from filmtui.text import clean
from filmtui.widgets.poster_view import PosterView
from filmtui.widgets.teardown import tolerates_teardown

if TYPE_CHECKING:
    from filmtui.poster_art import Grid


def heading(title: str, year: int | None) -> Content:
    """The film's title (plain text, never markup) and year."""
    return Content.assemble((clean(title), "bold"), f" ({year})" if year else "")


class PosterScreen(ModalScreen[None]):
    """Opens at once saying it is loading; a worker finds the poster (cache first, TMDB when a
    key allows), fits it to the screen and posts the cells back. Resizing draws it again."""

    BINDINGS = [Binding("escape,p,q", "dismiss", "Close", id="close_poster")]

    class Drawn(Message):
        """The poster's cells, fitted to `size`."""

        def __init__(self, size: Size, grid: Grid, title: str, year: int | None) -> None:
            self.size = size
            self.grid = grid
            self.title = title
            self.year = year
            super().__init__()

    class Failed(Message):
        """No poster to show, and the one line saying why."""

        def __init__(self, message: str) -> None:
            self.message = message
            super().__init__()

    def __init__(self, film_id: int, title: str = "", year: int | None = None) -> None:
        super().__init__()
        self.film_id = film_id
        self.film_title = title  # not `title`: Screen.title is the header's
        self.year = year
        self._asked: Size | None = None
        """The size the last drawing was asked for (None until the first is asked)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="poster-box"):
            yield Static(heading(self.film_title, self.year), id="poster-title")
            yield PosterView("Loading poster…", id="poster-view")
            yield Static(Content("Esc closes the poster."), classes="hint")

    def on_mount(self) -> None:
        self.call_after_refresh(self._ask)  # after layout, when the view knows its size

    @tolerates_teardown
    def on_resize(self) -> None:
        """A new terminal size: draw the shown poster again to fit (in the worker again)."""
        if self.query_one(PosterView).grid:
            self.call_after_refresh(self._ask)

    @tolerates_teardown
    def _ask(self) -> None:
        size = self.query_one(PosterView).size
        if size.area and size != self._asked:
            self._asked = size
            self.draw(size)

    def draw(self, size: Size) -> None:
        """Ask for the poster fitted to `size` cells (the App finds it off the event loop and
        answers with Drawn or Failed)."""
        self.post_message(DrawPoster(self.film_id, size))

    @on(Drawn)
    @tolerates_teardown
    def _drawn(self, event: Drawn) -> None:
        self.query_one("#poster-title", Static).update(heading(event.title, event.year))
        self.query_one(PosterView).show_grid(event.grid)
        self._ask()  # resized while it was being drawn: once more at the size it is now

    @on(Failed)
    @tolerates_teardown
    def _failed(self, event: Failed) -> None:
        self.query_one(PosterView).show_message(event.message)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

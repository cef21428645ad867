"""A person's page: their films in the catalogue, with their roles; Enter opens a film."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from filmtui.film_source import FilmSource
from filmtui.models import PersonCredit
from filmtui.people import merge_credits
from filmtui.requests import OpenFilm
from filmtui.text import clean
from filmtui.widgets.tmdb_status import RefreshPanel
from filmtui.widgets.teardown import tolerates_teardown


class PersonScreen(Screen):
    """Films of one person; credits are gathered in a worker from the in-memory summaries."""

    HELP_NOTE = "↑ ↓ and Enter (or a click) choose a film and open it."
    BINDINGS = [Binding("escape,backspace", "app.back", "Back", id="page_back", tooltip="back")]

    class Loaded(Message):
        """The person's credits are ready."""

        def __init__(self, name: str, credits: list[PersonCredit]) -> None:
            self.name = name
            self.credits = credits
            super().__init__()

    def __init__(self, films: FilmSource) -> None:
        super().__init__()
        self.films = films
        self._mounted = False
        self.person: str | None = None
        self.known: tuple[PersonCredit, ...] = ()
        """Credits the caller already knows (a crew job seen on a film's Cast tab)."""
        self.credits: list[PersonCredit] = []

    def compose(self) -> ComposeResult:
        yield Static(id="person-name")
        yield Static(id="person-count")
        yield OptionList(id="person-films", markup=False)
        yield RefreshPanel()
        yield Footer()

    def on_mount(self) -> None:
        self._mounted = True
        if self.person is not None:
            self.show_person(self.person, self.known)

    @tolerates_teardown
    def show_person(self, name: str, known: Sequence[PersonCredit] = ()) -> None:
        """Show `name`'s films (one PersonScreen serves every person page)."""
        self.person = name
        self.known = tuple(known)
        self.credits = []
        if not self._mounted:
            return  # on_mount comes back here
        self.query_one("#person-name", Static).update(Content(clean(name)).stylize("bold"))
        self.query_one("#person-count", Static).update(Content("Looking for their films…"))
        self.query_one("#person-films", OptionList).clear_options()
        self.load_credits(name, self.known)

    @work(thread=True, exclusive=True, group="person", exit_on_error=False)
    def load_credits(self, name: str, known: tuple[PersonCredit, ...]) -> None:
        """Gather credits off the event loop (the people index is built on first use)."""
        people = self.films.people()
        self.post_message(self.Loaded(name, merge_credits(people.credits(name), known)))

    @on(Loaded)
    @tolerates_teardown
    def _loaded(self, event: Loaded) -> None:
        if event.name != self.person:
            return  # an earlier page's answer
        self.credits = event.credits
        films = len({c.film_id for c in event.credits})
        noun = "film" if films == 1 else "films"
        self.query_one("#person-count", Static).update(
            Content(f"{films} {noun} in the catalogue")
        )
        options = self.query_one("#person-films", OptionList)
        prompts = []
        for number, credit in enumerate(event.credits):
            line = Text(clean(credit.title), style="bold")
            if credit.year:
                line.append(f" ({credit.year})")
            line.append("  " + clean(credit.role), style="dim")
            prompts.append(Option(line, id=f"{number}"))
        options.set_options(prompts)
        if prompts:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#person-films")
    def _open_film(self, event: OptionList.OptionSelected) -> None:
        credit = self.credits[int(event.option_id or 0)]
        self.post_message(OpenFilm(credit.film_id))

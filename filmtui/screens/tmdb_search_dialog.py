"""Search TMDB for a film the store lacks, and add the chosen one (ctrl+t, or from an empty search).

Searching and adding run in thread workers; the dialog only draws. Every title and overview comes
from TMDB, so it is cleaned and shown as plain text, never as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from filmtui.terms import TMDB_NOTICE, TMDB_WORDMARK
from filmtui.film_source import FilmSource
from filmtui.requests import AddFromTmdb, DiscoverTmdb, OpenFilm, SearchTmdb
from filmtui.text import clean
from filmtui.widgets.teardown import tolerates_teardown

if TYPE_CHECKING:
    from filmtui.models import Film
    from filmtui.tmdb import Candidate

#: "heat 1995": a query ending in a year searches that year.
_YEAR = re.compile(r"^(.*\S)\s+((?:18|19|20)\d\d)$")
#: Longest overview line shown under a candidate.
OVERVIEW_WIDTH = 100
#: What TMDB lists without a query, in the order Enter on an empty search goes through them.
DISCOVER = {"trending": "trending on TMDB this week", "popular": "popular on TMDB"}


def split_year(query: str) -> tuple[str, int | None]:
    """("heat", 1995) from "heat 1995"; (query, None) when it ends in no year."""
    match = _YEAR.match(query.strip())
    if match:
        return match.group(1), int(match.group(2))
    return query.strip(), None


def candidate_prompt(candidate: Candidate, stored: bool = False) -> Text:
    """Title (year), then the overview's first line, dimmed: plain Text, never markup."""
    title = clean(candidate.title) or f"#{candidate.id}"
    prompt = Text(title, style="bold")
    if candidate.year:
        prompt.append(f" ({candidate.year})")
    if candidate.original_title and candidate.original_title != candidate.title:
        prompt.append(f" · {clean(candidate.original_title)}")
    if stored:
        prompt.append(" · in your films", style="italic")
    first = clean(candidate.overview.strip().splitlines()[0] if candidate.overview.strip() else "")
    if len(first) > OVERVIEW_WIDTH:
        first = first[: OVERVIEW_WIDTH - 1].rstrip() + "…"
    prompt.append("\n  " + (first or "No overview on TMDB."), style="dim")
    return prompt


class TmdbSearchDialog(ModalScreen["Film | None"]):
    """Type a title, Enter searches TMDB; choose a result and Enter adds it. Esc closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_tmdb_search"),
        Binding("down", "focus_results", "Results", show=False, id="tmdb_results"),
    ]

    DEFAULT_CSS = """
    TmdbSearchDialog { align: center middle; }
    #tmdb-search-box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    #tmdb-search-title { text-style: bold; margin-bottom: 1; }
    #tmdb-search-status { height: auto; margin: 1 0 0 0; }
    #tmdb-results { height: auto; max-height: 16; border: none; margin-top: 1; }
    #tmdb-search-hint { color: $text-muted; margin-top: 1; }
    #tmdb-notice { color: $text-muted; }
    """

    class Found(Message):
        """TMDB's answer to a search: its films, or the one line saying why there are none."""

        def __init__(self, query: str, candidates: list[Candidate], problem: str,
                     listing: str = "") -> None:
            self.query = query
            self.candidates = candidates
            self.problem = problem
            self.listing = listing
            """"trending" or "popular" for a list TMDB gave without a query."""
            super().__init__()

    class Added(Message):
        """The film added from TMDB, or the one line saying why not."""

        def __init__(self, film: Film | None, problem: str) -> None:
            self.film = film
            self.problem = problem
            super().__init__()

    def __init__(self, films: FilmSource, query: str = "", discover: str | None = None) -> None:
        super().__init__()
        self.films = films
        self.initial_query = query
        self.discover = discover
        """Show TMDB's "trending" or "popular" films on opening (an empty query)."""
        self.listing = ""
        self.candidates: list[Candidate] = []
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="tmdb-search-box"):
            yield Static(Content("Search TMDB and add a film"), id="tmdb-search-title")
            yield Input(value=self.initial_query, placeholder="Title, optionally with a year: heat 1995",
                        id="tmdb-query")
            yield Static(Content(""), id="tmdb-search-status")
            yield OptionList(id="tmdb-results", markup=False)
            yield Static(
                Content("Enter searches (empty: trending, again: popular) · ↓ then Enter adds the film "
                        "or opens yours · Esc closes"),
                id="tmdb-search-hint",
            )
            yield Static(Content(f"{TMDB_WORDMARK}\n{TMDB_NOTICE}"), id="tmdb-notice")

    def on_mount(self) -> None:
        self.query_one("#tmdb-results").display = False
        query = self.query_one("#tmdb-query", Input)
        query.focus()
        if self.initial_query.strip():
            self.start_search(self.initial_query)
        elif self.discover in DISCOVER:
            self.start_listing(self.discover)

    def _status(self, text: str) -> None:
        self.query_one("#tmdb-search-status", Static).update(Content(clean(text)))

    # Search ---------------------------------------------------------------------------------

    @on(Input.Submitted, "#tmdb-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.start_search(event.value)
        else:  # an empty search: what TMDB lists this week, then what is popular
            self.start_listing("popular" if self.listing == "trending" else "trending")

    def start_listing(self, which: str) -> None:
        self._status(f"Asking TMDB for the films {DISCOVER[which]}…")
        self.post_message(DiscoverTmdb(which))

    def start_search(self, query: str) -> None:
        self._status(f"Searching TMDB for “{query.strip()}”…")
        self.search(query)

    def search(self, query: str) -> None:
        """Ask for TMDB's films matching `query` (the answer comes back as Found)."""
        self.post_message(SearchTmdb(query))

    @on(Found)
    @tolerates_teardown
    def _found(self, event: Found) -> None:
        query, found, problem = event.query, event.candidates, event.problem
        self.candidates = found
        self.listing = event.listing
        results = self.query_one("#tmdb-results", OptionList)
        results.clear_options()
        if problem:
            self._status(f"No films {DISCOVER[event.listing]}: {problem}" if event.listing else problem)
            results.display = False
            return
        if not found:
            self._status(f"TMDB has no film matching “{query.strip()}”.")
            results.display = False
            return
        noun = "film" if len(found) == 1 else "films"
        if event.listing:
            yours = sum(1 for c in found if self.films.summary(c.id) is not None)
            self._status(f"{len(found)} {noun} {DISCOVER[event.listing]}, {yours} in your films: "
                         "Enter adds one (or opens yours).")
        else:
            self._status(f"{len(found)} {noun} on TMDB for “{query.strip()}”: choose one to add.")
        results.add_options(
            Option(candidate_prompt(c, self.films.summary(c.id) is not None), id=str(c.id)) for c in found
        )
        results.display = True
        results.highlighted = 0
        results.focus()

    def action_focus_results(self) -> None:
        results = self.query_one("#tmdb-results", OptionList)
        if results.display and results.option_count:
            results.focus()

    # Add ------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#tmdb-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self.busy or not event.option_id:
            return
        chosen = next((c for c in self.candidates if str(c.id) == event.option_id), None)
        if self.listing and self.films.summary(int(event.option_id)) is not None:
            self.dismiss(None)  # already yours: open it rather than fetch it again
            self.app.post_message(OpenFilm(int(event.option_id)))
            return
        label = clean(chosen.label) if chosen else f"#{event.option_id}"
        self.busy = True
        self._status(f"Adding {label} from TMDB…")
        self.add(int(event.option_id))

    def add(self, tmdb_id: int) -> None:
        """Ask for film `tmdb_id` to be added (the answer comes back as Added)."""
        self.post_message(AddFromTmdb(tmdb_id))

    @on(Added)
    @tolerates_teardown
    def _added(self, event: Added) -> None:
        self.busy = False
        if event.film is None:
            self._status(event.problem or "Could not add the film.")
            return
        self.dismiss(event.film)

    def action_close(self) -> None:
        self.dismiss(None)

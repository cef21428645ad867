"""The base screen: search box, the film list, and a status line with sort and filters."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker
from textual.widgets import Input, Static

from filmtui.browse import PERSONAL_SORTS, SORT_LABELS, SORTS, Filters, View
from filmtui.film_source import FilmSource
from filmtui.models import FilmSummary
from filmtui.ratings import rating_text
from filmtui.requests import LogViewing, OpenFilm
from filmtui.text import clean
from filmtui.widgets.film_list import FilmList
from filmtui.widgets.key_footer import KeyFooter
from filmtui.widgets.search_box import SearchBox
from filmtui.widgets.tmdb_status import RefreshPanel, TmdbIndicator
from filmtui.widgets.teardown import tolerates_teardown

if TYPE_CHECKING:
    from filmtui.browser import Browser  # handed in by the App; it reads the store


_SHRINK = 8  # cells the sort label may be wider than its text before the bar is laid out again


class ListScreen(Screen):
    """Search, sort and filter the collection; Enter opens a film."""

    # Letters and digits type into the search box (a search needs every one of them); there the
    # commands are Ctrl+S, Ctrl+F and Ctrl+Q, and in the list s, f and q. `?`, `[` and `]` are
    # commands in both: the search ignores punctuation, so nothing is lost by not typing them.
    BINDINGS = [
        Binding("question_mark,f1", "app.help", "Help", priority=True, id="open_help"),
        Binding("left_square_bracket", "app.back", "Back", show=False, priority=True, id="back"),
        Binding("right_square_bracket", "app.forward", "Forward", show=False, priority=True,
                id="forward"),
        Binding("slash", "focus_search", "Search", id="focus_search",
                tooltip="back to the search box (or just type: letters go to the search)"),
        Binding("down", "focus_list", "List", show=False, id="focus_list",
                tooltip="from the search box: move into the list"),
        Binding("s,ctrl+s", "cycle_sort", "Sort", id="sort",
                tooltip="next sort: best match, title, year, rating, box office (Ctrl+S in the search box)"),
        Binding("f,ctrl+f", "filter", "Filter", id="filter",
                tooltip="filter by genre, decade, certification or your watchlist (Ctrl+F in the search box)"),
        # In the list only: in the search box v is a letter of the query.
        Binding("v", "seen", "Seen", show=False, id="seen",
                tooltip="in the list: log a viewing of the highlighted film"),
        Binding("escape", "escape", "Clear", show=False, id="clear_search",
                tooltip="list: back to the search box; search box: clear it"),
        # Named in the footer while the search box has the focus (q types there); in the list
        # the footer says q, and Ctrl+Q is Textual's own.
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit_from_search",
                tooltip="quit from the search box (where q types)"),
    ]

    HELP_NOTE = ("Typing searches titles, years, directors, cast and keywords (letters and digits "
                 "type; ? [ ] stay commands); Enter in the search box opens the top match; click a "
                 "row to open it.")

    AUTO_FOCUS = "#search"
    SYNC_LIMIT = 20_000
    """Collections up to this size are searched in full on each keystroke."""
    FIRST_ROWS = 100
    """Above SYNC_LIMIT, a keystroke shows this many best matches at once."""
    SETTLE = 0.15
    """Seconds a full search waits for the next keystroke before it starts: while someone types,
    a full search running in a thread would slow every keystroke (the GIL), so it waits for a pause."""

    PREFETCH_AFTER = 0.15
    """Seconds the highlighted film must stay highlighted before it is read ahead: longer than
    a quick typist's gap between keys (reading a page holds the interpreter, ~20 ms at a million
    films, and the next key's frame would wait on it), short enough to be done by the Enter
    after a glance at the list (at 0.25 s, opening a film took 5 ms more at 100k)."""

    class ViewReady(Message):
        """A full view computed by the worker, for the query of `generation`."""

        def __init__(self, view: View, generation: int) -> None:
            self.view = view
            self.generation = generation
            super().__init__()

    def __init__(self, films: FilmSource) -> None:
        super().__init__()
        self.films = films
        """Where the films are read from (read-only: changes are asked for with messages)."""
        self.browser: Browser | None = None
        self.sort = "relevance"
        self.filters = Filters()
        self.view: View | None = None
        self._generation = 0
        self._sort_text = ""
        self._head_total = 0
        self._head: tuple[Sequence[FilmSummary], int, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("filmtui · crime cinema"), id="app-title")
        # No select-on-focus: coming back with / or a letter typed in the list continues the query.
        yield SearchBox(
            placeholder="Search titles, years, directors, cast, keywords…",
            id="search",
            select_on_focus=False,
        )
        yield FilmList(id="film-list")
        with Horizontal(id="status-bar"):
            yield Static(Content("Loading films…"), id="status")
            yield Static(id="sort-status")
            yield TmdbIndicator(id="tmdb-status")
        yield RefreshPanel()
        yield KeyFooter()

    def on_mount(self) -> None:
        # Watched, not heard as Input.Changed: the message arrives after the screen has drawn the
        # echo, and the results came a frame (~30 ms) later. The watcher runs inside the key's
        # own handling, so the letter and its results are drawn in one frame.
        self.watch(self.query_one("#search", Input), "value", self.search_changed, init=False)
        self._show_sort()
        if self._head is not None:
            head, self._head = self._head, None
            self._show_head(*head)

    # Data ---------------------------------------------------------------------------------------

    @tolerates_teardown
    def set_browser(self, browser: Browser) -> None:
        """The films are loaded: show them, applying whatever was typed meanwhile."""
        self.browser = browser
        self.refresh_view()

    @tolerates_teardown
    def show_head(self, rows: Sequence[FilmSummary], total: int, rated: bool) -> None:
        """Before the loading worker has run: the first rows in title order and the count, read
        from the list index for the first frame."""
        if self.browser is not None:
            return
        self._head_total = total
        if not self.is_mounted:
            self._head = (rows, total, rated)  # shown by on_mount
            return
        self._show_head(rows, total, rated)

    def _show_head(self, rows: Sequence[FilmSummary], total: int, rated: bool) -> None:
        self.query_one(FilmList).show(rows, None, box_office=not rated)
        self._set_status(f"{total:,} of {total:,} {'film' if total == 1 else 'films'}")

    @tolerates_teardown
    def load_failed(self, message: str) -> None:
        """The films could not be read: the status line says why."""
        self._set_status(message)

    @tolerates_teardown
    def refresh_view(self) -> None:
        """Recompute the rows for the current query, sort and filters, and redraw.

        Up to SYNC_LIMIT films the whole view is computed at once (a few ms). Above it, a full
        search costs tens of ms, so a keystroke shows the best FIRST_ROWS matches at once and a
        worker fills in the rest (and the count) a moment later; a sort or filter change that
        needs a pass over every film goes to the worker too.
        """
        browser = self.browser
        query = self.query_one("#search", Input).value
        if browser is None:
            if query.strip() and self._head_total:
                self._set_status(f"Preparing search over {self._head_total:,} films…")
            return
        self._generation += 1
        if query.strip() and not browser.searchable:
            # The list is up before the search index: keep the query, say why it waits.
            self._show_view(browser.view("", self.sort, self.filters, self.films.ratings))
            self._set_status(f"Preparing search over {len(browser):,} films…")
            return
        if len(browser) <= self.SYNC_LIMIT or (
            not query.strip() and not self.filters and self.sort not in PERSONAL_SORTS
        ):
            # Without a query or filter a sort is an index scan: its count is known and its first
            # pages cost a fraction of a millisecond; its ids are read in a worker for the rest.
            # A full search still waiting (the query was just cleared) would only be thrown away.
            self.workers.cancel_group(self, "search")
            self._show_view(browser.view(query, self.sort, self.filters, self.films.ratings))
            if not browser.has_order(self.sort):
                self._prepare_order(self.sort)
            return
        first = None
        if query.strip() and self.sort == "relevance" and not self.filters:
            first = browser.first_matches(query, self.FIRST_ROWS)
        if first is not None:
            # No match at all is known at once; only the closest titles take the worker a while.
            self._show_view(first, partial=True)
        else:
            self._set_status("Searching…")
        self._full_view(query, self.sort, self.filters, self._generation, self.films.ratings)

    @work(thread=True, exclusive=True, group="sort", exit_on_error=False)
    def _prepare_order(self, sort: str) -> None:
        """Read a sort's ids off the event loop: pages deep in the list then read by id."""
        if self.browser is not None:
            self.browser.prepare(sort)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _full_view(self, query: str, sort: str, filters: Filters, generation: int,
                   ratings: dict[int, int]) -> None:
        """The whole view for a large collection, off the event loop."""
        time.sleep(self.SETTLE)  # while keys keep coming, only the last one's search runs in full
        if get_current_worker().is_cancelled or self.browser is None:
            return
        view = self.browser.view(query, sort, filters, ratings)
        view.prepare()  # ids, count, first page, spans: read here, not on the event loop
        if not get_current_worker().is_cancelled:
            self.post_message(self.ViewReady(view, generation))

    @on(ViewReady)
    @tolerates_teardown
    def _view_ready(self, event: ViewReady) -> None:
        if event.generation == self._generation:
            self._show_view(event.view, keep_cursor=True)

    def _show_view(self, view: View, *, partial: bool = False, keep_cursor: bool = False) -> None:
        self.view = view
        film_list = self.query_one(FilmList)
        # Offline, before any refresh, no film has a rating: a column of dashes would say nothing,
        # so the catalogue's box office takes its place.
        box_office = self.sort == "box office" or (
            self.sort not in ("rating", *PERSONAL_SORTS) and self.browser is not None and not self.browser.rated
        )
        # Each property below is set only when it changes: any change re-lays the screen out,
        # which would otherwise cost every keystroke a full layout.
        if view.rows:
            yours = _yours_column(self.films) if self.sort in PERSONAL_SORTS else None
            film_list.show(view.rows, view, box_office=box_office, keep_cursor=keep_cursor, yours=yours)
        else:
            if view.query.strip():
                words = f"No films match “{clean(view.query)}”"
                if self.filters:
                    words += f" with filters {self.filters.describe()}"
                words += ". Press ctrl+t to search TMDB for it."
                if view.suggestions:
                    words += " Closest titles:"
                elif partial:
                    words += " Looking for the closest titles…"
            else:
                words = f"No films pass the filters ({self.filters.describe()}). Press f to change them."
            film_list.show(view.suggestions, None, box_office=box_office, notice=words)
        noun = "film" if view.total == 1 else "films"
        if partial and view.rows:
            self._set_status(f"best {len(view.rows):,} of {view.total:,} {noun}, searching all…")
        else:
            self._set_status(f"{len(view.rows):,} of {view.total:,} {noun}")
        self._show_sort()

    def _set_status(self, text: str) -> None:
        # A fixed-size line: its new text never needs a layout.
        self.query_one("#status", Static).update(Content(text), layout=False)

    def _show_sort(self) -> None:
        label = SORT_LABELS[self.sort]
        if self.sort == "relevance" and not self.query_one("#search", Input).value.strip():
            label = SORT_LABELS["title"]
        text = f"sort: {label}"
        if self.filters:
            text += f" · filter: {clean(self.filters.describe())}"
        if text != self._sort_text:
            self._sort_text = text
            shown = self.query_one("#sort-status", Static)
            # Its width follows the text, but a text a little shorter fits where it is: "title"
            # and "best match" swap as a query comes and goes, on every key of one matching
            # nothing, and each swap laid the whole screen out. Longer, or much shorter (a long
            # filter cleared), and the bar is laid out again.
            room = shown.content_region.width
            shown.update(Content(text), layout=not room - _SHRINK <= cell_len(text) <= room)

    # Events -------------------------------------------------------------------------------------

    def search_changed(self) -> None:
        """The query changed: its results."""
        self.refresh_view()

    @on(Input.Submitted, "#search")
    def open_top_match(self) -> None:
        film_list = self.query_one(FilmList)
        if film_list.rows:
            self.post_message(OpenFilm(film_list.rows[0].id))

    @on(FilmList.Highlighted)
    def _highlighted(self, event: FilmList.Highlighted) -> None:
        if event.film is not None:
            self._prefetch(event.film.id)

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, film_id: int) -> None:
        """Read the highlighted film ahead of Enter, so its page opens without waiting on disk."""
        time.sleep(self.PREFETCH_AFTER)  # the cursor or the query may move on first
        if get_current_worker().is_cancelled:
            return
        try:
            self.films.film(film_id)
        except Exception:
            pass  # only a head start: opening the film reads it again and reports the problem

    @on(FilmList.Selected)
    def open_selected(self, event: FilmList.Selected) -> None:
        self.post_message(OpenFilm(event.film.id))

    def on_key(self, event: events.Key) -> None:
        """Typing a letter in the list goes to the search box, as in a browser's find-as-you-type;
        a key bound here (j, k, s, q, or whatever config.toml's [keys] made them) stays a command."""
        search = self.query_one("#search", Input)
        if (
            self.focused is self.query_one(FilmList)
            and event.is_printable
            and event.character
            and event.key not in self.app.active_bindings
            and not event.character.isspace()
        ):
            event.stop()
            event.prevent_default()
            search.value += event.character
            search.cursor_position = len(search.value)
            search.focus()

    # Actions ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            return isinstance(self.focused, SearchBox)
        return True

    async def action_quit(self) -> None:
        """Quit (Ctrl+Q from the search box)."""
        await self.app.run_action("app.quit")

    def action_focus_search(self) -> None:
        """Back to the search box."""
        self.query_one("#search", Input).focus()

    def action_focus_list(self) -> None:
        """Down from the search box into the list."""
        film_list = self.query_one(FilmList)
        if film_list.has_focus:
            return
        film_list.focus()

    def action_escape(self) -> None:
        """Esc in the list returns to the search box; in the search box it clears it."""
        search = self.query_one("#search", Input)
        if not search.has_focus:
            search.focus()
        elif search.value:
            search.value = ""

    def action_seen(self) -> None:
        """Log a viewing of the highlighted film (today unless changed)."""
        film = self.query_one(FilmList).highlighted
        if film is not None and self.query_one(FilmList).has_focus:
            self.post_message(LogViewing(film.id))

    def action_cycle_sort(self) -> None:
        """Next sort order: best match, title, year, rating, box office, your rating."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_view()

    def action_filter(self) -> None:
        """Open the filter dialog."""
        from filmtui.screens.filter_dialog import FilterDialog  # Select is slow to import

        if self.browser is None:
            return
        browser = self.browser

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.filters = filters
                self.refresh_view()

        self.app.push_screen(
            FilterDialog(
                self.filters, browser.genres, browser.decades, browser.certifications,
                self.films.watchlist, self.films.seen, frozenset(self.films.ratings),
            ),
            chosen,
        )

    @tolerates_teardown
    def mine_changed(self, film_id: int | None) -> None:
        """The watchlist, the diary or a rating may have changed: re-star the list, and
        re-filter or re-sort it when it shows the user's own lists."""
        watchlist = self.films.watchlist
        self.query_one(FilmList).mark(watchlist)
        filters = self.filters
        if filters.only is not None and filters.only != watchlist:
            filters = replace(filters, only=watchlist)
        if filters.yours is not None:
            filters = replace(filters, yours_ids=yours_ids(self.films, filters.yours))
        if filters != self.filters or self.sort in PERSONAL_SORTS:
            self.filters = filters
            self.refresh_view()


def _yours_column(films: FilmSource) -> dict[int, str]:
    """Film id -> the user's rating as the list's last column shows it, in their scale."""
    return {film_id: rating_text(rating, films.rating_scale) for film_id, rating in films.ratings.items()}


def yours_ids(films: FilmSource, yours: str) -> frozenset[int]:
    """The films a "your lists" filter names: the seen ones (for seen and not seen) or the rated."""
    return frozenset(films.ratings) if yours == "rated by you" else films.seen

"""The base screen: search box, the film list, and a status line with sort and filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from filmtui.browse import SORT_LABELS, SORTS, Browser, Filters, View
from filmtui.text import clean
from filmtui.widgets.film_list import FilmList

if TYPE_CHECKING:
    from filmtui.app import FilmApp


class ListScreen(Screen):
    """Search, sort and filter the collection; Enter opens a film."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("down", "focus_list", "List", show=False),
        Binding("s", "cycle_sort", "Sort"),
        Binding("f", "filter", "Filter"),
        Binding("escape", "escape", "Clear", show=False),
    ]

    AUTO_FOCUS = "#search"

    def __init__(self) -> None:
        super().__init__()
        self.browser: Browser | None = None
        self.sort = "relevance"
        self.filters = Filters()
        self.view: View | None = None

    @property
    def film_app(self) -> FilmApp:
        return cast("FilmApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content("filmtui · crime cinema"), id="app-title")
        yield Input(placeholder="Search titles, years, directors, cast, keywords…", id="search")
        yield Static(id="empty-message")
        yield FilmList(id="film-list")
        with Horizontal(id="status-bar"):
            yield Static(Content("Loading films…"), id="status")
            yield Static(id="sort-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#empty-message").display = False
        self._show_sort()

    # Data ---------------------------------------------------------------------------------------

    def set_browser(self, browser: Browser) -> None:
        """The films are loaded: show them, applying whatever was typed meanwhile."""
        self.browser = browser
        self.refresh_view()

    def refresh_view(self) -> None:
        """Recompute the rows for the current query, sort and filters, and redraw."""
        if self.browser is None:
            return
        query = self.query_one("#search", Input).value
        view = self.view = self.browser.view(query, self.sort, self.filters)
        film_list = self.query_one(FilmList)
        box_office = self.sort == "box office"
        empty = self.query_one("#empty-message", Static)
        if view.rows:
            empty.display = False
            film_list.show(view.rows, view, box_office=box_office)
        else:
            empty.display = True
            if view.query.strip():
                words = f"No films match “{clean(view.query)}”"
                if self.filters:
                    words += f" with filters {self.filters.describe()}"
                words += ". Closest titles:" if view.suggestions else "."
            else:
                words = f"No films pass the filters ({self.filters.describe()}). Press f to change them."
            empty.update(Content(words))
            film_list.show(view.suggestions, None, box_office=box_office)
        count = len(view.rows)
        noun = "film" if view.total == 1 else "films"
        self.query_one("#status", Static).update(Content(f"{count:,} of {view.total:,} {noun}"))
        self._show_sort()

    def _show_sort(self) -> None:
        label = SORT_LABELS[self.sort]
        if self.sort == "relevance" and not self.query_one("#search", Input).value.strip():
            label = SORT_LABELS["title"]
        text = f"sort: {label}"
        if self.filters:
            text += f" · filter: {clean(self.filters.describe())}"
        self.query_one("#sort-status", Static).update(Content(text))

    # Events -------------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        self.refresh_view()

    @on(Input.Submitted, "#search")
    def open_top_match(self) -> None:
        film_list = self.query_one(FilmList)
        if film_list.rows:
            self.film_app.open_film(film_list.rows[0].id)

    @on(FilmList.Selected)
    def open_selected(self, event: FilmList.Selected) -> None:
        self.film_app.open_film(event.film.id)

    # Actions ------------------------------------------------------------------------------------

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

    def action_cycle_sort(self) -> None:
        """Next sort order: best match, title, year, rating, box office."""
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
            FilterDialog(self.filters, browser.genres, browser.decades, browser.certifications), chosen
        )

"""A film's page: a header and four tabs (Overview, Cast, FAQ, Trivia)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from filmtui.models import Film, FilmSummary, PersonCredit, UserData
from filmtui.text import clean, money, runtime
from filmtui.widgets.credit_list import CreditList, key_crew
from filmtui.widgets.spoiler_list import SpoilerList
from filmtui.widgets.tmdb_status import FilmAgeBar, RefreshPanel

if TYPE_CHECKING:
    from filmtui.app import FilmApp

TMDB_NOTICE = "This product uses the TMDB API but is not endorsed or certified by TMDB."
TABS = ("overview", "cast", "faq", "trivia")
#: What takes the focus on each tab.
TAB_CONTENT = {
    "overview": "#overview-scroll",
    "cast": "#credit-list",
    "faq": "#faq-list",
    "trivia": "#trivia-list",
}
_LABEL = "bold $text-accent"


def flagged(film: Film, field: str, text: str) -> str:
    """`text`, marked when our fact sheet could not confirm `field` (and "—" stays "—")."""
    if field in film.unverified and text and text != "—":
        return f"{text} (unverified)"
    return text


def refreshed_line(film: Film) -> str:
    """Where the facts come from: a TMDB refresh (with its date) or the catalogue alone."""
    if film.refreshed_at:
        return f"TMDB data refreshed {clean(film.refreshed_at)[:10]}"
    return "From the filmtui catalogue; not yet refreshed from TMDB"


def _yours(mine: UserData) -> str:
    """The "Yours" line: what the user keeps, and the keys that change it."""
    said = mine.describe()
    if not said:
        return "Nothing yet: w adds it to your watchlist, m rates it"
    return f"{said[0].upper()}{said[1:]} (w: watchlist, m: rating and note)"


class FilmScreen(Screen):
    """One film, loaded from the store in a worker; Esc/Backspace goes back."""

    COMPONENT_CLASSES = {"film-screen--label"}

    BINDINGS = [
        Binding("escape,backspace", "app.back", "Back"),
        # Tab is in the help; the footer keeps to what fits in 80 columns.
        Binding("tab", "next_tab", "Next tab", show=False),
        Binding("shift+tab", "previous_tab", "Previous tab", show=False),
        Binding("1", "tab('overview')", "Tabs", key_display="1-4"),
        Binding("2", "tab('cast')", "Cast", show=False),
        Binding("3", "tab('faq')", "FAQ", show=False),
        Binding("4", "tab('trivia')", "Trivia", show=False),
        Binding("u", "update_film", "Update"),
        Binding("p", "app.poster", "Poster"),
        # The Overview's "Yours" line names these two: the footer keeps to 80 columns.
        Binding("w", "watchlist", "Watchlist", show=False),
        Binding("m", "rate", "Rate", show=False),
    ]

    class Loaded(Message):
        """The film came back from the store (None when it is not there)."""

        def __init__(self, film_id: int, film: Film | None, error: str = "") -> None:
            self.film_id = film_id
            self.film = film
            self.error = error
            super().__init__()

    class CollectionLoaded(Message):
        """The other films of this film's collection."""

        def __init__(self, film_id: int, films: list[FilmSummary]) -> None:
            self.film_id = film_id
            self.films = films
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self._mounted = False
        self.film_id: int | None = None
        self.film: Film | None = None
        self._places: dict[int, tuple[str, int | None]] = {}
        """Film id -> the tab it was left on and the row highlighted there, for back/forward."""
        self._restore: tuple[str, int | None] | None = None

    @property
    def film_app(self) -> FilmApp:
        return cast("FilmApp", self.app)

    @property
    def page(self) -> tuple[str, object] | None:
        """The page shown, for the browser history."""
        return ("film", self.film_id) if self.film_id is not None else None

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="film-title")
        yield Static(Content(""), id="film-tagline")
        yield Static(Content(""), id="film-meta")
        yield FilmAgeBar()
        with TabbedContent(id="film-tabs"):
            with TabPane("Overview", id="overview"):
                with VerticalScroll(id="overview-scroll"):
                    yield Static(Content("Loading…"), id="overview-text")
                    yield Static(id="overview-facts")
                    yield Static(id="collection-label")
                    yield OptionList(id="collection-list", markup=False)
                    yield Static(id="overview-source")
            with TabPane("Cast", id="cast"):
                yield CreditList(id="credit-list")
                yield Static(id="cast-empty", classes="empty")
            with TabPane("FAQ", id="faq"):
                yield SpoilerList(id="faq-list")
                yield Static(id="faq-empty", classes="empty")
            with TabPane("Trivia", id="trivia"):
                yield SpoilerList(id="trivia-list")
                yield Static(id="trivia-empty", classes="empty")
        yield RefreshPanel()
        yield Footer()

    def on_mount(self) -> None:
        self._mounted = True
        if self.film_id is not None:
            self.show_film_id(self.film_id)

    def show_film_id(self, film_id: int, restore: bool = False) -> None:
        """Show film `film_id` on the Overview tab (with `restore`, on the tab and row it was
        left on, as back and forward do): at once when read before, else from a worker.

        One FilmScreen serves every film page (the app keeps the history), so opening a film
        refills these widgets instead of composing and styling a new screen each time.
        """
        self._remember_place()
        self._restore = self._places.get(film_id) if restore else None
        self.film_id = film_id
        self.film = None
        if not self._mounted:
            return  # on_mount comes back here
        summary = self.film_app.summary(film_id)
        title = clean(summary.title) if summary else "Loading…"
        year = f" ({summary.year})" if summary and summary.year else ""
        self.query_one("#film-title", Static).update(Content.assemble((title, "bold"), year))
        self.query_one(TabbedContent).active = "overview"
        self.query_one("#overview-scroll").scroll_home(animate=False)
        for selector in ("#collection-label", "#collection-list"):
            self.query(selector).set(display=False)
        cached = self.film_app.cached_film(film_id)
        if cached is not None:
            self.show_film(cached)
        else:
            self.query_one("#overview-text", Static).update(Content("Loading…"))
            self.query_one(FilmAgeBar).show_film(None)
            self.load_film(film_id)

    @work(thread=True, exclusive=True, group="film", exit_on_error=False)
    def load_film(self, film_id: int) -> None:
        """Read the film from the store off the event loop."""
        try:
            film = self.film_app.load_film(film_id)
        except Exception as error:  # a store problem is shown on the page, not a crash
            self.post_message(self.Loaded(film_id, None, f"Could not read this film: {error}"))
            return
        self.post_message(self.Loaded(film_id, film))

    @work(thread=True, exclusive=True, group="collection", exit_on_error=False)
    def load_collection(self, film: Film) -> None:
        """Find the other films of `film`'s collection (reads the store the first time)."""
        try:
            films = self.film_app.collection_films(film)
        except Exception:
            return  # the links are extra: the page stands without them
        self.post_message(self.CollectionLoaded(film.id, films))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.film_id != self.film_id:
            return  # an older page's film, arriving after the reader moved on
        if event.film is None:
            message = event.error or f"Film #{self.film_id} is not in the store (it may have been removed)."
            self.query_one("#overview-text", Static).update(Content(clean(message)))
            return
        self.show_film(event.film)

    @on(CollectionLoaded)
    def _collection_loaded(self, event: CollectionLoaded) -> None:
        if not event.films or self.film is None or event.film_id != self.film.id:
            return
        label = self.query_one("#collection-label", Static)
        label.update(
            Content.assemble(("Collection  ", _LABEL), clean(self.film.collection), " — also in it:")
        )
        options = self.query_one("#collection-list", OptionList)
        options.set_options(
            Option(Text(f"{clean(f.title)}{f' ({f.year})' if f.year else ''}"), id=str(f.id))
            for f in event.films
        )
        label.display = options.display = True
        options.styles.height = len(event.films)

    # Drawing ------------------------------------------------------------------------------------

    def show_film(self, film: Film) -> None:
        """Fill the header and every tab from `film`."""
        self.film = film
        year = f" ({film.year})" if film.year else ""
        self.query_one("#film-title", Static).update(
            Content.assemble((clean(film.title), "bold"), flagged(film, "year", year))
        )
        tagline = self.query_one("#film-tagline", Static)
        tagline.update(Content(clean(film.tagline)).stylize("italic"))
        tagline.display = bool(film.tagline)
        meta = [
            flagged(film, "runtime", runtime(film.runtime)),
            flagged(film, "certification", clean(film.certification) or "Not rated"),
            flagged(film, "genres", clean(", ".join(film.genres)) or "—"),
        ]
        if film.original_title and film.original_title != film.title:
            meta.append(f"original title: {clean(film.original_title)}")
        self.query_one("#film-meta", Static).update(Content(" · ".join(meta)))
        self.query_one(FilmAgeBar).show_film(film)
        self.query_one("#overview-text", Static).update(self._overview(film))
        self.query_one("#overview-facts", Static).update(self._facts(film))
        self.query_one("#overview-source", Static).update(self._source(film))
        if film.collection:
            self.load_collection(film)

        crew = key_crew(film.crew, film.directors)
        self.query_one(CreditList).show(film.cast, crew)
        self._toggle_empty(
            "cast",
            bool(film.cast or crew),
            "No cast or crew known yet. A refresh from TMDB (filmtui refresh) fills in the full credits.",
        )
        if crew and not film.cast:
            # Key crew alone is not the whole story: say where the cast would come from.
            empty = self.query_one("#cast-empty", Static)
            empty.update(Content("No cast listed yet: a refresh from TMDB (filmtui refresh) fills it in."))
            empty.display = True
        self.query_one("#faq-list", SpoilerList).show(film.faq)
        self._toggle_empty(
            "faq",
            bool(film.faq),
            "No questions and answers for this film yet: the FAQ is written by filmtui's editors "
            "for films in the catalogue.",
        )
        self.query_one("#trivia-list", SpoilerList).show(film.trivia)
        self._toggle_empty(
            "trivia",
            bool(film.trivia),
            "No trivia for this film yet: trivia is written by filmtui's editors for films in the "
            "catalogue.",
        )
        if self._restore is not None:
            tab, row = self._restore
            self._restore = None
            self.query_one(TabbedContent).active = tab
            if row is not None and tab != "overview":
                self.query_one(TAB_CONTENT[tab], OptionList).highlighted = row
        self._focus_tab()

    def _remember_place(self) -> None:
        if self.film_id is None or self.film is None or not self._mounted:
            return
        tab = self.query_one(TabbedContent).active
        row = self.query_one(TAB_CONTENT[tab], OptionList).highlighted if tab != "overview" else None
        self._places[self.film_id] = (tab, row)

    def on_screen_suspend(self) -> None:
        self._remember_place()  # leaving for a person page or the list

    def _toggle_empty(self, tab: str, filled: bool, message: str) -> None:
        empty = self.query_one(f"#{tab}-empty", Static)
        empty.update(Content(message))
        empty.display = not filled
        self.query_one(f"#{tab}-list" if tab != "cast" else "#credit-list").display = filled

    def _overview(self, film: Film) -> Content:
        parts: list[Content] = []
        if film.blurb:
            parts.append(Content(clean(film.blurb)).stylize("italic"))
        parts.append(Content(clean(film.overview, multiline=True).strip() or "No synopsis yet."))
        return Content("\n\n").join(parts)

    def _facts(self, film: Film) -> Table:
        """Label and value in two columns, so a long value wraps beside its label."""
        facts: list[tuple[str, str]] = [
            ("Directed by", flagged(film, "directors", clean(", ".join(film.directors)) or "—")),
            ("Starring", flagged(film, "cast", clean(", ".join(c.name for c in film.cast[:5])) or "—")),
            ("Released", flagged(film, "release_date", clean(film.release_date) or "—")),
            ("Budget", flagged(film, "budget", money(film.budget))),
            ("Box office", flagged(film, "revenue", money(film.revenue))),
        ]
        if film.rating:
            votes = f" from {film.vote_count:,} votes" if film.vote_count else ""
            facts.append(("TMDB rating", f"{film.rating:.1f}/10{votes}"))
        facts.append(("Complexity", clean(film.complexity) or "No viewing-complexity note yet."))
        advisories = " · ".join(clean(a) for a in film.advisories)
        facts.append(("Advisories", advisories or "None listed."))
        if film.keywords:
            facts.append(("Keywords", clean(", ".join(film.keywords))))
        facts.append(("Yours", _yours(film.user)))
        if film.user.note.strip():
            facts.append(("Your note", clean(film.user.note, multiline=True).strip()))
        table = Table(show_header=False, box=None, padding=(0, 1, 0, 0), expand=True)
        table.add_column(no_wrap=True, width=12)
        table.add_column(ratio=1)
        label = self.get_component_rich_style("film-screen--label")
        for name, value in facts:
            table.add_row(Text(name, style=label), Text(value))
        return table

    def mine_changed(self, film_id: int | None) -> None:
        """The user's data changed (for `film_id`, or for every film when None): redraw it."""
        if self.film is None or film_id not in (None, self.film.id):
            return
        mine = self.film_app.mine.get(self.film.id, UserData())
        if mine != self.film.user:
            self.film = replace(self.film, user=mine)
            self.query_one("#overview-facts", Static).update(self._facts(self.film))

    def action_watchlist(self) -> None:
        """Put this film on the watchlist, or take it off."""
        if self.film is not None:
            self.film_app.toggle_watchlist(self.film.id)

    class UserRead(Message):
        """The user's data for the film, read afresh for the rating dialog."""

        def __init__(self, film_id: int, mine: UserData) -> None:
            self.film_id = film_id
            self.mine = mine
            super().__init__()

    def action_rate(self) -> None:
        """Your rating and note for this film, in a dialog seeded from a fresh read: another
        terminal may have written a note since start-up."""
        if self.film is not None:
            self._read_mine(self.film.id)

    @work(thread=True, exclusive=True, group="rate-read", exit_on_error=False)
    def _read_mine(self, film_id: int) -> None:
        try:
            mine = self.film_app.worker_store().user(film_id)
        except Exception:
            mine = self.film_app.mine.get(film_id, UserData())  # the dialog still opens
        self.post_message(self.UserRead(film_id, mine))

    @on(UserRead)
    def _open_rate_dialog(self, event: UserRead) -> None:
        from filmtui.screens.rate_dialog import RateDialog

        film = self.film
        if film is None or film.id != event.film_id:
            return
        seed = event.mine

        def chosen(mine: UserData | None) -> None:
            if mine is None:
                return
            # Only the fields the user changed: the store applies them to the record as it is
            # then, so nothing written elsewhere meanwhile is put back to what the dialog saw.
            changes = {k: getattr(mine, k) for k in ("rating", "note") if getattr(mine, k) != getattr(seed, k)}
            if changes:
                self.film_app.set_mine(film.id, **changes)

        self.app.push_screen(RateDialog(film.title, seed), chosen)

    def _source(self, film: Film) -> Content:
        lines = [Content(refreshed_line(film))]
        if film.unverified:
            lines.append(
                Content("Marked (unverified): facts our fact sheet could not confirm.")
            )
        if film.has_tmdb:
            lines.append(Content(TMDB_NOTICE))
        return Content("\n").join(lines)

    # Tabs ---------------------------------------------------------------------------------------

    def _focus_tab(self) -> None:
        """Put focus on the active tab's content so arrows and Enter work at once."""
        widget = self.query_one(TAB_CONTENT[self.query_one(TabbedContent).active])
        if widget.display:
            widget.focus()
        else:
            self.set_focus(None)

    def action_update_film(self) -> None:
        """Fetch this film again from TMDB (in a worker; the page redraws when it is done)."""
        if self.film_id is not None:
            self.film_app.refresh_film(self.film_id)

    def action_tab(self, tab: str) -> None:
        """Switch to `tab`."""
        self.query_one(TabbedContent).active = tab
        self._focus_tab()

    def _step_tab(self, step: int) -> None:
        active = self.query_one(TabbedContent).active
        self.action_tab(TABS[(TABS.index(active) + step) % len(TABS)])

    def action_next_tab(self) -> None:
        """The tab to the right (wrapping round)."""
        self._step_tab(1)

    def action_previous_tab(self) -> None:
        """The tab to the left (wrapping round)."""
        self._step_tab(-1)

    @on(TabbedContent.TabActivated)
    def _tab_clicked(self) -> None:
        self.call_after_refresh(self._focus_tab)

    # Links --------------------------------------------------------------------------------------

    @on(CreditList.PersonSelected)
    def _open_person(self, event: CreditList.PersonSelected) -> None:
        known = []
        if self.film is not None:
            known.append(PersonCredit(self.film.id, self.film.title, self.film.year, event.role))
        self.film_app.open_person(event.name, known)

    @on(OptionList.OptionSelected, "#collection-list")
    def _open_collection_film(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.film_app.open_film(int(event.option_id))

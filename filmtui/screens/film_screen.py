"""A film's page: a header and five tabs (Overview, Cast, FAQ, Trivia, More like this)."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from filmtui import film_page
from filmtui.film_source import FilmSource
from filmtui.models import Film, FilmSummary, PersonCredit
from filmtui.navigation import Place
from filmtui.requests import (
    AddFromTmdb,
    CopyText,
    EditNote,
    LogViewing,
    OpenFilm,
    OpenPerson,
    RateFilm,
    RefreshFilm,
    SavePage,
    ShowPoster,
    ToggleWatchlist,
)
from filmtui.similar import MoreLikeThis, Similar
from filmtui.text import clean
from filmtui.widgets.credit_list import CreditList, key_crew
from filmtui.widgets.fact_table import FactTable
from filmtui.widgets.key_footer import KeyFooter
from filmtui.widgets.spoiler_list import SpoilerList
from filmtui.widgets.tmdb_status import FilmAgeBar, RefreshPanel
from filmtui.widgets.teardown import tolerates_teardown

TABS = ("overview", "cast", "faq", "trivia", "similar")
#: What takes the focus on each tab.
TAB_CONTENT = {
    "overview": "#overview-scroll",
    "cast": "#credit-list",
    "faq": "#faq-list",
    "trivia": "#trivia-list",
    "similar": "#similar-list",
}
_LABEL = "bold $text-accent"


def similar_prompt(title: str, year: int | None, why: str) -> Text:
    """Title (year) in bold, and why on the line under it, dimmed: plain Text, never markup."""
    line = Text(clean(title), style="bold")
    if year:
        line.append(f" ({year})")
    line.append("\n  " + clean(why), style="dim")
    return line


def similar_empty(film: Film) -> str:
    """Why More like this lists nothing, and what would fill it."""
    said = "No film in your store shares a director, writer, actor, keyword or genre with this one."
    if film.has_tmdb:
        return said + " TMDB recommended none of them either."
    return said + " Updating it from TMDB (u) brings TMDB's recommendations."


class FilmScreen(Screen):
    """One film, loaded from the store in a worker; Esc/Backspace goes back."""

    COMPONENT_CLASSES = {"film-screen--label"}
    HELP_NOTE = ("Enter on a person (Cast) opens their page, on a film of the same collection "
                 "(Overview) opens that film; ↑ ↓ move through a tab; click works too.")

    BINDINGS = [
        Binding("escape,backspace", "app.back", "Back", id="page_back", tooltip="back"),
        # Tab is in the help; the footer keeps to what fits in 80 columns.
        Binding("tab", "next_tab", "Next tab", show=False, id="next_tab",
                tooltip="next tab (or click a tab)"),
        Binding("shift+tab", "previous_tab", "Previous tab", show=False, id="previous_tab",
                tooltip="previous tab"),
        Binding("1", "tab('overview')", "Tabs", key_display="1-5", id="tab_overview",
                tooltip="Overview tab"),
        Binding("2", "tab('cast')", "Cast", show=False, id="tab_cast", tooltip="Cast tab"),
        Binding("3", "tab('faq')", "FAQ", show=False, id="tab_faq", tooltip="FAQ tab"),
        Binding("4", "tab('trivia')", "Trivia", show=False, id="tab_trivia", tooltip="Trivia tab"),
        Binding("5", "tab('similar')", "More like this", show=False, id="tab_similar",
                tooltip="More like this: films in your store that share the most, and why"),
        Binding("a", "add_similar", "Add", show=False, id="add_similar",
                tooltip="on More like this: add the highlighted TMDB recommendation you lack"),
        Binding("u", "update_film", "Update", id="update_film", tooltip="update this film from TMDB"),
        Binding("p", "poster", "Poster", id="poster",
                tooltip="the film's poster, drawn in the terminal (Esc closes it)"),
        Binding("o", "links", "Links", id="links",
                tooltip="links out: TMDB, IMDb, Letterboxd, the official site, trailers"),
        Binding("y", "copy", "Copy", show=False, id="copy",
                tooltip="copy the link, or on the FAQ tab the highlighted answer"),
        Binding("x", "save_page", "Save page", show=False, id="save_page",
                tooltip="save the page as Markdown in your data folder (spoilers hidden)"),
        # The Overview's "Yours" line names these two: the footer keeps to 80 columns.
        Binding("w", "watchlist", "Watchlist", show=False, id="watchlist",
                tooltip="put the film on your watchlist, or take it off (★ in the list)"),
        Binding("m", "rate", "Rate", show=False, id="rate", tooltip="your own rating (1 to 10) and note"),
        Binding("v", "seen", "Seen", show=False, id="seen",
                tooltip="log a viewing: today, or the day you say, with a rating and a note"),
        Binding("e", "edit_note", "Edit note", show=False, id="edit_note",
                tooltip="edit your note in $VISUAL or $EDITOR"),
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

    class SimilarFound(Message):
        """More like this film: films in the store and TMDB's suggestions outside it."""

        def __init__(self, film_id: int, found: MoreLikeThis | None, error: str = "") -> None:
            self.film_id = film_id
            self.found = found
            self.error = error
            super().__init__()

    def __init__(self, films: FilmSource) -> None:
        super().__init__()
        self.films = films
        """Where the films are read from (read-only: changes are asked for with messages)."""
        self._mounted = False
        self.film_id: int | None = None
        self.film: Film | None = None
        self._restore: Place | None = None
        self._similar: dict[str, Similar] = {}
        self._similar_wanted: Film | None = None
        self._styled_as: tuple[str, bool | None] | None = None
        """The theme this screen's widgets were last styled for."""
        """The film whose similar films are still to be found (when their tab is shown)."""
        """The More like this tab's entries by option id."""
        self._similar_row: int | None = None
        """The More like this row to highlight once its list arrives (back and forward)."""

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="film-title")
        yield Static(Content(""), id="film-tagline")
        yield Static(Content(""), id="film-meta")
        yield FilmAgeBar(self.films.data_age)
        with TabbedContent(id="film-tabs"):
            with TabPane("Overview", id="overview"):
                with VerticalScroll(id="overview-scroll"):
                    yield Static(Content("Loading…"), id="overview-text")
                    yield FactTable(id="overview-facts")
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
            with TabPane("More like this", id="similar"):
                yield OptionList(id="similar-list", markup=False)
                yield Static(id="similar-empty", classes="empty")
        yield RefreshPanel()
        yield KeyFooter()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen each time it is pushed, in case the theme
        # changed while it was away; one FilmScreen serves every page, so it is restyled only
        # then (a third of opening a film). Screen's own handler runs next, with this flag.
        styled = (self.app.theme, self.app.ansi_color)
        if styled == self._styled_as:
            event.refresh_styles = False
        self._styled_as = styled

    def on_mount(self) -> None:
        self._mounted = True
        if self.film_id is not None:
            self.show_film_id(self.film_id, self._restore)

    @tolerates_teardown
    def show_film_id(self, film_id: int, place: Place | None = None) -> None:
        """Show film `film_id` on the Overview tab (or at `place`, as back and forward do): at
        once when read before, else from a worker.

        One FilmScreen serves every film page (the App keeps the history), so opening a film
        refills these widgets instead of composing and styling a new screen each time.
        """
        self._restore = place
        self.film_id = film_id
        self.film = None
        if not self._mounted:
            return  # on_mount comes back here
        summary = self.films.summary(film_id)
        title = clean(summary.title) if summary else "Loading…"
        year = f" ({summary.year})" if summary and summary.year else ""
        self.query_one("#film-title", Static).update(Content.assemble((title, "bold"), year))
        self.query_one(TabbedContent).active = "overview"
        self.query_one("#overview-scroll").scroll_home(animate=False)
        for selector in ("#collection-label", "#collection-list"):
            self.query(selector).set(display=False)
        cached = self.films.cached_film(film_id)
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
            film = self.films.film(film_id)
        except Exception as error:  # a store problem is shown on the page, not a crash
            self.post_message(self.Loaded(film_id, None, f"Could not read this film: {error}"))
            return
        self.post_message(self.Loaded(film_id, film))

    @work(thread=True, exclusive=True, group="collection", exit_on_error=False)
    def load_collection(self, film: Film) -> None:
        """Find the other films of `film`'s collection (reads the store the first time)."""
        try:
            films = self.films.collection_films(film)
        except Exception:
            return  # the links are extra: the page stands without them
        self.post_message(self.CollectionLoaded(film.id, films))

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def load_similar(self, film: Film) -> None:
        """Rank the store's films against `film` (the index is prepared after the films load)."""
        try:
            found = self.films.more_like(film)
        except Exception as error:  # the tab says so; the page stands without it
            self.post_message(self.SimilarFound(film.id, None, f"Could not find films like this: {error}"))
            return
        self.post_message(self.SimilarFound(film.id, found))

    @on(SimilarFound)
    @tolerates_teardown
    def _similar_found(self, event: SimilarFound) -> None:
        if self.film is None or event.film_id != self.film.id:
            return
        found = event.found
        options: list[Option | None] = []
        self._similar = {}
        for number, entry in enumerate(found.films if found else []):
            summary = self.films.summary(entry.film_id)
            if summary is None:
                continue
            self._similar[f"film-{number}"] = entry
            options.append(Option(similar_prompt(summary.title, summary.year, entry.why), id=f"film-{number}"))
        if found and found.elsewhere:
            if options:
                options.append(None)
            options.append(Option(Text("Recommended on TMDB, not in your films (a adds one)", style="bold"),
                                  disabled=True))
            for number, entry in enumerate(found.elsewhere):
                self._similar[f"tmdb-{number}"] = entry
                options.append(Option(similar_prompt(entry.title or f"TMDB film #{entry.film_id}", entry.year,
                                                     "not in your films: a adds it"), id=f"tmdb-{number}"))
        listing = self.query_one("#similar-list", OptionList)
        listing.set_options(options)
        first = next((i for i, o in enumerate(listing.options) if not o.disabled), None)
        row, self._similar_row = self._similar_row, None
        listing.highlighted = row if row is not None and row < listing.option_count else first
        self._toggle_empty("similar", bool(self._similar), event.error or similar_empty(self.film))
        if self.query_one(TabbedContent).active == "similar":
            self._focus_tab()

    @on(OptionList.OptionSelected, "#similar-list")
    def _open_similar(self, event: OptionList.OptionSelected) -> None:
        entry = self._similar.get(event.option_id or "")
        if entry is None:
            return
        if entry.in_store:
            self.post_message(OpenFilm(entry.film_id))
        else:
            self._add(entry)

    def action_add_similar(self) -> None:
        """On More like this: add the highlighted TMDB recommendation to your films."""
        if self.query_one(TabbedContent).active != "similar":
            return
        listing = self.query_one("#similar-list", OptionList)
        if listing.highlighted is None:
            return
        entry = self._similar.get(listing.get_option_at_index(listing.highlighted).id or "")
        if entry is not None and not entry.in_store:
            self._add(entry)

    def _add(self, entry: Similar) -> None:
        self.notify(f"Adding {clean(entry.title) or f'film #{entry.film_id}'} from TMDB…", markup=False, timeout=3)
        self.post_message(AddFromTmdb(entry.film_id))

    @on(Loaded)
    @tolerates_teardown
    def _loaded(self, event: Loaded) -> None:
        if event.film_id != self.film_id:
            return  # an older page's film, arriving after the reader moved on
        if event.film is None:
            message = event.error or f"Film #{self.film_id} is not in the store (it may have been removed)."
            self.query_one("#overview-text", Static).update(Content(clean(message)))
            return
        self.show_film(event.film)

    @on(CollectionLoaded)
    @tolerates_teardown
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

    @tolerates_teardown
    def show_film(self, film: Film) -> None:
        """Fill the header and every tab from `film`."""
        self.film = film
        name, year = film_page.title(film)
        self.query_one("#film-title", Static).update(Content.assemble((name, "bold"), year))
        tagline = self.query_one("#film-tagline", Static)
        tagline.update(Content(clean(film.tagline)).stylize("italic"))
        tagline.display = bool(film.tagline)
        self.query_one("#film-meta", Static).update(Content(" · ".join(film_page.meta(film))))
        self.query_one(FilmAgeBar).show_film(film)
        self.query_one("#overview-text", Static).update(self._overview(film))
        self._show_facts(film)
        self.query_one("#overview-source", Static).update(self._source(film))
        if film.collection:
            self.load_collection(film)
        self._similar = {}
        self.query_one("#similar-list", OptionList).clear_options()
        self._toggle_empty("similar", False, "Finding films like this one…")
        # Ranked when its tab is first shown: the first time, that builds an index over every
        # film (seconds at 100,000), which would otherwise slow the page's first paint.
        self._similar_wanted = film
        if self.query_one(TabbedContent).active == "similar":
            self._find_similar()

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
            "No questions and answers for this film yet. Write its page yourself: "
            f"filmtui editorial new {film.id} (it shows here as soon as it is saved).",
        )
        self.query_one("#trivia-list", SpoilerList).show(film.trivia)
        self._toggle_empty(
            "trivia",
            bool(film.trivia),
            "No trivia for this film yet. Write its page yourself: "
            f"filmtui editorial new {film.id} (it shows here as soon as it is saved).",
        )
        if self._restore is not None:
            place, self._restore = self._restore, None
            self.query_one(TabbedContent).active = place.tab
            if place.tab == "similar":
                self._similar_row = place.row  # its list is still being found
            elif place.row is not None and place.tab != "overview":
                self.query_one(TAB_CONTENT[place.tab], OptionList).highlighted = place.row
        self._focus_tab()

    def place(self) -> Place | None:
        """The tab the reader is on and the row highlighted there (None while nothing shows)."""
        if self.film_id is None or self.film is None or not self._mounted:
            return None
        tab = self.query_one(TabbedContent).active
        row = self.query_one(TAB_CONTENT[tab], OptionList).highlighted if tab != "overview" else None
        return Place(tab, row)

    def _toggle_empty(self, tab: str, filled: bool, message: str) -> None:
        empty = self.query_one(f"#{tab}-empty", Static)
        empty.update(Content(message))
        empty.display = not filled
        self.query_one(TAB_CONTENT[tab]).display = filled

    def _overview(self, film: Film) -> Content:
        parts: list[Content] = []
        if film.blurb:
            parts.append(Content(clean(film.blurb)).stylize("italic"))
        parts.append(Content(clean(film.overview, multiline=True).strip() or "No synopsis yet."))
        return Content("\n\n").join(parts)

    def _show_facts(self, film: Film) -> None:
        """Label and value in two columns, so a long value wraps beside its label."""
        rows = film_page.facts(film, keys=True, scale=self.films.rating_scale)
        age = self.films.ago(film.refreshed_at)
        at = next((n for n, (name, _) in enumerate(rows) if name == "Links"), len(rows))
        rows.insert(at + 1, ("Watch", film_page.watch_line(film, self.films.region, age, keys=True)))
        label = Style.from_rich_style(self.get_component_rich_style("film-screen--label"))
        self.query_one("#overview-facts", FactTable).show(rows, label)

    @tolerates_teardown
    def mine_changed(self, film_id: int | None) -> None:
        """The user's data changed (for `film_id`, or for every film when None, which is also
        how a new ratings scale is told): redraw it."""
        if self.film is None or film_id not in (None, self.film.id):
            return
        mine = self.films.mine(self.film.id)
        if mine != self.film.user or film_id is None:
            self.film = replace(self.film, user=mine)
            self._show_facts(self.film)

    def action_watchlist(self) -> None:
        """Put this film on the watchlist, or take it off."""
        if self.film is not None:
            self.post_message(ToggleWatchlist(self.film.id))

    def action_rate(self) -> None:
        """Your rating and note for this film (the App opens the dialog)."""
        if self.film is not None:
            self.post_message(RateFilm(self.film.id))

    def action_seen(self) -> None:
        """Log a viewing of this film (today unless changed; the App opens the dialog)."""
        if self.film is not None:
            self.post_message(LogViewing(self.film.id))

    def action_edit_note(self) -> None:
        """Write this film's note in your own editor ($VISUAL or $EDITOR)."""
        if self.film is not None:
            self.post_message(EditNote(self.film.id))

    def action_poster(self) -> None:
        """The film's poster, drawn in the terminal."""
        if self.film_id is not None:
            self.post_message(ShowPoster(self.film_id))

    def action_save_page(self) -> None:
        """The page as a Markdown file to read elsewhere."""
        if self.film_id is not None:
            self.post_message(SavePage(self.film_id))

    def action_links(self) -> None:
        """Choose a link out (TMDB, IMDb, Letterboxd, the official site, a trailer)."""
        from filmtui.screens.link_chooser import LinkChooser

        if self.film is not None:
            self.app.push_screen(LinkChooser(self.film.title, film_page.links(self.film)))

    def action_copy(self) -> None:
        """Copy the highlighted FAQ answer on the FAQ tab, else the film's TMDB link."""
        if self.film is None:
            return
        faq = self.query_one("#faq-list", SpoilerList)
        row = faq.highlighted
        if self.query_one(TabbedContent).active == "faq" and row is not None and row < len(self.film.faq):
            self.post_message(CopyText(self.film.faq[row].answer, "the answer"))
            return
        self.post_message(CopyText(film_page.links(self.film)[0][1], film_page.links(self.film)[0][1]))

    def _source(self, film: Film) -> Content:
        return Content("\n").join(Content(line) for line in film_page.source_lines(film))

        # Tabs ---------------------------------------------------------------------------------------

    @tolerates_teardown
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
            self.post_message(RefreshFilm(self.film_id))

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
    def _tab_clicked(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "similar":
            self._find_similar()
        self.call_after_refresh(self._focus_tab)

    def _find_similar(self) -> None:
        film, self._similar_wanted = self._similar_wanted, None
        if film is not None:
            self.load_similar(film)

    # Links --------------------------------------------------------------------------------------

    @on(CreditList.PersonSelected)
    def _open_person(self, event: CreditList.PersonSelected) -> None:
        known = []
        if self.film is not None:
            known.append(PersonCredit(self.film.id, self.film.title, self.film.year, event.role))
        self.post_message(OpenPerson(event.name, known))

    @on(OptionList.OptionSelected, "#collection-list")
    def _open_collection_film(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.post_message(OpenFilm(int(event.option_id)))

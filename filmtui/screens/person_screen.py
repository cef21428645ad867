"""A person's page: their films in the store at once, then (with a TMDB key) who they are and
every film credit from TMDB, stored so the page is whole offline next time. Enter opens a film in
the store, or adds one that is not; j/k move as in the list."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from filmtui.film_source import FilmSource
from filmtui.models import Person, PersonCredit
from filmtui.people import merge_credits
from filmtui.requests import AddFromTmdb, FetchPerson, OpenFilm
from filmtui.text import clean
from filmtui.widgets.key_footer import KeyFooter
from filmtui.widgets.tmdb_status import RefreshPanel
from filmtui.widgets.teardown import tolerates_teardown

#: A stored person older than this many days is fetched again when their page opens.
PERSON_DAYS = 30


def about(person: Person) -> Content:
    """Born, died, known for; then the biography (TMDB's, cut to our length), dimmed."""
    facts = []
    if person.birthday:
        place = f" in {person.place_of_birth}" if person.place_of_birth else ""
        facts.append(f"Born {person.birthday}{place}")
    if person.deathday:
        facts.append(f"died {person.deathday}")
    if person.known_for:
        facts.append(f"known for {person.known_for}")
    head = Content(" · ".join(facts) or "No details on TMDB.")
    if not person.biography:
        return head
    return Content("\n").join([head, Content(person.biography).stylize("dim")])


def career(person: Person | None, local: Sequence[PersonCredit]) -> list[tuple[PersonCredit, bool]]:
    """Every credit by year (undated last): TMDB's when fetched, with the store's own credits
    that TMDB did not list; (credit, is_crew)."""
    credits = [(c, False) for c in person.cast] + [(c, True) for c in person.crew] if person else []
    seen = {(c.film_id, c.role) for c, _ in credits}
    credits += [(c, False) for c in local if (c.film_id, c.role) not in seen]
    # Newest first, as the catalogue's own list and TMDB's site do; undated (announced) last.
    return sorted(credits, key=lambda pair: (pair[0].year is None, -(pair[0].year or 0), pair[0].title))


class PersonScreen(Screen):
    """Films of one person: the store's at once, TMDB's whole career when fetched."""

    HELP_NOTE = "↑ ↓ (or j k) and Enter (or a click) choose a film and open it, or add it."
    BINDINGS = [
        Binding("escape,backspace", "app.back", "Back", id="page_back", tooltip="back"),
        Binding("j", "down", "Down", show=False, id="person_down", tooltip="next credit"),
        Binding("k", "up", "Up", show=False, id="person_up", tooltip="previous credit"),
        Binding("a", "add", "Add film", id="person_add",
                tooltip="add the highlighted film from TMDB to your collection"),
        Binding("u", "update", "Update from TMDB", id="person_update",
                tooltip="fetch the person's details and credits from TMDB again"),
    ]

    class Loaded(Message):
        """The person's credits in the store are ready, with what TMDB said last time."""

        def __init__(self, name: str, credits: list[PersonCredit], stored: Person | None = None,
                     problem: str = "") -> None:
            self.name = name
            self.credits = credits
            self.stored = stored
            self.problem = problem
            super().__init__()

    class Fetched(Message):
        """TMDB's answer for the person (stored by now), or the one line saying why not."""

        def __init__(self, name: str, person: Person | None, problem: str) -> None:
            self.name = name
            self.person = person
            self.problem = problem
            super().__init__()

    def __init__(self, films: FilmSource) -> None:
        super().__init__()
        self.films = films
        self._mounted = False
        self.person: str | None = None
        self.known: tuple[PersonCredit, ...] = ()
        """Credits the caller already knows (a crew job seen on a film's Cast tab)."""
        self.credits: list[PersonCredit] = []
        """The store's credits for them (the catalogue and refreshed films)."""
        self.tmdb: Person | None = None
        self.rows: list[tuple[PersonCredit, bool]] = []
        self._status = ""

    def compose(self) -> ComposeResult:
        yield Static(id="person-name")
        yield Static(id="person-about")
        yield Static(id="person-count")
        yield Static(id="person-status")
        yield OptionList(id="person-films", markup=False)
        yield RefreshPanel()
        yield KeyFooter()

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
        self.tmdb = None
        self.rows = []
        self._status = ""
        if not self._mounted:
            return  # on_mount comes back here
        self.query_one("#person-name", Static).update(Content(clean(name)).stylize("bold"))
        self.query_one("#person-about", Static).display = False
        self.query_one("#person-count", Static).update(Content("Looking for their films…"))
        self.query_one("#person-films", OptionList).clear_options()
        self.load_credits(name, self.known)

    @work(thread=True, exclusive=True, group="person", exit_on_error=False)
    def load_credits(self, name: str, known: tuple[PersonCredit, ...]) -> None:
        """Gather credits off the event loop (the people index is built on first use), and what
        was stored from TMDB about them."""
        people = self.films.people()
        credits = merge_credits(people.credits(name), known)
        try:
            stored, problem = self.films.person(name), ""
        except Exception as error:  # the store's own trouble: the page stands on the catalogue
            stored, problem = None, f"Could not read what TMDB said about them: {error}"
        self.post_message(self.Loaded(name, credits, stored, problem))

    @on(Loaded)
    @tolerates_teardown
    def _loaded(self, event: Loaded) -> None:
        if event.name != self.person:
            return  # an earlier page's answer
        self.credits = event.credits
        self.tmdb = event.stored
        self._status = event.problem
        self._draw()
        if event.stored is None or _older_than(event.stored.fetched_at, PERSON_DAYS):
            self._fetch()

    def _fetch(self) -> None:
        if self.person is None:
            return
        self._status = "Fetching their whole career from TMDB…"
        self._draw_count()
        self.post_message(FetchPerson(self.person, [c.film_id for c in (*self.credits, *self.known)]))

    @on(Fetched)
    @tolerates_teardown
    def _fetched(self, event: Fetched) -> None:
        if event.name != self.person:
            return
        if event.person is not None:
            self.tmdb = event.person
            self._status = ""
            self._draw()
            return
        if self.tmdb is not None:
            self._status = f"Showing what was stored: {event.problem}"
        else:
            self._status = f"Only the films in your store: their TMDB career is not stored yet ({event.problem})"
        self._draw_count()

    def _draw(self) -> None:
        about_ = self.query_one("#person-about", Static)
        if self.tmdb is not None:
            about_.update(about(self.tmdb))
        about_.display = self.tmdb is not None
        self.rows = career(self.tmdb, self.credits)
        options = self.query_one("#person-films", OptionList)
        keep = options.highlighted
        prompts = []
        for number, (credit, crew) in enumerate(self.rows):
            line = Text(clean(credit.title), style="bold")
            if credit.year:
                line.append(f" ({credit.year})")
            if credit.role:
                line.append(("  " if crew or self.tmdb is None else "  as ") + clean(credit.role), style="dim")
            if self.tmdb is not None and self.films.summary(credit.film_id) is not None:
                line.append("  ● in your films", style="italic")
            prompts.append(Option(line, id=f"{number}"))
        options.set_options(prompts)
        if prompts:
            options.highlighted = keep if keep is not None and keep < len(prompts) else 0
        options.focus()
        self._draw_count()

    def _draw_count(self) -> None:
        stored = {c.film_id for c, _ in self.rows if self.films.summary(c.film_id) is not None}
        films = len({c.film_id for c, _ in self.rows})
        if self.tmdb is not None:
            noun = "film" if films == 1 else "films"
            said = (f"{films} {noun} on TMDB, {len(stored)} in your films (● Enter opens, a adds)"
                    f" · TMDB {self.tmdb.fetched_at[:10]}")
        else:
            said = f"{films} film{'s' if films != 1 else ''} in the catalogue"
        self.query_one("#person-count", Static).update(Content(clean(said)))
        status = self.query_one("#person-status", Static)
        status.update(Content(clean(self._status)))
        status.display = bool(self._status)

    def _chosen(self) -> PersonCredit | None:
        index = self.query_one("#person-films", OptionList).highlighted
        return self.rows[index][0] if index is not None and index < len(self.rows) else None

    @on(OptionList.OptionSelected, "#person-films")
    def _open_film(self, event: OptionList.OptionSelected) -> None:
        credit = self.rows[int(event.option_id or 0)][0]
        if self.films.summary(credit.film_id) is not None:
            self.post_message(OpenFilm(credit.film_id))
        else:
            self._add(credit)

    def _add(self, credit: PersonCredit) -> None:
        self.notify(f"Adding {clean(credit.title)} from TMDB…", markup=False, timeout=3)
        self.post_message(AddFromTmdb(credit.film_id))

    def action_add(self) -> None:
        """Add the highlighted film to your films (from TMDB)."""
        credit = self._chosen()
        if credit is None:
            return
        if self.films.summary(credit.film_id) is None:
            self._add(credit)
        else:
            self.notify(f"{clean(credit.title)} is in your films already: Enter opens it", markup=False, timeout=4)

    def action_update(self) -> None:
        """Fetch their details and films from TMDB again."""
        self._fetch()

    def action_down(self) -> None:
        self.query_one("#person-films", OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#person-films", OptionList).action_cursor_up()


def _older_than(stamp: str, days: int) -> bool:
    """True when ISO time `stamp` is more than `days` ago (or cannot be read)."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return True
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc) - when > dt.timedelta(days=days)

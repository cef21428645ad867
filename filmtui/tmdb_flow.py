"""The browser's TMDB actions, held apart from the App (composed, not mixed in): refresh the open
film, refresh every film with progress and cancel, search TMDB and add, draw a poster.

The App forwards the matching requests and results here; every network or disk call runs in a
worker (filmtui.jobs) that answers with a message.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from filmtui import jobs, requests, results
from filmtui.navigation import FilmPage
from filmtui.tmdb_service import Refreshed, RefreshStep

if TYPE_CHECKING:
    from filmtui.app import FilmApp
    from filmtui.models import Film, FilmSummary

#: Seconds between redraws of the refresh-all progress (the worker never waits on the screen).
PROGRESS_EVERY = 0.1


def _listed(summary: FilmSummary) -> FilmSummary:
    """What the list shows of a film (its data's age and TMDB's popularity aside)."""
    return summary._replace(refreshed_at=None, popularity=None)


class TmdbFlow:
    """TMDB work in flight and its state: one refresh at a time, the progress, the cancel switch."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app
        self.cancel: threading.Event | None = None
        """Set to stop the refresh of every film (what was fetched is kept)."""
        self.busy = False
        self._step: RefreshStep | None = None
        """The refresh's latest step: written by its worker, drawn by a timer."""
        self._timer: Timer | None = None

    def handle(self, event: Message, screen: Any) -> None:
        """A TMDB request from `screen`, or a TMDB worker's result."""
        match event:
            case requests.RefreshFilm(film_id=film_id):
                self.refresh_film(film_id)
            case requests.CancelRefresh():
                if self.app.tmdb_state.refreshing:
                    self.toggle_all()
            case requests.ShowPoster(film_id=film_id):
                self.show_poster(film_id)
            case requests.DrawPoster(film_id=film_id, size=size):
                self.draw_poster(screen, film_id, size)
            case requests.SearchTmdb(query=query):
                self.search(screen, query)
            case requests.AddFromTmdb(tmdb_id=tmdb_id):
                self.add(screen, tmdb_id)
            case requests.DiscoverTmdb(which=which):
                app = self.app
                app.work(jobs.films_list, app.tmdb, screen.post_message, which, group="tmdb-search",
                         exclusive=True)
            case requests.FetchPerson(name=name, films=films):
                app = self.app
                app.work(jobs.fetch_person, app.library, app.tmdb, screen.post_message, name, films,
                         group="tmdb-person", exclusive=True)
            case results.FilmAdded(film=film):
                self._added(film)
            case results.FilmRefreshed(film_id=film_id, outcome=outcome):
                self.film_refreshed(film_id, outcome)
            case results.RefreshStarted(total=total):
                self.started(total)
            case results.RefreshFinished(outcome=outcome):
                self.finished(outcome)

    def _title(self, film_id: int) -> str:
        summary = self.app.library.summary(film_id)
        return summary.title if summary else f"#{film_id}"

    # Refresh one film -----------------------------------------------------------------------

    def refresh_film(self, film_id: int) -> None:
        app = self.app
        if self.busy:
            app.say("A TMDB refresh is already running; wait for it or press ctrl+r to cancel it.", "warning")
            return
        self.busy = True
        title = self._title(film_id)
        app.say(f"Updating {title} from TMDB…", timeout=3)
        app.work(jobs.refresh_film, app.library, app.tmdb, app.post_message, film_id, title,
                 group="refresh", exclusive=True)

    def film_refreshed(self, film_id: int, outcome: Refreshed) -> None:
        app = self.app
        self.busy = False
        app.say(outcome.message, outcome.severity)
        self._network_after(outcome)
        film = outcome.film
        if film is None:
            return
        page = app.page_flow.film_page
        if page is not None and page.film_id == film_id and page.is_mounted:
            page.show_film(film)
        old = app.library.summary(film_id)
        if old is None or _listed(old) != _listed(film.summary()):
            self.reload()  # rebuilding the list costs seconds at 100k films: only when its row changed

    def _network_after(self, outcome: Refreshed) -> None:
        if outcome.refused:
            self.app.set_tmdb_state(network="refused")
        else:
            self.app.check_online()  # the online sign follows what just happened

    def reload(self) -> None:
        app = self.app
        app.work(jobs.reload_films, app.library, app.post_message, group="reload", exclusive=True)

    # Refresh every film ---------------------------------------------------------------------

    def toggle_all(self) -> None:
        """Refresh every film; while one runs, cancel it."""
        app = self.app
        if app.tmdb_state.refreshing:
            if self.cancel is not None and not self.cancel.is_set():
                self.cancel.set()
                app.set_tmdb_state(cancelling=True)
                app.say("Cancelling the refresh: films already fetched are kept.", timeout=4)
            return
        if self.busy:
            app.say("A TMDB refresh is already running.", "warning")
            return
        self.busy = True
        self.cancel = threading.Event()
        self._step = None
        app.work(jobs.refresh_all, app.library, app.tmdb, app.post_message, self.cancel, self._took,
                 group="refresh", exclusive=True)

    def _took(self, step: RefreshStep) -> None:
        self._step = step  # called in the worker: one assignment, drawn by the timer

    def stop(self) -> None:
        """Quitting: stop the refresh of every film (what was fetched is saved)."""
        if self.cancel is not None:
            self.cancel.set()

    def started(self, total: int) -> None:
        self.app.set_tmdb_state(refreshing=True, done=0, total=total, failed=0, title="", cancelling=False)
        if self._timer is None:
            self._timer = self.app.set_interval(PROGRESS_EVERY, self._draw)

    def _draw(self) -> None:
        step, state = self._step, self.app.tmdb_state
        if step is None or not state.refreshing:
            return
        if (state.done, state.total, state.failed, state.title) != (step.done, step.total, step.failed, step.title):
            self.app.set_tmdb_state(done=step.done, total=step.total, failed=step.failed, title=step.title)

    def finished(self, outcome: Refreshed) -> None:
        app = self.app
        self.busy = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        app.set_tmdb_state(refreshing=False, cancelling=False)
        app.say(outcome.message, outcome.severity, timeout=10)
        if not outcome.ran:
            return
        page = app.page_flow.film_page
        if page is not None and page.film_id is not None and page.is_mounted:
            page.load_film(page.film_id)  # read again: the cache was emptied
        self.reload()
        self._network_after(outcome)

    # Search TMDB, add, posters --------------------------------------------------------------

    def search_dialog(self, discover: str | None = None) -> None:
        """Search TMDB for the list's query; with `discover` ("trending", "popular") and an
        empty search, start from that list."""
        from textual.widgets import Input

        from filmtui.screens import ListScreen, TmdbSearchDialog

        app = self.app
        if isinstance(app.screen, TmdbSearchDialog):
            return
        query = app.screen.query_one("#search", Input).value.strip() if isinstance(app.screen, ListScreen) else ""
        app.push_screen(TmdbSearchDialog(app.library, "" if discover else query, discover), self._added)

    def search(self, dialog: Any, query: str) -> None:
        app = self.app
        app.work(jobs.search_tmdb, app.tmdb, dialog.post_message, query, group="tmdb-search", exclusive=True)

    def add(self, sender: Any, tmdb_id: int) -> None:
        """Add film `tmdb_id`: the search dialog hears back itself; from a page (More like this,
        a person, discovery) the App adds it to the list and opens it."""
        from filmtui.screens import TmdbSearchDialog

        app = self.app
        reply = sender.post_message if isinstance(sender, TmdbSearchDialog) else self._page_added
        app.work(jobs.add_from_tmdb, app.library, app.tmdb, reply, tmdb_id,
                 group="tmdb-add", exclusive=True)

    def _page_added(self, answer: Any) -> bool:
        """A page's add came back (in the worker): as a result the App handles, or one line."""
        if answer.film is not None:
            return self.app.post_message(results.FilmAdded(answer.film))
        return self.app.post_message(results.Said(answer.problem or "Could not add the film.", "error"))

    def _added(self, film: Film | None) -> None:
        if film is None:
            return
        self.app.say(f"{film.title} added from TMDB")
        self.reload()
        self.app.page_flow.open(FilmPage(film.id))

    def show_poster(self, film_id: int) -> None:
        from filmtui.screens import PosterScreen

        summary = self.app.library.summary(film_id)
        title, year = (summary.title, summary.year) if summary else ("", None)
        self.app.push_screen(PosterScreen(film_id, title, year))

    def draw_poster(self, screen: Any, film_id: int, size: Any) -> None:
        app = self.app
        app.work(jobs.draw_poster, app.library, app.tmdb, screen.post_message, film_id, size,
                 group="poster", exclusive=True)

    def system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """The palette's TMDB entries."""
        if self.app.tmdb_state.refreshing:
            yield SystemCommand("Cancel the TMDB refresh", "Stop refreshing (films fetched are kept)",
                                self.toggle_all)
        else:
            yield SystemCommand("Refresh all films from TMDB",
                                "Fetch every film again (ctrl+r; again to cancel)", self.toggle_all)
        yield SystemCommand("Search TMDB", "Find a film on TMDB and add it (ctrl+t)", self.search_dialog)
        yield SystemCommand("Trending on TMDB", "This week's films; yours marked, Enter adds one "
                            "(ctrl+t, Enter on an empty search)", lambda: self.search_dialog("trending"))
        yield SystemCommand("Popular on TMDB", "TMDB's popular films; yours marked, Enter adds one",
                            lambda: self.search_dialog("popular"))
        page = self.app.page_flow.film_page
        if page is not None and screen is page and page.film_id is not None:
            film_id = page.film_id
            yield SystemCommand("Update this film from TMDB", "Fetch the open film again (u)",
                                lambda: self.refresh_film(film_id))

"""The films in the browser, held apart from the App (composed, not mixed in): the first
screenful at once, the list index and the search index opened in a worker after the first frame
and again after a refresh or an add, the warm-ups (the film page, the search's typo matching)
once the user has stopped typing, and a look now and then at whether another filmtui changed
the user's data.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.message import Message

from filmtui import jobs, results
from filmtui.text import clean

if TYPE_CHECKING:
    from filmtui.app import FilmApp

MINE_WATCH = 2.0
"""Seconds between looks (one stat) at whether another filmtui changed the user's data."""

IDLE_FOR = 1.0
"""Seconds without a key before the warm-ups run: they hold the interpreter for tens of ms
(hundreds at 1M films), which a key typed meanwhile would wait for."""
IDLE_LOOK = 0.25
"""Seconds between looks at whether the user has stopped typing."""


class LoadFlow:
    """Reads the films for the list and hands the list what was read."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app
        self._last_key = time.monotonic()
        self._warm_pending = False
        """True from the search index being ready until the warm-ups have started."""

    def start(self) -> None:
        """The head start now; the films once the first frame is up; the watch on the user's data."""
        app = self.app
        # The first screenful and the count, from the list index (a few queries, about a
        # millisecond at any size), so the first frame has rows while the worker loads the rest.
        head = None
        try:
            head = app.library.head()
        except Exception:
            pass  # only a head start: the worker reads the films and says what went wrong
        if head is not None:
            app.list_screen.show_head(head.rows, head.total, head.rated)
        # After the first frame: the worker's reads (your data, the title order's ids, the search
        # index) hold the interpreter in stretches, and the search box should be on screen and
        # taking keys before that starts.
        app.call_after_refresh(app.work, jobs.load_films, app.library, app.post_message, group="load")
        app.set_interval(MINE_WATCH, self._watch_mine)

    def handle(self, event: Message) -> None:
        app = self.app
        match event:
            case results.FilmsLoaded() | results.FilmsReloaded():
                self._loaded(event)
            case results.FilmsUnreadable(message=message):
                app.say(message, "error", timeout=30)
                app.list_screen.load_failed(clean(message))
            case results.IndexBuilt():
                app.list_screen.refresh_view()
                if not self._warm_pending and (app.library.search_stale or app.page_flow.film_page is None):
                    self._warm_pending = True
                    self._warm_when_idle()

    def typed(self) -> None:
        """A key came: the warm-ups wait for the user to stop typing."""
        self._last_key = time.monotonic()

    def _loaded(self, event: results.FilmsLoaded | results.FilmsReloaded) -> None:
        app = self.app
        app.list_screen.set_browser(event.browser)
        drawn = getattr(event, "drawn", None)
        if drawn is not None:
            app.call_after_refresh(drawn.set)

    def _warm_when_idle(self) -> None:
        """Run the warm-ups once no key has come for IDLE_FOR seconds (looked at again then)."""
        quiet = time.monotonic() - self._last_key
        if quiet < IDLE_FOR:
            self.app.set_timer(min(IDLE_FOR - quiet, IDLE_LOOK), self._warm_when_idle)
            return
        self._warm_pending = False
        self.app.run_worker(self._warm, thread=True, group="warm", exit_on_error=False)

    def _warm(self) -> None:
        """While the reader looks at the list: the current search index when start-up took
        one saved a few writes ago, the first typo-tolerant search's preparation, and the film
        page built so the first Enter is quick (its modules imported here)."""
        app = self.app
        if app.library.rebuild_search():
            app.post_message(results.IndexBuilt())  # the list searches again, with every film
            return  # the rest when the user is idle again
        app.library.warm_search()
        import filmtui.screens.film_screen  # noqa: F401
        import filmtui.tmdb.freshness  # noqa: F401  (the page's "TMDB data from…": httpx with it, 0.25 s)

        try:
            app.call_from_thread(app.page_flow.film_screen)
        except RuntimeError:
            pass  # the app is closing: no page to build

    def _watch_mine(self) -> None:
        app = self.app
        if app.library.browser is not None:  # the first read is the loading worker's
            app.work(jobs.watch_mine, app.library, app.post_message, group="watch-mine", exclusive=True)

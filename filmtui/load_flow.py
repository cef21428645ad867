"""The films in the browser, held apart from the App (composed, not mixed in): the first
screenful at once, the list index and the search index opened in a worker after the first frame
and again after a refresh or an add, the film page built meanwhile, and a look now and then at whether another
filmtui changed the user's data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from filmtui import jobs, results
from filmtui.text import clean

if TYPE_CHECKING:
    from filmtui.app import FilmApp

MINE_WATCH = 2.0
"""Seconds between looks (one stat) at whether another filmtui changed the user's data."""


class LoadFlow:
    """Reads the films for the list and hands the list what was read."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app

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

    def _loaded(self, event: results.FilmsLoaded | results.FilmsReloaded) -> None:
        app = self.app
        app.list_screen.set_browser(event.browser)
        drawn = getattr(event, "drawn", None)
        if drawn is not None:
            app.call_after_refresh(drawn.set)
        # Build the film page while the reader looks at the list, so the first Enter is quick;
        # its modules are imported in a thread (~60 ms that would hold up a key's echo).
        if app.page_flow.film_page is None:
            app.set_timer(0.5, lambda: app.run_worker(
                self._warm_film_page, thread=True, group="warm", exit_on_error=False))

    def _warm_film_page(self) -> None:
        import filmtui.screens.film_screen  # noqa: F401

        try:
            self.app.call_from_thread(self.app.page_flow.film_screen)
        except RuntimeError:
            pass  # the app is closing: no page to build

    def _watch_mine(self) -> None:
        app = self.app
        if app.library.browser is not None:  # the first read is the loading worker's
            app.work(jobs.watch_mine, app.library, app.post_message, group="watch-mine", exclusive=True)

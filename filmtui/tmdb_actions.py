"""The browser's TMDB actions, mixed into FilmApp: refresh the open film, refresh every film,
search TMDB and add a film, and the online/offline sign.

Every network and disk call runs in a thread worker with its own Store instance (the store's lock
counts per instance, not per thread); the event loop only draws and notifies. The state is
published on `tmdb_signal` for the widgets in filmtui.widgets.tmdb_status.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand
from textual.signal import Signal
from textual.timer import Timer

from filmtui.text import clean
from filmtui.widgets.tmdb_status import TmdbState

if TYPE_CHECKING:
    from filmtui.browse import Browser
    from filmtui.config import Config
    from filmtui.models import Film, FilmSummary
    from filmtui.tmdb import RefreshReport

#: Seconds between redraws of the refresh-all progress (the worker never waits on the screen).
PROGRESS_EVERY = 0.1


def load_tmdb_config() -> tuple[Config | None, str]:
    """The settings, or None and a one-line reason nothing can be fetched (call from a worker)."""
    from filmtui.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as error:
        return None, str(error)
    if not config.has_credentials:
        from filmtui.tmdb.client import missing_credentials_message

        return None, missing_credentials_message()
    return config, ""


def report_line(report: RefreshReport, title: str) -> tuple[str, str]:
    """One film's refresh result in one line, and the notification's severity."""
    if report.refreshed:
        return f"{title} refreshed from TMDB", "information"
    if report.unchanged:
        return f"{title} is up to date with TMDB", "information"
    if report.skipped:
        return f"{title} was skipped: {report.skipped[0].reason}", "warning"
    if report.failed:
        return f"{title} was not refreshed: {report.failed[0].reason}", "error"
    return f"{title} was not refreshed", "warning"


def summary_line(report: RefreshReport) -> tuple[str, str]:
    """Refresh-all's summary in one line (the first failure's reason too), and its severity."""
    text = f"TMDB refresh: {report.summary()}"
    if report.failed:
        first = report.failed[0]
        text += f" — {first.title}: {first.reason}"
    return text, "information" if report.ok else "warning"


def _listed(summary: FilmSummary) -> FilmSummary:
    """What the list shows of a film (its data's age and TMDB's popularity aside)."""
    return summary._replace(refreshed_at=None, popularity=None)


class TmdbActions:
    """TMDB in the browser. Mixed into FilmApp (which gives `store`, `browser`, the film cache)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tmdb_state = TmdbState()
        """What the widgets show; replaced (never mutated) by `set_tmdb_state`."""
        self.tmdb_signal: Signal[TmdbState] = Signal(self, "tmdb")  # type: ignore[arg-type]
        self._refresh_cancel: threading.Event | None = None
        self._refresh_busy = False
        self._progress: tuple[int, int, int, str] | None = None
        """(done, total, failed, title): written by the refresh worker, drawn by a timer."""
        self._progress_timer: Timer | None = None

    # State ----------------------------------------------------------------------------------

    def set_tmdb_state(self, **changes: Any) -> None:
        """Change the TMDB state and tell every widget that shows it."""
        self.tmdb_state = replace(self.tmdb_state, **changes)
        self.tmdb_signal.publish(self.tmdb_state)

    def _say(self, message: str, severity: str = "information", timeout: float = 6) -> None:
        self.notify(clean(message), severity=severity, timeout=timeout, markup=False)  # type: ignore[attr-defined]

    # Online / offline -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="tmdb-online", exit_on_error=False)
    def check_online(self) -> None:
        """Is TMDB reachable? One quick request, only when credentials exist."""
        from filmtui.config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError:
            self.call_from_thread(self.set_tmdb_state, network="config")  # type: ignore[attr-defined]
            return
        if not config.has_credentials:
            self.call_from_thread(self.set_tmdb_state, network="no-key")  # type: ignore[attr-defined]
            return
        from filmtui.tmdb import reachable

        online = reachable(config, timeout=min(3.0, config.timeout))
        self.call_from_thread(  # type: ignore[attr-defined]
            self.set_tmdb_state, network="online" if online else "offline"
        )

    # Refresh one film -----------------------------------------------------------------------

    def refresh_film(self, film_id: int) -> None:
        """Update film `film_id` from TMDB in a worker; the page shows the result when done."""
        if self._refresh_busy:
            self._say("A TMDB refresh is already running; wait for it or press ctrl+r to cancel it.",
                      "warning")
            return
        self._refresh_busy = True
        summary = self.summary(film_id)  # type: ignore[attr-defined]
        title = summary.title if summary else f"#{film_id}"
        self._say(f"Updating {title} from TMDB…", timeout=3)
        self._refresh_one(film_id, title)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh_one(self, film_id: int, title: str) -> None:
        film: Film | None = None
        try:
            config, problem = load_tmdb_config()
            if config is None:
                self.call_from_thread(self._refresh_one_done, film_id, None, problem, "warning")  # type: ignore[attr-defined]
                return
            from filmtui.tmdb import AuthError, TmdbError, refresh_films

            store = None
            refused = False
            try:
                store = self.worker_store()  # type: ignore[attr-defined]
                report = refresh_films(store, [film_id], config)
            except AuthError as error:
                message, severity, refused = str(error), "error", True
            except TmdbError as error:
                message, severity = str(error), "error"
            except Exception as error:  # the store's errors: one line, never a traceback
                message, severity = f"Could not refresh {title}: {error}", "error"
            else:
                message, severity = "", ""
            if store is not None:
                try:
                    film = store.film(film_id)
                except Exception:
                    film = None
            if not message:
                message, severity = report_line(report, film.title if film else title)
            self.call_from_thread(self._refresh_one_done, film_id, film, message, severity)  # type: ignore[attr-defined]
            if refused:
                self.call_from_thread(self.set_tmdb_state, network="refused")  # type: ignore[attr-defined]
            else:
                self.call_from_thread(self.check_online)  # type: ignore[attr-defined]
        finally:
            self._refresh_busy = False

    def _refresh_one_done(self, film_id: int, film: Film | None, message: str, severity: str) -> None:
        self._say(message, severity)
        if film is None:
            return
        self.keep_film(film)  # type: ignore[attr-defined]
        self._show_refreshed_film(film_id, film)
        old = self.summary(film_id)  # type: ignore[attr-defined]
        if old is None or _listed(old) != _listed(film.summary()):
            # Rebuilding the list costs seconds at 100k films: only when its row changed.
            self.reload_films()

    def _film_page(self) -> Any:
        """The film page screen if it was ever built, else None."""
        if not self.is_screen_installed("film-page"):  # type: ignore[attr-defined]
            return None
        return self.get_screen("film-page")  # type: ignore[attr-defined]

    def _show_refreshed_film(self, film_id: int, film: Film) -> None:
        page = self._film_page()
        if page is not None and page.film_id == film_id and page.is_mounted:
            page.show_film(film)

    # Refresh every film ---------------------------------------------------------------------

    def action_refresh_all(self) -> None:
        """Refresh every film from TMDB, with progress; pressed again, cancel."""
        if self.tmdb_state.refreshing:
            if self._refresh_cancel is not None and not self._refresh_cancel.is_set():
                self._refresh_cancel.set()
                self.set_tmdb_state(cancelling=True)
                self._say("Cancelling the refresh: films already fetched are kept.", timeout=4)
            return
        if self._refresh_busy:
            self._say("A TMDB refresh is already running.", "warning")
            return
        self._refresh_busy = True
        self._refresh_cancel = threading.Event()
        self._progress = None
        self._refresh_all(self._refresh_cancel)

    def on_unmount(self) -> None:
        """Quitting stops a refresh of every film (what was fetched is saved), so exit never
        waits for thousands of films."""
        if self._refresh_cancel is not None:
            self._refresh_cancel.set()

    def action_cancel_refresh(self) -> None:
        """Stop a refresh of every film (what was fetched is saved)."""
        if self.tmdb_state.refreshing:
            self.action_refresh_all()

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh_all(self, cancel: threading.Event) -> None:
        try:
            config, problem = load_tmdb_config()
            if config is None:
                self.call_from_thread(self._refresh_all_done, problem, "warning", False)  # type: ignore[attr-defined]
                return
            from filmtui.tmdb import AuthError, Progress, TmdbError, refresh_films

            failed = 0
            refused = False

            def progress(step: Progress) -> None:
                nonlocal failed
                failed += step.outcome == "failed"
                self._progress = (step.done, step.total, failed, step.title)

            try:
                store = self.worker_store()  # type: ignore[attr-defined]
                ids = [summary.id for summary in store.summaries()]
                self.call_from_thread(self._refresh_all_started, len(ids))  # type: ignore[attr-defined]
                report = refresh_films(store, ids, config, progress, cancel=cancel)
            except AuthError as error:
                message, severity, refused = str(error), "error", True
            except TmdbError as error:
                message, severity = str(error), "error"
            except Exception as error:
                message, severity = f"Could not refresh the films: {error}", "error"
            else:
                message, severity = summary_line(report)
            self.call_from_thread(self._refresh_all_done, message, severity, True, refused)  # type: ignore[attr-defined]
        finally:
            self._refresh_busy = False

    def _refresh_all_started(self, total: int) -> None:
        self.set_tmdb_state(refreshing=True, done=0, total=total, failed=0, title="",
                            cancelling=False)
        if self._progress_timer is None:
            self._progress_timer = self.set_interval(PROGRESS_EVERY, self._draw_progress)  # type: ignore[attr-defined]

    def _draw_progress(self) -> None:
        step = self._progress
        if step is None or not self.tmdb_state.refreshing:
            return
        done, total, failed, title = step
        state = self.tmdb_state
        if (state.done, state.total, state.failed, state.title) != (done, total, failed, title):
            self.set_tmdb_state(done=done, total=total, failed=failed, title=title)

    def _refresh_all_done(self, message: str, severity: str, ran: bool, refused: bool = False) -> None:
        if self._progress_timer is not None:
            self._progress_timer.stop()
            self._progress_timer = None
        self.set_tmdb_state(refreshing=False, cancelling=False)
        self._say(message, severity, timeout=10)
        if not ran:
            return
        with self._films_lock:  # type: ignore[attr-defined]
            self._films.clear()  # type: ignore[attr-defined]
        page = self._film_page()
        if page is not None and page.film_id is not None and page.is_mounted:
            page.load_film(page.film_id)  # read again: the cache was emptied
        self.reload_films()
        if refused:
            self.set_tmdb_state(network="refused")
        else:
            self.check_online()

    # Reloading the list after a refresh or an add ------------------------------------------

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload_films(self) -> None:
        """Read the summaries again (new titles, ratings, films) and swap them into the list."""
        from filmtui.browse import Browser

        try:
            browser = Browser(self.store.summaries(), build=False)  # type: ignore[attr-defined]
            browser.order("title")
            browser.build_index()
        except Exception:
            return  # the list keeps what it showed; the next reload tries again
        self.call_from_thread(self._films_reloaded, browser)  # type: ignore[attr-defined]

    def _films_reloaded(self, browser: Browser) -> None:
        from filmtui.screens.list_screen import ListScreen

        self.browser = browser
        with self._people_lock:  # type: ignore[attr-defined]
            self._people = None
        with self._collections_lock:  # type: ignore[attr-defined]
            self._collections = None
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, ListScreen):
                screen.set_browser(browser)

    # Search TMDB and add --------------------------------------------------------------------

    def action_search_tmdb(self) -> None:
        """Search TMDB for the list's query (or anything typed in the dialog) and add a film."""
        from textual.widgets import Input

        from filmtui.screens.list_screen import ListScreen
        from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog

        screen = self.screen  # type: ignore[attr-defined]
        if isinstance(screen, TmdbSearchDialog):
            return
        query = ""
        if isinstance(screen, ListScreen):
            query = screen.query_one("#search", Input).value.strip()
        self.push_screen(TmdbSearchDialog(query), self._tmdb_film_added)  # type: ignore[attr-defined]

    def _tmdb_film_added(self, film: Film | None) -> None:
        if film is None:
            return
        self.keep_film(film)  # type: ignore[attr-defined]
        self._say(f"{film.title} added from TMDB")
        self.reload_films()
        self.open_film(film.id)  # type: ignore[attr-defined]

    # Palette ----------------------------------------------------------------------------------

    def tmdb_system_commands(self) -> Any:
        """The palette's TMDB entries."""
        if self.tmdb_state.refreshing:
            yield SystemCommand("Cancel the TMDB refresh", "Stop refreshing (films fetched are kept)",
                                self.action_cancel_refresh)
        else:
            yield SystemCommand("Refresh all films from TMDB",
                                "Fetch every film again (ctrl+r; again to cancel)",
                                self.action_refresh_all)
        yield SystemCommand("Search TMDB", "Find a film on TMDB and add it (ctrl+t)",
                            self.action_search_tmdb)
        page = self.screen  # type: ignore[attr-defined]
        if getattr(page, "page", None) and page.page[0] == "film" and page.film_id is not None:
            yield SystemCommand("Update this film from TMDB", "Fetch the open film again (u)",
                                lambda: self.refresh_film(page.film_id))

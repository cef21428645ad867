"""TMDB for the browser: the settings and key check, one error ladder, and every call's outcome
as a value (a line to say, its severity, what changed). Blocking: call from a thread worker.

Wraps filmtui.tmdb's public functions; no Textual here. Quitting calls `abort()`, which cuts the
requests in flight (through `TmdbClient.abort()` where the client has it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from filmtui.config import Config
    from filmtui.models import Film, Person
    from filmtui.poster_art import Grid
    from filmtui.store import Store
    from filmtui.tmdb import Candidate, Progress, RefreshReport
    from filmtui.tmdb.client import TmdbClient

T = TypeVar("T")

#: How filmtui.tmdb words a film a refresh stopped before (cancelled, offline, key refused).
NOT_TRIED = "not tried"


@dataclass(frozen=True)
class Refreshed:
    """What a refresh did, in one line, and what the browser should redraw."""

    message: str
    severity: str = "information"
    film: Film | None = None
    """Refreshing one film: the film as stored afterwards (None when it could not be read)."""
    ran: bool = False
    """Refreshing every film: the refresh ran, so the store may have changed."""
    refused: bool = False
    """TMDB refused the key (else the online sign is checked again)."""


@dataclass(frozen=True)
class Searched:
    """TMDB's films for a query, or the one line saying why there are none."""

    query: str
    candidates: list[Candidate] = field(default_factory=list)
    problem: str = ""


@dataclass(frozen=True)
class Added:
    """The film added from TMDB, or the one line saying why not."""

    film: Film | None = None
    problem: str = ""


@dataclass(frozen=True)
class PersonFetched:
    """A person fetched from TMDB (and stored), or the one line saying why not."""

    person: Person | None = None
    problem: str = ""


@dataclass(frozen=True)
class Listed:
    """TMDB's trending or popular films, or the one line saying why there are none."""

    which: str
    candidates: list[Candidate] = field(default_factory=list)
    problem: str = ""


@dataclass(frozen=True)
class PosterCells:
    """A poster fitted to the screen, or the one line saying why there is none."""

    grid: Grid | None = None
    problem: str = ""


@dataclass(frozen=True)
class RefreshStep:
    """A refresh of every film, one film further: what the progress panel draws."""

    done: int
    total: int
    failed: int
    title: str


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
    """Refresh-all's summary in one line, films never tried apart from films that failed."""
    failed = [p for p in report.failed if not p.reason.startswith(NOT_TRIED)]
    # Given up on (TMDB unreachable, refusing) or never reached (cancelled): none of them failed.
    untried = len(report.failed) - len(failed) + len(report.not_tried)
    parts = [f"refreshed {len(report.refreshed)}", f"unchanged {len(report.unchanged)}",
             f"failed {len(failed)}"]
    if report.skipped:
        parts.append(f"skipped {len(report.skipped)}")
    if untried:
        parts.append(f"not tried {untried}")
    text = "TMDB refresh: " + ", ".join(parts)
    if report.offline:
        text += " (TMDB unreachable)"
    if report.cancelled:
        text += " (cancelled)"
    if failed:
        text += f" — {failed[0].title}: {failed[0].reason}"
    return text, "information" if not failed and not report.cancelled else "warning"


class TmdbService:
    """The browser's way to TMDB. One instance per session, shared by its workers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: set[TmdbClient] = set()
        self._aborted = threading.Event()

    # Settings and the one error ladder ------------------------------------------------------

    def settings(self) -> tuple[Config | None, str]:
        """The settings, or None and the one line saying why nothing can be fetched."""
        from filmtui.config import ConfigError, load_config
        from filmtui.tmdb.client import missing_credentials_message

        try:
            config = load_config()
        except ConfigError as error:
            return None, str(error)
        if not config.has_credentials:
            return None, missing_credentials_message()
        return config, ""

    @staticmethod
    def _attempt(call: Callable[[], T], what: str) -> tuple[T | None, str, bool]:
        """Run `call`: its result, or None with one line saying why (safe to show) and whether
        TMDB refused the key."""
        from filmtui.tmdb import AuthError, TmdbError

        try:
            return call(), "", False
        except AuthError as error:
            return None, str(error), True
        except TmdbError as error:
            return None, str(error), False
        except Exception as error:  # the store's errors, a bug: one line, never a traceback
            return None, f"{what}: {error}", False

    @contextmanager
    def _client(self, config: Config) -> Iterator[TmdbClient]:
        """A client `abort()` can reach while it is in use."""
        from filmtui.tmdb import TmdbError
        from filmtui.tmdb.client import TmdbClient

        if self._aborted.is_set():
            raise TmdbError("filmtui is quitting")
        client = TmdbClient(config)
        with self._lock:
            self._clients.add(client)
        try:
            yield client
        finally:
            with self._lock:
                self._clients.discard(client)
            client.close()

    def abort(self) -> None:
        """Cut every request in flight and refuse new ones (quitting); returns at once."""
        self._aborted.set()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            abort = getattr(client, "abort", None)  # newer filmtui.tmdb: cuts the connection
            if abort is not None:
                abort()
            else:
                client.cancelled.set()  # at least no retry or wait starts again

    # Calls --------------------------------------------------------------------------------

    def network(self) -> str:
        """"online", "offline", "no-key" or "config": one quick request when a key is set."""
        from filmtui.config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError:
            return "config"
        if not config.has_credentials:
            return "no-key"
        # Only now: httpx costs ~0.2 s of imports, taken from the start-up's typing without a key.
        from filmtui.tmdb import reachable

        return "online" if reachable(config, timeout=min(3.0, config.timeout)) else "offline"

    def refresh_film(self, store: Store, film_id: int, title: str) -> Refreshed:
        """Fetch one film again into `store`; the outcome carries the film as stored after."""
        config, problem = self.settings()
        if config is None:
            return Refreshed(problem, "warning")
        from filmtui.tmdb import refresh_films

        def run() -> RefreshReport:
            with self._client(config) as client:
                return refresh_films(store, [film_id], config, client=client)

        report, error, refused = self._attempt(run, f"Could not refresh {title}")
        try:
            film = store.film(film_id)
        except Exception:
            film = None
        if report is None:
            return Refreshed(error, "error", film=film, refused=refused)
        message, severity = report_line(report, film.title if film else title)
        return Refreshed(message, severity, film=film)

    def refresh_all(self, store: Store, started: Callable[[int], None],
                    step: Callable[[RefreshStep], None], cancel: threading.Event) -> Refreshed:
        """Fetch every film again; `started(total)` once, `step(...)` after each film."""
        config, problem = self.settings()
        if config is None:
            return Refreshed(problem, "warning")
        from filmtui.tmdb import refresh_films

        failed = 0

        def progress(done: Progress) -> None:
            nonlocal failed
            failed += done.outcome == "failed" and not done.reason.startswith(NOT_TRIED)
            step(RefreshStep(done.done, done.total, failed, done.title))

        def run() -> RefreshReport:
            ids = [summary.id for summary in store.summaries()]
            started(len(ids))
            with self._client(config) as client:
                return refresh_films(store, ids, config, progress, cancel=cancel, client=client)

        report, error, refused = self._attempt(run, "Could not refresh the films")
        if report is None:
            return Refreshed(error, "error", ran=True, refused=refused)
        message, severity = summary_line(report)
        return Refreshed(message, severity, ran=True)

    def search(self, query: str, year: int | None) -> Searched:
        """TMDB's films matching `query` (and `year`)."""
        config, problem = self.settings()
        if config is None:
            return Searched(query, problem=problem)
        from filmtui.tmdb import search_tmdb

        def run() -> list[Candidate]:
            with self._client(config) as client:
                return search_tmdb(config, query, year, client=client)

        found, error, _ = self._attempt(run, "Search failed")
        return Searched(query, found or [], error)

    def add(self, store: Store, tmdb_id: int) -> Added:
        """Fetch film `tmdb_id` from TMDB and store it."""
        config, problem = self.settings()
        if config is None:
            return Added(problem=problem)
        from filmtui.tmdb import add_film

        def run() -> Film:
            with self._client(config) as client:
                return add_film(store, config, tmdb_id, client=client)

        film, error, _ = self._attempt(run, "Could not add the film")
        return Added(film, error)

    def person(self, store: Store, name: str, films: list[int]) -> PersonFetched:
        """Fetch `name`'s details and movie credits from TMDB into the store."""
        config, problem = self.settings()
        if config is None:
            return PersonFetched(problem=problem)
        from filmtui.tmdb.people import fetch_person

        def run() -> Person:
            with self._client(config) as client:
                return fetch_person(store, config, name, films, client=client)

        person, error, _ = self._attempt(run, f"Could not fetch {name} from TMDB")
        return PersonFetched(person, error)

    def films_list(self, which: str) -> Listed:
        """TMDB's "trending" (this week) or "popular" films."""
        config, problem = self.settings()
        if config is None:
            return Listed(which, problem=problem)
        from filmtui.tmdb.add import films_list

        def run() -> list[Candidate]:
            with self._client(config) as client:
                return films_list(config, which, client=client)

        found, error, _ = self._attempt(run, f"Could not fetch the {which} films")
        return Listed(which, found or [], error)

    def poster(self, poster_path: str | None, width: int, height: int) -> PosterCells:
        """The poster in at most `width` x `height` cells: the cache first, else a download."""
        from filmtui.poster_fetch import PosterUnavailable, poster_cells

        try:
            _, grid = poster_cells(poster_path, width, height)
        except PosterUnavailable as why:
            return PosterCells(problem=str(why))
        except Exception as error:  # a cache folder problem: one line on the screen
            return PosterCells(problem=f"Could not show the poster: {error}")
        return PosterCells(grid)

"""Refreshing films from TMDB: fetch concurrently under the rate limit, write in batches, report.

One film failing never fails the batch: it is reported, and its cached copy stays as it was.
Writes go through `Store.write_tmdb`, one locked, atomic write per batch (100 films, or what
came in the last second), while the fetching threads keep working on the next films. A film is
reported as refreshed only once it is written. Cancelled (or interrupted), the refresh saves
what it fetched, cuts the requests in flight and returns without waiting for the threads.
Everything here blocks: the CLI calls it directly, the TUI from a thread worker.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from filmtui.config import Config
from filmtui.models import FilmSummary
from filmtui.store import Store, TmdbUpdate
from filmtui.tmdb.client import TmdbClient, borrowed
from filmtui.tmdb.errors import AuthError, RateLimited, TmdbError, Unavailable
from filmtui.tmdb.mapping import map_movie, now_iso, same_content

#: Films per `Store.write_tmdb` call.
BATCH = 100
#: A fetched film waits at most this long (seconds) before its batch is written and reported.
FLUSH_EVERY = 1.0
#: After a cancel, how long requests in flight get to end before they are left behind.
STOP_GRACE = 1.0
#: Films in a row given up on because TMDB kept answering 429 before the rest are not tried.
LIMITED_AFTER = 3
#: TMDB's `/movie/changes` covers at most this many days; older films are refreshed as stale.
CHANGES_WINDOW_DAYS = 14
#: Films in a row that failed to connect before the rest are given up as "TMDB unreachable".
OFFLINE_AFTER = 3
#: `/movie/changes` pages read at most (TMDB serves no more).
MAX_CHANGE_PAGES = 1000


@dataclass(frozen=True, slots=True)
class Progress:
    """One film done: passed to `on_progress` after each film, in the calling thread."""

    done: int
    total: int
    film_id: int
    title: str
    outcome: str
    """"refreshed", "unchanged", "failed" or "skipped". "refreshed" and "unchanged" are told
    once the film is written to the store (a batch that cannot be saved is told as failed)."""
    reason: str = ""
    """Why it failed or was skipped (one line, safe to show)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A film that was not refreshed, and why."""

    film_id: int
    title: str
    reason: str


@dataclass
class RefreshReport:
    """What a refresh did. Films are listed by id, in the order they finished."""

    refreshed: list[int] = field(default_factory=list)
    """Written with new data."""
    unchanged: list[int] = field(default_factory=list)
    """Fetched, nothing a reader sees had changed (their `refreshed_at` is still updated)."""
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    """Not fetched on purpose: the catalogue marks their TMDB id as unverified."""
    not_tried: list[int] = field(default_factory=list)
    """Left when the refresh was cancelled: not failures, just not reached (no progress told)."""
    cancelled: bool = False
    offline: bool = False
    """True when TMDB could not be reached at all (the rest of the films were not tried)."""

    @property
    def total(self) -> int:
        return (len(self.refreshed) + len(self.unchanged) + len(self.failed) + len(self.skipped)
                + len(self.not_tried))

    @property
    def ok(self) -> bool:
        """True when no film failed (skipped films are not failures)."""
        return not self.failed and not self.cancelled

    def to_json(self) -> dict[str, Any]:
        """The report as plain JSON (the shape of `filmtui refresh --json`)."""
        def problems(items: list[Problem]) -> list[dict[str, Any]]:
            return [{"id": p.film_id, "title": p.title, "reason": p.reason} for p in items]

        return {
            "refreshed": list(self.refreshed),
            "unchanged": list(self.unchanged),
            "failed": problems(self.failed),
            "skipped": problems(self.skipped),
            "not_tried": list(self.not_tried),
            "cancelled": self.cancelled,
            "offline": self.offline,
        }

    def summary(self) -> str:
        """One line: "refreshed 12, unchanged 3, failed 1, skipped 1"."""
        parts = [f"refreshed {len(self.refreshed)}", f"unchanged {len(self.unchanged)}",
                 f"failed {len(self.failed)}"]
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)}")
        if self.not_tried:
            parts.append(f"not tried {len(self.not_tried)}")
        text = ", ".join(parts)
        if self.offline:
            text += " (TMDB unreachable)"
        if self.cancelled:
            text += " (cancelled)"
        return text


ProgressCallback = Callable[[Progress], Any]


@dataclass(slots=True)
class _Fetched:
    film_id: int
    fields: dict[str, Any]
    raw: dict[str, Any]


def refresh_films(
    store: Store,
    ids: Iterable[int],
    config: Config,
    on_progress: ProgressCallback | None = None,
    *,
    cancel: threading.Event | None = None,
    client: TmdbClient | None = None,
    batch_size: int = BATCH,
    on_notice: Callable[[str], Any] | None = None,
) -> RefreshReport:
    """Refresh `ids` from TMDB into `store` and return what happened (an id the store does not
    hold yet is added, as `add_film` would).

    Raises MissingCredentials before any request when no credential is set, and AuthError when
    TMDB refuses it (after saving the films fetched until then). Setting `cancel` stops the
    refresh within about a second: films already fetched are saved, those not reached are in
    `report.not_tried`, `report.cancelled` is True. Requests in flight are cut when the client
    is the refresh's own; a caller's `client` is left to the caller (`client.abort()` cuts it).
    `on_notice(line)` hears about long waits TMDB asks for (from any thread).
    """
    wanted = list(dict.fromkeys(int(i) for i in ids))
    summaries = {s.id: s for s in store.summaries()}
    run = _Run(store, summaries, len(wanted), on_progress)
    to_fetch = []
    for film_id in wanted:
        reason = _skip_reason(store, summaries.get(film_id))
        if reason:
            run.skip(film_id, reason)
        else:
            to_fetch.append(film_id)
    with borrowed(config, client) as tmdb:
        if client is None:
            tmdb.on_notice = on_notice
        run.fetch_all(tmdb, to_fetch, config.concurrency, batch_size, cancel, own_client=client is None)
    return run.report


def _skip_reason(store: Store, summary: FilmSummary | None) -> str:
    """Why a film must not be fetched, or "".

    A catalogue film whose TMDB id the fact sheet could not confirm might be another film on
    TMDB: fetching it could put the wrong film's data under our writing.
    """
    if summary is None or not summary.editorial:
        return ""
    film = store.film(summary.id)
    if film is not None and "id" in film.unverified:
        return "its TMDB id is unverified in the catalogue"
    return ""


class _Run:
    """The state of one refresh: the report, the batch being gathered, the progress count."""

    def __init__(self, store: Store, summaries: dict[int, FilmSummary], total: int,
                 on_progress: ProgressCallback | None) -> None:
        self.store = store
        self.summaries = summaries
        self.total = total
        self.on_progress = on_progress
        self.report = RefreshReport()
        self.done = 0
        self.batch: list[tuple[TmdbUpdate, bool]] = []
        self.batch_started = 0.0
        self.stopping: str | None = None
        """Why the run is stopping, once it is."""
        self.offline_streak = 0
        self.limited_streak = 0

    def title(self, film_id: int, fields: dict[str, Any] | None = None) -> str:
        summary = self.summaries.get(film_id)
        if summary is not None:
            return summary.title
        return (fields or {}).get("title") or f"#{film_id}"

    def _tell(self, film_id: int, title: str, outcome: str, reason: str = "") -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(Progress(self.done, self.total, film_id, title, outcome, reason))

    def skip(self, film_id: int, reason: str) -> None:
        title = self.title(film_id)
        self.report.skipped.append(Problem(film_id, title, reason))
        self._tell(film_id, title, "skipped", reason)

    def fail(self, film_id: int, reason: str) -> None:
        title = self.title(film_id)
        self.report.failed.append(Problem(film_id, title, reason))
        self._tell(film_id, title, "failed", reason)

    def fetch_all(self, client: TmdbClient, ids: list[int], workers: int, batch_size: int,
                  cancel: threading.Event | None, own_client: bool) -> None:
        """Fetch `ids` on `workers` threads, keeping enough queued that fetching goes on while
        the main thread writes a batch."""
        window = batch_size + 2 * workers
        queue = iter(ids)
        pending: dict[Future[_Fetched], int] = {}
        stop: str | None = None
        stopped_at = 0.0
        auth_error: AuthError | None = None
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tmdb")
        finished = threading.Event()
        if own_client and cancel is not None:
            # Cut the requests the moment `cancel` is set, even while this thread is busy
            # writing a batch: what is fetched meanwhile would have to be written too.
            threading.Thread(target=_abort_on, args=(cancel, finished, client), daemon=True,
                             name="tmdb-cancel").start()

        def top_up() -> None:
            while stop is None and len(pending) < window:
                film_id = next(queue, None)
                if film_id is None:
                    return
                pending[pool.submit(_fetch, client, film_id)] = film_id

        try:
            top_up()
            while pending:
                done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in done:
                    why = self._settle(future, pending.pop(future), batch_size)
                    if isinstance(why, AuthError):
                        auth_error = auth_error or why
                        why = "auth"
                    if why is not None and stop is None:
                        stop = why
                if stop is None and cancel is not None and cancel.is_set():
                    stop = "cancelled"
                if stop is not None:
                    self.stopping = stop
                    if not stopped_at:
                        stopped_at = time.monotonic()
                        if own_client:
                            client.abort()  # cut the requests in flight and the waits
                    for future in [f for f in pending if f.cancel()]:
                        self._give_up(pending.pop(future), stop)
                    if pending and time.monotonic() - stopped_at > STOP_GRACE:
                        for film_id in pending.values():  # stuck: left behind, not waited for
                            self._give_up(film_id, stop)
                        pending.clear()
                top_up()
                if self.batch and time.monotonic() - self.batch_started >= FLUSH_EVERY:
                    self.flush()
        except BaseException:
            # Ctrl-C or a failing progress callback: what is fetched is saved (below), the
            # rest is dropped, and nothing waits for the requests in flight.
            if own_client:
                client.abort()
            for future in pending:
                future.cancel()
            stop = stop or "cancelled"
            raise
        finally:
            finished.set()
            try:
                self._take_finished(pending, batch_size)
                self.flush()
            finally:
                pool.shutdown(wait=stop is None, cancel_futures=True)
        if stop is not None:
            for film_id in queue:
                self._give_up(film_id, stop)
        self.report.offline = stop == "offline"
        self.report.cancelled = stop == "cancelled"
        if auth_error is not None:
            raise auth_error

    def _take_finished(self, pending: dict[Future[_Fetched], int], batch_size: int) -> None:
        """Keep the films whose fetch ended well while the run was being stopped."""
        for future, film_id in list(pending.items()):
            if future.done() and not future.cancelled() and future.exception() is None:
                del pending[future]
                self.take(future.result(), batch_size)

    def _settle(self, future: Future[_Fetched], film_id: int,
                batch_size: int) -> str | AuthError | None:
        """Take one finished fetch into the batch or the report; say if the run must stop."""
        try:
            self.take(future.result(), batch_size)
        except AuthError as error:
            self._give_up(film_id, "auth")
            return error
        except Unavailable as error:
            if str(error) == "cancelled":  # cut by our own stop, or by the client's owner
                self._give_up(film_id, self.stopping or "cancelled")
                return None if self.stopping else "cancelled"
            self.fail(film_id, str(error))
            self.offline_streak = self.offline_streak + 1 if error.offline else 0
            if self.offline_streak >= OFFLINE_AFTER:
                return "offline"
        except RateLimited as error:
            self.fail(film_id, str(error))
            self.limited_streak += 1
            if self.limited_streak >= LIMITED_AFTER:
                return "limited"
        except TmdbError as error:
            self.offline_streak = 0
            self.fail(film_id, str(error))
        except Exception as error:  # a bug must cost one film, not the batch (nor show a secret)
            self.fail(film_id, f"unexpected error ({type(error).__name__})")
        return None

    def _give_up(self, film_id: int, why: str) -> None:
        if why == "cancelled":  # not a failure: the user stopped the run before this film
            self.report.not_tried.append(film_id)
            return
        reason = {
            "offline": "not tried: TMDB is unreachable",
            "auth": "not tried: TMDB refused the credentials",
            "limited": "not tried: TMDB kept answering 429 (too many requests)",
        }[why]
        self.fail(film_id, reason)

    def take(self, fetched: _Fetched, batch_size: int) -> None:
        """A film arrived: decide refreshed/unchanged and queue it; write when the batch is full."""
        self.offline_streak = 0
        self.limited_streak = 0
        film_id = fetched.film_id
        old = self.store.raw_tmdb(film_id)
        unchanged = old is not None and same_content(map_movie(old, film_id=film_id), fetched.fields)
        if not self.batch:
            self.batch_started = time.monotonic()
        self.batch.append((TmdbUpdate(film_id, fetched.fields, fetched.raw), unchanged))
        if len(self.batch) >= batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the gathered films in one store write, then tell them; if the write fails,
        report them as failed."""
        batch = self.batch
        if not batch:
            return
        try:
            self.store.write_tmdb(update for update, _ in batch)
        except Exception as error:  # the store's own errors and OSError: the batch is lost
            self.batch = []
            for update, _ in batch:
                self.fail(update.film_id, f"could not be saved: {error}")
            return
        self.batch = []  # only now: a write cut short by Ctrl-C is tried again by the caller
        for update, unchanged in batch:
            (self.report.unchanged if unchanged else self.report.refreshed).append(update.film_id)
        for update, unchanged in batch:
            self._tell(update.film_id, self.title(update.film_id, update.fields),
                       "unchanged" if unchanged else "refreshed")


def _abort_on(cancel: threading.Event, finished: threading.Event, client: TmdbClient) -> None:
    """Abort `client` as soon as `cancel` is set, unless the refresh finishes first."""
    while not finished.wait(0.05):
        if cancel.is_set():
            client.abort()
            return


def _fetch(client: TmdbClient, film_id: int) -> _Fetched:
    """Runs on a worker thread: one request, mapped."""
    raw = client.movie(film_id)
    return _Fetched(film_id, map_movie(raw, now_iso(), film_id=film_id), raw)


# -- choosing what to refresh ------------------------------------------------------------------


def _when(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def stale_ids(store: Store, days: float, now: dt.datetime | None = None) -> list[int]:
    """Films never refreshed, or last refreshed more than `days` ago."""
    cutoff = (now or _now()) - dt.timedelta(days=days)
    stale = []
    for summary in store.summaries():
        when = _when(summary.refreshed_at)
        if when is None or when < cutoff:
            stale.append(summary.id)
    return stale


def changed_ids(
    store: Store, config: Config, *, client: TmdbClient | None = None,
    now: dt.datetime | None = None,
) -> list[int]:
    """Films to refresh for `--changed`: those TMDB lists as changed since they were fetched
    (via `/movie/changes`), plus those never fetched or fetched longer ago than its 14-day window."""
    now = now or _now()
    # A day's margin: the change list takes whole dates, and its range must stay within 14 days.
    window_start = now - dt.timedelta(days=CHANGES_WINDOW_DAYS - 1)
    ids: list[int] = []
    recent: dict[int, dt.datetime] = {}
    for summary in store.summaries():
        when = _when(summary.refreshed_at)
        if when is None or when < window_start:
            ids.append(summary.id)
        else:
            recent[summary.id] = when
    if not recent:
        return ids
    since = min(recent.values()).date()
    with borrowed(config, client) as tmdb:
        changed = _changed_since(tmdb, since, now.date())
    return ids + [film_id for film_id in recent if film_id in changed]


def _changed_since(client: TmdbClient, start: dt.date, end: dt.date) -> set[int]:
    """Every id `/movie/changes` lists between `start` and `end`, across its pages."""
    changed: set[int] = set()
    page, pages = 1, 1
    while page <= min(pages, MAX_CHANGE_PAGES):
        data = client.changes(start, end, page)
        for item in data.get("results") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), int):
                changed.add(item["id"])
        total = data.get("total_pages")
        pages = total if isinstance(total, int) else page
        page += 1
    return changed

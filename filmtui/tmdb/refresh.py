"""Refreshing films from TMDB: fetch concurrently under the rate limit, write in batches, report.

One film failing never fails the batch: it is reported, and its cached copy stays as it was.
Writes go through `Store.write_tmdb`, one locked, atomic write per batch of about 100 films, while
the fetching threads keep working on the next films. Everything here blocks: the CLI calls it
directly, the TUI from a thread worker.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from filmtui.config import Config
from filmtui.models import FilmSummary
from filmtui.store import Store, TmdbUpdate
from filmtui.tmdb.client import TmdbClient, borrowed
from filmtui.tmdb.errors import AuthError, TmdbError, Unavailable
from filmtui.tmdb.mapping import map_movie, now_iso, same_content

#: Films per `Store.write_tmdb` call.
BATCH = 100
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
    """"refreshed", "unchanged", "failed" or "skipped": what the fetch gave. Films are saved in
    batches right after; a batch that cannot be saved shows up as failed in the final report."""
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
    cancelled: bool = False
    offline: bool = False
    """True when TMDB could not be reached at all (the rest of the films were not tried)."""

    @property
    def total(self) -> int:
        return len(self.refreshed) + len(self.unchanged) + len(self.failed) + len(self.skipped)

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
            "cancelled": self.cancelled,
            "offline": self.offline,
        }

    def summary(self) -> str:
        """One line: "refreshed 12, unchanged 3, failed 1, skipped 1"."""
        parts = [f"refreshed {len(self.refreshed)}", f"unchanged {len(self.unchanged)}",
                 f"failed {len(self.failed)}"]
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)}")
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
) -> RefreshReport:
    """Refresh `ids` from TMDB into `store` and return what happened (an id the store does not
    hold yet is added, as `add_film` would).

    Raises MissingCredentials before any request when no credential is set, and AuthError when
    TMDB refuses it (after saving the films fetched until then). Setting `cancel` stops the
    refresh soon after: films already fetched are saved, `report.cancelled` is True.
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
        self.offline_streak = 0

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
        auth_error: AuthError | None = None
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tmdb") as pool:
            def top_up() -> None:
                while stop is None and len(pending) < window:
                    film_id = next(queue, None)
                    if film_id is None:
                        return
                    pending[pool.submit(_fetch, client, film_id)] = film_id

            try:
                top_up()
                while pending:
                    done, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                    for future in done:
                        why = self._settle(future, pending.pop(future), batch_size)
                        if isinstance(why, AuthError):
                            auth_error = auth_error or why
                            why = "auth"
                        stop = stop or why
                    if stop is None and cancel is not None and cancel.is_set():
                        stop = "cancelled"
                    if stop is not None:
                        if own_client:
                            client.cancelled.set()  # cut short any retry waits in flight
                        for future in [f for f in pending if f.cancel()]:
                            self._give_up(pending.pop(future), stop)
                    top_up()
            except BaseException:
                # Ctrl-C or a failing progress callback: drop the queue instead of fetching it.
                if own_client:
                    client.cancelled.set()
                for future in pending:
                    future.cancel()
                raise
            finally:
                self.flush()
        if stop is not None:
            for film_id in queue:
                self._give_up(film_id, stop)
        self.report.offline = stop == "offline"
        self.report.cancelled = stop == "cancelled"
        if auth_error is not None:
            raise auth_error

    def _settle(self, future: Future[_Fetched], film_id: int,
                batch_size: int) -> str | AuthError | None:
        """Take one finished fetch into the batch or the report; say if the run must stop."""
        try:
            self.take(future.result(), batch_size)
        except AuthError as error:
            self._give_up(film_id, "auth")
            return error
        except Unavailable as error:
            self.fail(film_id, str(error))
            self.offline_streak = self.offline_streak + 1 if error.offline else 0
            if self.offline_streak >= OFFLINE_AFTER:
                return "offline"
        except TmdbError as error:
            self.offline_streak = 0
            self.fail(film_id, str(error))
        except Exception as error:  # a bug must cost one film, not the batch (nor show a secret)
            self.fail(film_id, f"unexpected error ({type(error).__name__})")
        return None

    def _give_up(self, film_id: int, why: str) -> None:
        reason = {
            "offline": "not tried: TMDB is unreachable",
            "cancelled": "not tried: the refresh was cancelled",
            "auth": "not tried: TMDB refused the credentials",
        }[why]
        self.fail(film_id, reason)

    def take(self, fetched: _Fetched, batch_size: int) -> None:
        """A film arrived: decide refreshed/unchanged, queue it, write when the batch is full."""
        self.offline_streak = 0
        film_id = fetched.film_id
        old = self.store.raw_tmdb(film_id)
        unchanged = old is not None and same_content(map_movie(old, film_id=film_id), fetched.fields)
        self.batch.append((TmdbUpdate(film_id, fetched.fields, fetched.raw), unchanged))
        self._tell(film_id, self.title(film_id, fetched.fields),
                   "unchanged" if unchanged else "refreshed")
        if len(self.batch) >= batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the gathered films in one store write; if that fails, report them as failed."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        try:
            self.store.write_tmdb(update for update, _ in batch)
        except Exception as error:  # the store's own errors and OSError: the batch is lost
            reason = f"could not be saved: {error}"
            for update, _ in batch:
                self.report.failed.append(Problem(update.film_id, self.title(update.film_id), reason))
            return
        for update, unchanged in batch:
            (self.report.unchanged if unchanged else self.report.refreshed).append(update.film_id)


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

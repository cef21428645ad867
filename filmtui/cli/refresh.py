"""`filmtui refresh`: bring films up to date from TMDB, with progress and a summary."""

from __future__ import annotations

import argparse
import json
import math
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from filmtui.cli.common import (
    fail,
    open_store,
    resolve_films,
    store_problems_in_one_line,
    tmdb_config,
)
from filmtui.config import Config
from filmtui.store import Store
from filmtui.text import clean
from filmtui.terms import MAX_AGE_DAYS
from filmtui.tmdb.retention import NEAR_DAYS, drop_tmdb, expired_ids, retention
from filmtui.tmdb import (
    AuthError,
    MissingCredentials,
    Progress,
    RefreshReport,
    TmdbError,
    changed_ids,
    refresh_films,
    stale_ids,
)


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "refresh",
        help="update films from TMDB",
        description="Update films' TMDB data (credits, certification, money, ratings...). "
        "Our own writing and your watchlist, ratings and notes are never touched.",
        epilog="Exit status: 0 when every film was refreshed, 1 when some failed (each keeps its "
        "cached data), 2 for a usage error or missing or refused TMDB credentials.",
    )
    parser.add_argument("films", nargs="*", metavar="FILM", help="a TMDB id or a title")
    parser.add_argument("--all", action="store_true", help="every film in the collection")
    parser.add_argument(
        "--stale", type=_days, metavar="DAYS", help="films not refreshed for more than DAYS days"
    )
    parser.add_argument(
        "--changed",
        action="store_true",
        help="films TMDB changed since they were fetched (films older than 14 days: all of them)",
    )
    parser.add_argument(
        "--expired",
        action="store_true",
        help=f"films whose TMDB data is older than {MAX_AGE_DAYS - NEAR_DAYS} days; those past "
        f"TMDB's {MAX_AGE_DAYS}-day limit that cannot be refreshed lose their TMDB data",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the report as one JSON object on stdout"
    )
    parser.set_defaults(func=run)
    return parser


#: More days than this is a typo (and past what a date can hold).
MAX_DAYS = 36500


def _days(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of days, got {ascii(text[:20])}") from None
    if not math.isfinite(days) or not 0 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"DAYS must be from 0 to {MAX_DAYS}, got {text[:20]}")
    return days


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    chosen = [bool(args.films), args.all, args.stale is not None, args.changed, args.expired]
    if sum(chosen) != 1:
        return fail(
            "say which films to refresh: FILM ..., --all, --stale DAYS, --changed or --expired "
            "(one of them)", 2,
        )
    config = tmdb_config()
    store = open_store()
    try:
        ids = _select(store, args, config)
    except (MissingCredentials, AuthError) as error:
        return fail(str(error), 2)
    except TmdbError as error:
        return fail(f"cannot ask TMDB what changed: {error}", 1)
    if not ids:
        print(json.dumps(RefreshReport().to_json()) if args.json else "Nothing to refresh.")
        return 0
    bar = ProgressPrinter(sys.stderr)
    cancel = threading.Event()
    try:
        with _ctrl_c_cancels(cancel):
            report = refresh_films(store, ids, config, on_progress=bar, cancel=cancel,
                                   on_notice=bar.note)
    except (MissingCredentials, AuthError) as error:
        return fail(str(error), 2)
    finally:
        bar.finish()  # also on Ctrl-C, so "interrupted" starts on its own line
    dropped = 0
    if args.expired and not report.cancelled:
        # Past the limit and not refreshed (TMDB failed or skipped it): the data must go; a
        # transient failure costs a refetch later, never a breach of TMDB's terms.
        still = set(retention(store).expired) & set(ids)
        dropped = drop_tmdb(store, sorted(still))
    if args.json:
        print(json.dumps({**report.to_json(), "dropped": dropped} if args.expired
                         else report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
        if dropped:
            print(f"Dropped the TMDB data of {dropped} films past TMDB's {MAX_AGE_DAYS}-day "
                  "limit that could not be refreshed (a film added from TMDB leaves the "
                  "collection until it is added again).")
    if report.cancelled and cancel.is_set():
        return fail("interrupted", 130)
    explicit_skip = bool(args.films) and bool(report.skipped)
    return 0 if report.ok and not explicit_skip else 1


@contextmanager
def _ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """The first Ctrl-C sets `cancel` (the refresh saves what it fetched and stops within a
    second); a second one interrupts at once. A KeyboardInterrupt raised while a batch is being
    written would lose it, so the first one is never raised."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started to ignore it: still do
        yield
        return

    def on_sigint(signum: int, frame: object) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _select(store: Store, args: argparse.Namespace, config: Config) -> list[int]:
    if args.films:
        return [film.id for film in resolve_films(store, args.films)]
    if args.all:
        return [s.id for s in store.summaries()]
    if args.stale is not None:
        return stale_ids(store, args.stale)
    if args.expired:
        return expired_ids(store)
    return changed_ids(store, config)


def _print_report(report: RefreshReport) -> None:
    print(report.summary()[0].upper() + report.summary()[1:] + ".")
    for problem in report.failed:
        print(f"  failed:  {clean(problem.title)} [{problem.film_id}]: {problem.reason}")
    for problem in report.skipped:
        print(f"  skipped: {clean(problem.title)} [{problem.film_id}]: {problem.reason}")
    if report.offline:
        print("TMDB could not be reached; every film keeps its cached data.")
    if report.not_tried:
        print(f"  not tried: {len(report.not_tried)} films (cancelled); they keep their "
              "cached data.")


class ProgressPrinter:
    """A progress bar on a terminal, one plain line per film otherwise (logs, pipes, CI)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._drawn = False
        self._last = 0.0
        self._started = time.monotonic()
        self._failed = 0
        self._note_lock = threading.Lock()

    def __call__(self, progress: Progress) -> None:
        self._failed += progress.outcome == "failed"
        if not self.tty:
            reason = f": {progress.reason}" if progress.reason else ""
            self.stream.write(
                f"[{progress.done}/{progress.total}] {progress.outcome} "
                f"{clean(progress.title)} [{progress.film_id}]{reason}\n"
            )
            self.stream.flush()
            return
        now = time.monotonic()
        if progress.done < progress.total and now - self._last < 0.05:
            return  # redrawing more than 20 times a second only costs time
        self._last = now
        width = shutil.get_terminal_size((80, 24)).columns
        counter = f" {progress.done}/{progress.total}"
        if self._failed:
            counter += f", {self._failed} failed"
        counter += f"{self._eta(progress, now)} "
        bar_width = max(10, min(40, width // 3))
        filled = bar_width * progress.done // max(1, progress.total)
        bar = "[" + "#" * filled + "-" * (bar_width - filled) + "]"
        room = max(0, width - len(bar) - len(counter) - 2)
        line = f"{bar}{counter}{clean(progress.title)[:room]}"
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()
        self._drawn = True

    def _eta(self, progress: Progress, now: float) -> str:
        """", about 3m left" once there is enough to go on."""
        elapsed = now - self._started
        if progress.done < 10 or progress.done >= progress.total or elapsed < 1:
            return ""
        left = elapsed / progress.done * (progress.total - progress.done)
        minutes, seconds = divmod(int(left), 60)
        return f", about {minutes}m{seconds:02d}s left" if minutes else f", about {seconds}s left"

    def note(self, line: str) -> None:
        """A one-line remark (a long wait TMDB asked for), on its own line, from any thread."""
        with self._note_lock:
            self.finish()
            self.stream.write(f"filmtui: {line}\n")
            self.stream.flush()

    def finish(self) -> None:
        """End the bar's line so what follows starts clean."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


"""The `filmtui` command: the browser with no command, or one of the subcommands below."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from filmtui import __version__
from filmtui.cli.common import CommandError, exit_code, fail, open_store, store_error, tell_notices

if TYPE_CHECKING:
    from filmtui.app import FilmApp
    from filmtui.store import Store
    from filmtui.tmdb_service import TmdbService


def _versioned(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--version", action="version", version=f"filmtui {__version__}")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to print help)."""
    parser = _versioned(
        argparse.ArgumentParser(
            prog="filmtui",
            description="Browse a curated collection of crime cinema in the terminal. "
            "With no command, opens the browser.",
        )
    )
    # Subcommand modules: each has register(subparsers) and run(args) -> exit code. Imported
    # here, not at the top: they bring httpx, rapidfuzz and rich, which the browser's first
    # frame does not need.
    from filmtui.cli import (
        add, config, diary, editorial, export, importing, rate, refresh, search, seen, show,
        status, store_index, watchlist,
    )

    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in (show, search, status, watchlist, rate, seen, diary, refresh, add, editorial,
                    export, importing, config, store_index):
        _versioned(command.register(commands))
    return parser


def browse() -> int:
    """Open the browser on the user's store."""
    one_heap()
    # A worker holding the interpreter (a full search, a page read) keeps the event loop
    # waiting up to this long each time the loop gives it up for a syscall: 5 ms by default,
    # several times a frame. Headless, 100k films, a busy worker beside the typing: a key's
    # search 22.6 -> 17.2 ms median, p95 117 -> 39 ms.
    sys.setswitchinterval(SWITCH_INTERVAL)
    make_app(open_store()).run()
    tell_notices()
    leave_promptly(0)
    return 0


SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the interpreter while another waits for it (the browser's)."""


def one_heap() -> bool:
    """All threads allocate from one malloc arena (glibc; elsewhere nothing happens): True
    when set.

    glibc gives each thread an arena of its own, and what a worker frees (a search's sets, a
    page of rows) stays in that worker's arena for it alone: at 100,000 films the browser's peak
    was 104 MB with them, 92 MB with one. The GIL lets one thread run Python at a time, so the
    arenas bought almost no parallelism here.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return bool(ctypes.CDLL(None).mallopt(-8, 1))  # M_ARENA_MAX (malloc.h), before workers start
    except (OSError, AttributeError):
        return False  # another C library: nothing to tune


def make_app(store: Store, tmdb: TmdbService | None = None) -> FilmApp:
    """The browser on `store`, with the user's theme, ratings scale and [keys] from config.toml
    (what cannot be used is a notice at start, never a stop)."""
    from filmtui.app import FilmApp
    from filmtui.library import Library
    from filmtui.locations import config_dir
    from filmtui.tmdb_service import TmdbService

    theme: str | None = None
    keys: dict[str, str] = {}
    problems: tuple[str, ...] = ()
    library = Library(store)
    # Without a config file the first frame does not wait for tomllib and the settings module.
    if (config_dir() / "config.toml").exists():
        from filmtui.config import load_ui_settings

        ui = load_ui_settings()
        theme, keys, problems = ui.theme, ui.keys, ui.problems
        library.rating_scale = ui.ratings
    return FilmApp(library, tmdb or TmdbService(), notices=(*store.notices, *problems),
                   theme=theme, keys=keys)


#: Seconds work still running after the browser has quit gets to finish (a batch being saved).
LEAVE_GRACE = 0.3


def leave_promptly(code: int) -> None:
    """End the process now if worker threads outlive the browser: a TMDB request or a poster
    download in flight must not keep a blank terminal for the length of its timeout. The user's
    own data is saved before the app quits; the store's writes are atomic, so nothing is torn."""
    import threading
    import time

    deadline = time.monotonic() + LEAVE_GRACE
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.current_thread()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `filmtui` script and `python -m filmtui`."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if not argv:
            return exit_code(browse())  # no parser to build: the browser starts sooner
        args = build_parser().parse_args(argv)
        handler = getattr(args, "func", None)
        return exit_code(handler(args) if handler else browse())
    except CommandError as error:
        return fail(str(error), error.code)
    except store_error() as error:  # met mid-command (a file it cannot read): one line
        return fail(f"cannot use the store: {error}", 1)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        # `filmtui search x | head`: the reader left; nothing to say, and nothing more to write.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        # Repairs made while the command ran (a corrupt file met mid-way) are told at the end.
        tell_notices()

"""What every command shares: opening the store, failing with one clear line, finding a film."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from filmtui.models import FilmSummary
from filmtui.ratings import RatingScale
from filmtui.text import clean, clip, fold

if TYPE_CHECKING:
    from filmtui.config import Config
    from filmtui.store import Store


class CommandError(Exception):
    """A failure to report as one line, with the exit code to leave with."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> int:
    """Print `filmtui: message` to stderr and return `code` (for `return fail(...)`)."""
    print(f"filmtui: {message}", file=sys.stderr)
    return code


def rating_scale() -> RatingScale:
    """How the user's ratings are printed ([ui] ratings in config.toml); a setting that cannot
    be used is one warning line on stderr, and 1-10."""
    from filmtui.config import load_rating_scale

    scale, problem = load_rating_scale()
    if problem:
        print(f"filmtui: warning: {problem}", file=sys.stderr)
    return scale


def store_problems_in_one_line(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Wrap a command that writes the store: a problem with the store's folder met mid-way (a
    full disk, a lost permission) ends the command with one line and exit code 1."""

    @functools.wraps(run)
    def guarded(args: argparse.Namespace) -> int:
        from filmtui.store import StoreError

        try:
            return run(args)
        except StoreError as error:
            raise CommandError(f"cannot use the store: {error}", 1) from None
        except OSError as error:  # "Permission denied (/data/.lock)", not "[Errno 13] ..."
            where = f" ({error.filename})" if error.filename else ""
            raise CommandError(f"nothing was saved: {error.strerror or error}{where}", 1) from None

    return guarded


def tmdb_config() -> Config:
    """The TMDB settings for a command that needs them. Unreadable settings or no credentials
    end the command with one line saying what to set (exit code 2)."""
    from filmtui.config import ConfigError, exposure_warning, load_config
    from filmtui.tmdb.client import missing_credentials_message

    try:
        config = load_config()
    except ConfigError as error:
        raise CommandError(str(error), 2) from None
    if not config.has_credentials:
        raise CommandError(missing_credentials_message(), 2)
    if warning := exposure_warning(config):
        print(f"filmtui: {warning}", file=sys.stderr)
    return config


def region() -> str:
    """The country Where to watch shows (config `region`). Unreadable settings cost the region,
    not the page: one line says so, and US is shown."""
    from filmtui.config import ConfigError, load_config

    try:
        return load_config().region
    except ConfigError as error:
        print(f"filmtui: {error} (Where to watch shows US)", file=sys.stderr)
        return "US"


_opened: list[Store] = []
_told = 0


def open_store() -> Store:
    """Open the user's store; StoreError becomes one line. `tell_notices` reports its repairs."""
    from filmtui.store import Store, StoreError

    try:
        store = Store.open()
    except StoreError as error:
        raise CommandError(str(error), 1) from None
    _opened[:] = [store]
    tell_notices()
    return store


def exit_code(code: int) -> int:
    """A command's exit code, made 1 when the store met a damaged file it could not repair (a
    read-only folder): the command showed what it could read, and said so in one line."""
    if code == 0 and _opened and _opened[0].unrepaired:
        return 1
    return code


def store_error() -> type[Exception]:
    """The store's one-line error class, imported only when an error needs it (for `except`)."""
    from filmtui.store import StoreError

    return StoreError


def tell_notices() -> None:
    """Print, once each, what the store had to repair (a file set aside, a catalogue problem)."""
    global _told
    if _opened:
        notices = _opened[0].notices
        for notice in notices[_told:]:
            print(f"filmtui: {notice}", file=sys.stderr)
        _told = len(notices)


def label(summary: FilmSummary) -> str:
    """"Title (Year)", display-safe."""
    year = f" ({summary.year})" if summary.year else ""
    return f"{clip(clean(summary.title))}{year}"


def resolve_film(store: Store, query: str) -> tuple[FilmSummary | None, list[FilmSummary]]:
    """The film `query` names (a TMDB id, or a title) and, when none, the closest titles."""
    from filmtui.search import SearchIndex

    summaries = store.summaries()
    by_id = {s.id: s for s in summaries}
    text = query.strip()
    if text.isdigit():
        found = by_id.get(int(text))
        if found:
            return found, []
    index = SearchIndex(summaries)
    wanted = fold(text)
    exact = [s for s in summaries if fold(s.title) == wanted or fold(s.original_title) == wanted]
    if exact:
        # Several films can share a title (remakes): the most popular one is the likely meaning.
        return max(exact, key=lambda s: (s.popularity or 0, s.editorial)), []
    # Otherwise the best-ranked film whose title holds the words as typed: "godfather" finds The
    # Godfather, but a fuzzy guess ("godfahter") is offered as a suggestion, not shown as if asked.
    for match in index.search(text, limit=10):
        film = by_id[match.id]
        if wanted in fold(film.title) or wanted in fold(film.original_title):
            return film, []
    return None, [by_id[i] for i in index.closest(text, limit=5)]


def resolve_films(store: Store, queries: list[str]) -> list[FilmSummary]:
    """The films `queries` name, all found before anything is done with them; CommandError for
    the first that names none (a bare id says how to add it from TMDB)."""
    films = []
    for query in queries:
        summary, closest = resolve_film(store, query)
        if summary is None and query.strip().isdigit():
            raise CommandError(
                f"film {query.strip()} is not in the collection; "
                f"add it with `filmtui add --id {query.strip()}`", 1
            )
        if summary is None:
            raise not_found(query, closest)
        films.append(summary)
    return films


def not_found(query: str, closest: list[FilmSummary]) -> CommandError:
    """The one-line error for an unknown film, with the closest titles."""
    hint = f" Closest: {', '.join(label(s) for s in closest)}." if closest else ""
    return CommandError(f"no film matches {clean(query)!r}.{hint}", 1)

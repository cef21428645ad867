"""`filmtui import letterboxd|imdb|json FILE [--apply]`: bring in the film life you keep elsewhere.

A dry run unless --apply: it says what would change, film by film, what newer data of yours it
keeps, what it could not match and why, and which rows it skipped. With --apply every change
goes into the store in one write, or none does.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from filmtui.cli.common import CommandError, label, open_store, store_problems_in_one_line
from filmtui.exchange import Entry, FormatError, Parsed
from filmtui.exchange.matching import Known, Matcher
from filmtui.exchange.merge import Incoming, Outcome, merge
from filmtui.models import FilmSummary, UserData
from filmtui.text import clean

if TYPE_CHECKING:
    from filmtui.config import Config
    from filmtui.store import Store

FORMATS = ("letterboxd", "imdb", "json")
#: Entries from which a terminal shows a progress bar while they are matched.
BAR_FROM = 200


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "import", help="bring in your diary, ratings and watchlist from Letterboxd, IMDb or JSON",
        description="Read a Letterboxd export (.zip or its folder), IMDb's ratings.csv or a "
        "`filmtui export --yours --format json` file. A dry run: nothing is written without "
        "--apply. Newer ratings and notes of yours are kept, and said.",
    )
    parser.add_argument("format", choices=FORMATS, help="what the file is")
    parser.add_argument("path", type=Path, metavar="FILE", help="the export .zip, folder or file")
    parser.add_argument("--apply", action="store_true", help="write the changes (one store write)")
    parser.add_argument("--offline", action="store_true",
                        help="never ask TMDB about films the collection lacks")
    parser.set_defaults(func=run)
    return parser


def read(kind: str, path: Path) -> Parsed:
    """The file's entries; CommandError (exit 2) naming the file when it cannot be read."""
    from filmtui.exchange import imdb, letterboxd, native

    try:
        if kind == "letterboxd":
            return letterboxd.read_export(path)
        if kind == "imdb":
            return imdb.read_ratings(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise FormatError(f"{path} cannot be read ({error.strerror or error})") from None
        return native.read_doc(str(path), data)
    except FormatError as error:
        raise CommandError(f"{error}; nothing was imported", 2) from None


def known_films(store: Store, with_imdb: bool = True,
                only: set[int] | None = None) -> dict[int, tuple[FilmSummary, str | None]]:
    """The store's films (those in `only`, when given) with their IMDb ids (read from each
    film's page: the slim index does not keep them)."""
    found = {}
    for summary in store.summaries():
        if only is None or summary.id in only:
            film = store.film(summary.id) if with_imdb else None
            found[summary.id] = (summary, film.imdb_id if film else None)
    return found


@dataclass
class Matching:
    """Which film each entry is, and why the others are none."""

    films: dict[int, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    how: Counter[str] = field(default_factory=Counter)
    unmatched: dict[str, tuple[list[Entry], str]] = field(default_factory=dict)
    """By film (title, year, IMDb id): its rows, and why none matched."""
    added: dict[int, str] = field(default_factory=dict)
    lookup_note: str = ""


def _bar(total: int, at_least: int = BAR_FROM) -> Callable[[int, str], None] | None:
    """A progress bar on stderr when it is a terminal and there are `at_least` steps."""
    if total < at_least or not sys.stderr.isatty():
        return None
    from filmtui.cli.refresh import ProgressPrinter
    from filmtui.tmdb import Progress

    printer = ProgressPrinter(sys.stderr)

    def tick(done: int, title: str) -> None:
        printer(Progress(done, total, 0, title, "matched"))
        if done == total:
            printer.finish()

    return tick


def match_all(parsed: Parsed, matcher: Matcher) -> Matching:
    result = Matching()
    tick = _bar(len(parsed.entries))
    for done, entry in enumerate(parsed.entries, 1):
        film_id, how = matcher.match(entry)
        if film_id is None:
            result.unmatched.setdefault(f"{entry.label}|{entry.imdb_id}", ([], how))[0].append(entry)
        else:
            if film_id not in result.films:
                result.how[how] += 1
            result.films[film_id].append(entry)
        if tick:
            tick(done, entry.label)
    return result


def _optional_config() -> Config | None:
    """TMDB settings when there are credentials; None (say nothing) when there are none."""
    from filmtui.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError:
        return None
    return config if config.has_credentials else None


def look_up(result: Matching, store: Store, matcher: Matcher, config: Config, apply: bool) -> None:
    """Ask TMDB about the films the collection lacks: a film found is matched (added to the
    collection with --apply; a dry run says it would be)."""
    from filmtui.tmdb import (
        Candidate, NotFound, TmdbError, add_film, find_by_imdb_id, pick, search_tmdb,
    )
    from filmtui.tmdb.client import TmdbClient

    pending = list(result.unmatched.items())
    tick = _bar(len(pending), at_least=2)  # a lookup is slow: a bar for even a few
    with TmdbClient(config) as client:
        for done, (key, (entries, _)) in enumerate(pending, 1):
            entry = entries[0]
            if tick:
                tick(done, entry.label)
            try:
                found: list[Candidate]
                chosen: Candidate | None
                if entry.tmdb_id:  # filmtui's own export: the id is TMDB's
                    found = [Candidate(entry.tmdb_id, entry.title, year=entry.year)]
                    chosen = found[0]
                elif entry.imdb_id:
                    found = find_by_imdb_id(config, entry.imdb_id, client=client)
                    chosen = pick(found, entry.title, entry.year) if found else None
                else:
                    found = search_tmdb(config, entry.title, entry.year, client=client)
                    chosen = pick(found, entry.title, entry.year) if found else None
                if chosen is None:
                    why = "TMDB has several films of that title" if found else "TMDB has no such film"
                    result.unmatched[key] = (entries, why)
                    continue
                if chosen.id not in matcher.by_id:
                    if apply:
                        film = add_film(store, config, chosen.id, client=client)
                        matcher.by_id[film.id] = Known(film.id, film.title, year=film.year)
                    result.added[chosen.id] = clean(chosen.label)
            except NotFound:
                result.unmatched[key] = (entries, "TMDB has no such film")
                continue
            except TmdbError as error:
                result.lookup_note = f"TMDB could not be asked about the rest ({error})"
                return
            del result.unmatched[key]
            if chosen.id not in result.films:
                result.how["a TMDB lookup"] += 1
            result.films[chosen.id].extend(entries)


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    parsed = read(args.format, args.path)
    store = open_store()
    needs_imdb = any(e.imdb_id for e in parsed.entries)
    films = known_films(store, with_imdb=needs_imdb)
    matcher = Matcher(Known(s.id, s.title, s.original_title, s.year, imdb)
                      for s, imdb in films.values())
    result = match_all(parsed, matcher)
    config = None if args.offline or not result.unmatched else _optional_config()
    if config is not None:
        look_up(result, store, matcher, config, args.apply)
        films = {**films, **known_films(store, with_imdb=False, only=set(result.added))}
    mine = store.users()
    outcomes = {film_id: merge(mine.get(film_id, UserData()), Incoming.gather(entries))
                for film_id, entries in result.films.items()}
    _report(parsed, result, outcomes, films, args.apply, config is not None or args.offline)
    changing = {i for i, o in outcomes.items() if o.changes}
    if not changing:
        print("Nothing to change: your data already holds all of it." if result.films else
              "Nothing to change.")
    elif args.apply:
        store.update_users({i: _merging(Incoming.gather(result.films[i])) for i in changing})
        print(f"Written: {len(changing)} film{'s' * (len(changing) != 1)} changed.")
    else:
        print("Dry run: nothing was written. Run again with --apply to write these changes.")
    return 0


def _merging(incoming: Incoming) -> Callable[[UserData], UserData]:
    """The change that merges `incoming` into a film's data as it is on disk at write time."""
    return lambda current: merge(current, incoming).data


def _report(parsed: Parsed, result: Matching, outcomes: dict[int, Outcome],
            films: dict[int, tuple[FilmSummary, str | None]], apply: bool, asked: bool) -> None:
    def name(film_id: int) -> str:
        known = films.get(film_id)
        return label(known[0]) if known else result.added.get(film_id, f"#{film_id}")

    verb = "" if apply else "would "
    changing = sorted((o for o in outcomes.items() if o[1].changes), key=lambda o: name(o[0]))
    if changing:
        print("Changes:" if apply else "Changes (a dry run: not written):")
        for film_id, outcome in changing:
            print(f"  {name(film_id)}: {', '.join(outcome.changes)}")
    kept = sorted((o for o in outcomes.items() if o[1].kept), key=lambda o: name(o[0]))
    if kept:
        print("Kept (newer here, or no day to tell which is newer):")
        for film_id, outcome in kept:
            print(f"  {name(film_id)}: kept {'; '.join(outcome.kept)}")
    if result.added:
        print(f"Added from TMDB{' (with --apply)' if not apply else ''}:")
        for film_id, title in sorted(result.added.items(), key=lambda a: a[1]):
            print(f"  {title} [{film_id}]")
    if result.unmatched:
        print("Not matched:")
        for entries, why in sorted(result.unmatched.values(), key=lambda u: u[0][0].label):
            many = f" ({len(entries)} rows)" if len(entries) > 1 else ""
            print(f"  {clean(entries[0].label)}{many}: {why}")
        if result.lookup_note:
            print(f"  {result.lookup_note}")
        elif not asked:
            print("  (with a TMDB key, `filmtui config set-token`, they would be looked up "
                  "on TMDB and added)")
    if parsed.problems:
        print("Skipped rows:")
        for problem in parsed.problems:
            print(f"  {problem}")
    for note in parsed.notes:
        print(f"Note: {note}")
    ways = ", ".join(f"{n} by {how}" for how, n in result.how.most_common())
    matched, plural = len(result.films), lambda n, word: f"{n} {word}{'s' * (n != 1)}"
    unchanged = sum(1 for o in outcomes.values() if not o.changes)
    skipped = [plural(n, what) for n, what in ((len(result.unmatched), "film not matched"),
                                               (len(parsed.problems), "bad row")) if n]
    print(
        f"Matched {plural(matched, 'film')}" + (f" ({ways})" if ways else "")
        + (f", {verb}add {len(result.added)} from TMDB" if result.added else "")
        + f". {len(changing)} {verb}change, {unchanged} already up to date"
        + (f", {len(kept)} {verb}keep newer data of yours" if kept else "")
        + (f". Skipped: {', '.join(skipped)}." if skipped else ".")
    )

"""`filmtui add QUERY`: find a film on TMDB and add it to the collection."""

from __future__ import annotations

import argparse
import sys

from filmtui.cli.common import fail, open_store, store_problems_in_one_line, tmdb_config
from filmtui.store import StoreError
from filmtui.text import clean
from filmtui.tmdb.client import TmdbClient
from filmtui.tmdb import (
    AuthError,
    IMDB_ID,
    Candidate,
    MissingCredentials,
    NotFound,
    TmdbError,
    Unavailable,
    add_film,
    find_by_imdb_id,
    pick,
    search_tmdb,
)

#: Candidates listed when a query is ambiguous.
SHOWN = 10
#: Longest query sent to TMDB: film titles are far shorter, and TMDB refuses long ones anyway.
MAX_QUERY = 200


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "add",
        help="add a film from TMDB",
        description="Search TMDB and add the film you mean; its editorial tabs stay empty "
        "until someone writes them.",
    )
    parser.add_argument(
        "query", nargs="?", metavar="QUERY",
        help="a title to search TMDB for, or an IMDb id (tt0113277)",
    )
    parser.add_argument("--year", type=int, help="only films released that year")
    parser.add_argument("--id", type=int, dest="tmdb_id", metavar="ID", help="add TMDB film ID")
    parser.set_defaults(func=run)
    return parser


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    if not args.query and args.tmdb_id is None:
        return fail("say which film to add: a title to search for, or --id ID", 2)
    if args.tmdb_id is not None and not 0 < args.tmdb_id < 2**31:
        return fail("--id must be a positive TMDB id", 2)
    if args.query and len(args.query) > MAX_QUERY:
        return fail(f"the search is too long ({len(args.query)} characters; at most "
                    f"{MAX_QUERY}): give a title, an IMDb id or --id ID", 2)
    if args.query and not clean(args.query).strip():
        return fail("the search has nothing to look for: give a title", 2)
    if args.year is not None and not 1870 <= args.year <= 2200:
        return fail("--year must be a year like 1995", 2)
    config = tmdb_config()
    store = open_store()
    try:
        with TmdbClient(config, on_notice=lambda line: print(f"filmtui: {line}",
                                                            file=sys.stderr)) as client:
            film_id = args.tmdb_id
            if film_id is None:
                query = clean(args.query).strip()
                if IMDB_ID.fullmatch(query):
                    found = find_by_imdb_id(config, query, client=client)
                else:
                    found = search_tmdb(config, query, args.year, client=client)
                chosen = _choose(found, query, args.year)
                if isinstance(chosen, int):
                    return chosen
                film_id = chosen.id
            known = any(s.id == film_id for s in store.summaries())
            film = add_film(store, config, film_id, client=client)
    except (MissingCredentials, AuthError) as error:
        return fail(str(error), 2)
    except NotFound:
        return fail(f"TMDB has no film with id {film_id}", 1)
    except TmdbError as error:
        return fail(_tmdb_failure(error), 1)
    except (OSError, StoreError) as error:
        return fail(f"the film could not be saved: {error}", 1)
    year = f" ({film.year})" if film.year else ""
    verb = "Refreshed" if known else "Added"
    print(f"{verb} {clean(film.title)}{year} [{film.id}].")
    return 0


def _tmdb_failure(error: TmdbError) -> str:
    """One line for a failed TMDB call: "cannot reach TMDB" only when nothing answered."""
    text = str(error)
    if isinstance(error, Unavailable) and error.offline:
        return f"cannot reach TMDB: {text}"
    return text if text.startswith("TMDB") else f"TMDB: {text}"


def _choose(candidates: list[Candidate], query: str, year: int | None) -> Candidate | int:
    """The candidate to add, or an exit code when there is none to take."""
    wanted = clean(query) + (f" ({year})" if year else "")
    if not candidates:
        return fail(f"TMDB has no film matching {wanted!r}", 1)
    if sys.stdin.isatty() and sys.stderr.isatty():
        return _prompt(candidates[:SHOWN])
    chosen = pick(candidates, query, year)
    if chosen is not None:
        return chosen
    print(f"filmtui: several films match {wanted!r}; add one with --id ID:", file=sys.stderr)
    for candidate in candidates[:SHOWN]:
        print(f"  {candidate.id:>8}  {clean(candidate.label)}", file=sys.stderr)
    return 1


def _prompt(candidates: list[Candidate]) -> Candidate | int:
    """Ask on the terminal which candidate to add (Enter cancels)."""
    for number, candidate in enumerate(candidates, 1):
        print(f"{number:>3}. {clean(candidate.label)}  [{candidate.id}]", file=sys.stderr)
    while True:
        print(f"Add which film? [1-{len(candidates)}, Enter to cancel] ", end="", file=sys.stderr)
        sys.stderr.flush()
        try:
            answer = input().strip()
        except EOFError:
            answer = ""
        if not answer:
            return fail("nothing added", 1)
        if answer.isdigit() and 1 <= int(answer) <= len(candidates):
            return candidates[int(answer) - 1]
        print(f"Type a number from 1 to {len(candidates)}.", file=sys.stderr)

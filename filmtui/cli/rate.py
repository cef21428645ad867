"""`filmtui rate FILM [N] [--note TEXT]`: your own rating (1 to 10) and note for a film."""

from __future__ import annotations

import argparse

from filmtui.cli.common import (
    CommandError, label, open_store, rating_scale, resolve_films, store_problems_in_one_line,
)
from filmtui.models import RATING_RULE, parse_note, parse_rating


def _rating(value: str) -> int | None:
    if value.lower() in ("none", "clear"):
        return None
    try:
        rating = parse_rating(value)
    except ValueError:
        rating = None
    if rating is None:  # nothing typed is not a rating either: 'none' clears it
        raise argparse.ArgumentTypeError(f"{RATING_RULE}, or 'none' to clear it")
    return rating


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("rate", help="give a film your own rating (1-10) and note")
    parser.add_argument("film", metavar="FILM", help="a TMDB id or a title")
    parser.add_argument(
        "rating", metavar="N", nargs="?", type=_rating, default=..., help="1 to 10, or 'none' to clear it"
    )
    parser.add_argument("--note", help="a note of your own ('' clears it)")
    parser.set_defaults(func=run)
    return parser


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    changes = {} if args.rating is ... else {"rating": args.rating}
    if args.note is not None:
        try:
            changes["note"] = parse_note(args.note)
        except ValueError as error:
            raise CommandError(f"{error}; nothing was changed", 2) from None
    if not changes:
        raise CommandError("give a rating (1 to 10, or none) or --note TEXT", 2)
    store = open_store()
    (film,) = resolve_films(store, [args.film])
    mine = store.set_user(film.id, **changes)
    said = mine.describe(rating_scale()) or "no rating"
    print(f"{label(film)}: {said}" + (" · with your note" if mine.note else "") + ".")
    return 0

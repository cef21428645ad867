"""`filmtui seen FILM... [--on DAY] [--rating N] [--note TEXT] [--rewatch]`: log a viewing."""

from __future__ import annotations

import argparse
from datetime import date

from filmtui.cli.common import (
    CommandError, label, open_store, rating_scale, resolve_films, store_problems_in_one_line,
)
from filmtui.models import RATING_RULE, UserData, Viewing, parse_note, parse_rating
from filmtui.ratings import DEFAULT_SCALE, rating_text


def _day(text: str) -> str:
    from filmtui.exchange.csvfile import day

    try:
        return day(text, "day") or ""
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _rating(text: str) -> int:
    try:
        rating = parse_rating(text)
    except ValueError:
        rating = None
    if rating is None:
        raise argparse.ArgumentTypeError(RATING_RULE)
    return rating


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "seen", help="log that you watched films (today, or --on a day)",
        description="Log a viewing in your diary. A film you have logged before is marked a "
        "rewatch; its rating, if given, becomes your rating of the film.",
    )
    parser.add_argument("films", nargs="+", metavar="FILM", help="TMDB ids or titles")
    parser.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="the day (default: today)")
    parser.add_argument("--rating", type=_rating, metavar="N", help="your rating, 1 to 10")
    parser.add_argument("--note", help="a note on this viewing")
    parser.add_argument("--rewatch", action="store_true",
                        help="mark it a rewatch (automatic when you have logged it before)")
    parser.set_defaults(func=run)
    return parser


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    try:
        note = parse_note(args.note) if args.note is not None else ""
    except ValueError as error:
        raise CommandError(f"{error}; nothing was logged", 2) from None
    day = args.on or date.today().isoformat()
    store = open_store()
    films = resolve_films(store, args.films)  # every film found before one is logged

    def log(current: UserData) -> UserData:
        rewatch = args.rewatch or current.seen
        return current.logged(Viewing(date=day, rating=args.rating, note=note, rewatch=rewatch))

    scale = rating_scale() if args.rating is not None else DEFAULT_SCALE
    for film in films:
        mine = store.update_user(film.id, log)
        times = len(mine.diary)
        rating = f", {rating_text(args.rating, scale)}" if args.rating is not None else ""
        again = f" · a rewatch ({times} viewing{'s' * (times > 1)} logged)" if times > 1 or args.rewatch else ""
        print(f"{label(film)}: seen {day}{rating}{again}.")
    return 0

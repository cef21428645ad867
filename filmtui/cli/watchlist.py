"""`filmtui watchlist [add|remove FILM ...]`: the films you mean to watch."""

from __future__ import annotations

import argparse

from filmtui.browser import Browser
from filmtui.cli.common import (
    CommandError, label, open_store, rating_scale, resolve_films, store_problems_in_one_line,
)
from filmtui.ratings import DEFAULT_SCALE, rating_text


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("watchlist", help="list your watchlist, or add and remove films")
    parser.add_argument(
        "action", nargs="?", choices=("add", "remove"), help="without it, list the watchlist"
    )
    parser.add_argument("films", nargs="*", metavar="FILM", help="TMDB ids or titles")
    parser.set_defaults(func=run)
    return parser


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    store = open_store()
    if args.action is None:
        if args.films:
            raise CommandError("say add or remove before the films", 2)
        mine = store.users()
        in_order = Browser(store.list_index(), build=False).order("title")  # the browser's order
        films = [s for s in in_order if s.id in mine and mine[s.id].watchlist]
        if not films:
            print("Your watchlist is empty: add a film with `filmtui watchlist add FILM`.")
        scale = rating_scale() if any(mine[f.id].rating for f in films) else DEFAULT_SCALE
        for film in films:
            rating = mine[film.id].rating
            print(f"{film.id:>8}  {label(film)}" + (f"  · your rating {rating_text(rating, scale)}" if rating else ""))
        return 0
    if not args.films:
        raise CommandError(f"say which films to {args.action}", 2)
    for film in resolve_films(store, args.films):
        store.set_user(film.id, watchlist=args.action == "add")
        where = "on" if args.action == "add" else "off"
        print(f"{label(film)} is {where} your watchlist.")
    return 0


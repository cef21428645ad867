"""`filmtui search [QUERY]`: ranked matches over titles, years, people and keywords; every film
without a query."""

from __future__ import annotations

import argparse
import json

from filmtui.browser import Browser
from filmtui.cli.common import label, not_found, open_store
from filmtui.search import SearchIndex
from filmtui.text import clean, clean_json


def _limit(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("expected a whole number of results, 1 or more")
    return int(value)


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("search", help="find films by title, year, person or keyword")
    parser.add_argument(
        "query", metavar="QUERY", nargs="?", default="",
        help="words to look for; typos are forgiven. Without it, every film, by title",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument(
        "--limit", type=_limit, metavar="N", help="at most N results (20 for a query; all without one)"
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    store = open_store()
    summaries = store.summaries()
    by_id = {s.id: s for s in summaries}
    if not args.query.strip():
        # No query: the whole collection in the list screen's title order, like the browser.
        films = Browser(store.list_index(), build=False).order("title")[: args.limit]
        found = [(f.id, None, None) for f in films]
    else:
        index = SearchIndex(summaries)
        matches = index.search(args.query, limit=args.limit or 20)
        if not matches and not args.json:
            raise not_found(args.query, [by_id[i] for i in index.closest(args.query, limit=5)])
        found = [(m.id, m.field, round(m.score, 3)) for m in matches]
    if args.json:
        print(json.dumps(clean_json([
            {
                "id": film_id,
                "title": by_id[film_id].title,
                "year": by_id[film_id].year,
                "directors": list(by_id[film_id].directors),
                "matched": field,
                "score": score,
            }
            for film_id, field, score in found
        ]), ensure_ascii=False, indent=2))
        return 0
    for film_id, _, _ in found:
        film = by_id[film_id]
        directors = ", ".join(clean(d) for d in film.directors)
        print(f"{film.id:>8}  {label(film)}" + (f" — {directors}" if directors else ""))
    return 0

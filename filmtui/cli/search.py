"""`filmtui search QUERY`: ranked matches over titles, years, people and keywords."""

from __future__ import annotations

import argparse
import json

from filmtui.cli.common import CommandError, label, open_store
from filmtui.search import SearchIndex
from filmtui.text import clean


def _limit(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("expected a whole number of results, 1 or more")
    return int(value)


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("search", help="find films by title, year, person or keyword")
    parser.add_argument("query", metavar="QUERY", help="words to look for; typos are forgiven")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--limit", type=_limit, default=20, metavar="N", help="at most N results (20)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    store = open_store()
    summaries = store.summaries()
    by_id = {s.id: s for s in summaries}
    index = SearchIndex(summaries)
    matches = index.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([
            {
                "id": m.id,
                "title": by_id[m.id].title,
                "year": by_id[m.id].year,
                "directors": list(by_id[m.id].directors),
                "matched": m.field,
                "score": round(m.score, 3),
            }
            for m in matches
        ], ensure_ascii=False, indent=2))
        return 0
    if not matches:
        closest = ", ".join(label(by_id[i]) for i in index.closest(args.query, limit=5))
        hint = f" Closest: {closest}." if closest else ""
        raise CommandError(f"no film matches {clean(args.query)!r}.{hint}", 1)
    for m in matches:
        film = by_id[m.id]
        directors = ", ".join(clean(d) for d in film.directors)
        print(f"{film.id:>8}  {label(film)}" + (f" — {directors}" if directors else ""))
    return 0

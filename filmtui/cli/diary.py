"""`filmtui diary [--month YYYY-MM] [--json]`: your viewings by month, newest first."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from itertools import groupby

from filmtui.cli.common import label, open_store, rating_scale
from filmtui.models import FilmSummary, Viewing
from filmtui.ratings import RatingScale, rating_text
from filmtui.text import clean, clean_json

UNDATED = "No day given"


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"a month like {date.today().isoformat()[:7]}, not {text!r}")
    return text


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("diary", help="list the films you have logged, by month")
    parser.add_argument("--month", type=_month, metavar="YYYY-MM", help="only this month")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(func=run)
    return parser


def entries(store, month: str | None = None) -> list[tuple[FilmSummary, Viewing]]:
    """Every viewing with its film, newest first (undated ones last)."""
    by_id = {s.id: s for s in store.summaries()}
    found = [
        (by_id.get(film_id) or FilmSummary(film_id, f"#{film_id}"), viewing)
        for film_id, data in store.users().items()
        for viewing in data.diary
        if month is None or (viewing.date or "").startswith(month)
    ]
    # Newest first; within a day, the later logged first (the diary keeps a film's in order).
    found.reverse()
    found.sort(key=lambda pair: pair[1].date or "", reverse=True)
    return found


def _month_name(day: str | None) -> str:
    return date.fromisoformat(day).strftime("%B %Y") if day else UNDATED


def run(args: argparse.Namespace) -> int:
    store = open_store()
    found = entries(store, args.month)
    if args.json:
        print(json.dumps(clean_json([
            {"date": v.date, "film_id": s.id, "title": s.title, "year": s.year,
             "rating": v.rating, "rewatch": v.rewatch, "note": v.note}
            for s, v in found
        ]), ensure_ascii=False, indent=2))
        return 0
    if not found:
        where = f" in {args.month}" if args.month else ""
        print(f"Nothing logged{where}: log a viewing with `filmtui seen FILM`.")
        return 0
    scale = rating_scale()
    for month, group in groupby(found, key=lambda pair: _month_name(pair[1].date)):
        print(month)
        for summary, viewing in group:
            print(_line(summary, viewing, scale))
        print()
    return 0


def _line(summary: FilmSummary, viewing: Viewing, scale: RatingScale) -> str:
    """"  2026-12-01  Heat (1995)  8/10  rewatch  the note" (the rating in `scale`), the
    note's lines indented."""
    parts = [f"  {viewing.date or '(no day)  '}  {label(summary)}"]
    if viewing.rating is not None:
        parts.append(rating_text(viewing.rating, scale))
    if viewing.rewatch:
        parts.append("rewatch")
    line = "  ".join(parts)
    note = clean(viewing.note, multiline=True).replace("\t", " ").strip()
    if note:
        first, *rest = note.splitlines()
        line += f"  · {first}" + "".join(f"\n{' ' * 14}{more}" for more in rest)
    return line

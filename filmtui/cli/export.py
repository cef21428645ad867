"""`filmtui export FILM... --format markdown|json --out DIR`: film pages as files to take along."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from filmtui.cli.common import CommandError, label, open_store, resolve_films
from filmtui.editorial import Pages, slug
from filmtui.locations import editorial_dir
from filmtui.markdown_page import markdown
from filmtui.text import clean_json


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("export", help="write film pages as Markdown or JSON files")
    parser.add_argument("films", nargs="+", metavar="FILM", help="TMDB ids or titles")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                        help="the folder to write into (default: here)")
    parser.add_argument("--spoilers", action="store_true", help="include answers marked as spoilers")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    store = open_store()
    summaries = resolve_films(store, args.films)  # every film found before a file is written
    pages = Pages(editorial_dir())
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot make {args.out}: {error.strerror or error}", 1) from None
    suffix = ".md" if args.format == "markdown" else ".json"
    for summary in summaries:
        film = store.film(summary.id)
        if film is None:
            raise CommandError(f"film {summary.id} is in the index but its page is missing", 1)
        film = pages.apply(film)
        if args.format == "markdown":
            text = markdown(film, spoilers=args.spoilers)
        else:
            text = json.dumps(clean_json(film.to_json()), ensure_ascii=False, indent=2) + "\n"
        path = args.out / slug(film.title, film.year).replace(".toml", suffix)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror or error}", 1) from None
        print(f"{label(summary)} -> {path}")
    return 0

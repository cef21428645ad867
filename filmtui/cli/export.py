"""`filmtui export FILM... --format markdown|json --out DIR`: film pages as files to take along;
`filmtui export --yours --format letterboxd|csv|json [--out PATH]`: your diary, ratings,
watchlist and notes, for Letterboxd, a spreadsheet, or `filmtui import json` to read back."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from filmtui.cli.common import CommandError, label, open_store, region, resolve_films
from filmtui.editorial import Pages, slug
from filmtui.locations import editorial_dir
from filmtui.markdown_page import markdown
from filmtui.text import clean_json


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "export", help="write film pages as Markdown or JSON files, or --yours: your film life"
    )
    parser.add_argument("films", nargs="*", metavar="FILM", help="TMDB ids or titles")
    parser.add_argument("--format", choices=("markdown", "json", "letterboxd", "csv"),
                        help="markdown or json for film pages (default markdown); "
                        "letterboxd, csv or json with --yours (default json)")
    parser.add_argument("--out", type=Path, metavar="DIR|PATH",
                        help="film pages: the folder to write into (default: here); --yours: "
                        "the file (default filmtui-yours.json or .csv; - for standard output)")
    parser.add_argument("--yours", action="store_true",
                        help="export your diary, ratings, watchlist and notes instead of pages")
    parser.add_argument("--spoilers", action="store_true", help="include answers marked as spoilers")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.yours:
        return export_yours(args)
    if not args.films:
        raise CommandError("say which films to export, or --yours for your own data", 2)
    if args.format in ("letterboxd", "csv"):
        raise CommandError(f"--format {args.format} is for --yours (your own data)", 2)
    args.format = args.format or "markdown"
    args.out = args.out or Path(".")
    store = open_store()
    summaries = resolve_films(store, args.films)  # every film found before a file is written
    pages = Pages(editorial_dir())
    where = region()
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
            text = markdown(film, region=where, spoilers=args.spoilers)
        else:
            text = json.dumps(clean_json(film.to_json()), ensure_ascii=False, indent=2) + "\n"
        path = args.out / slug(film.title, film.year).replace(".toml", suffix)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror or error}", 1) from None
        print(f"{label(summary)} -> {path}")
    return 0


_DEFAULT_NAMES = {"json": "filmtui-yours.json", "csv": "filmtui-yours.csv",
                  "letterboxd": "filmtui-letterboxd.csv"}


def export_yours(args: argparse.Namespace) -> int:
    """Your own data, in one file (Letterboxd's watchlist goes in a second, `-watchlist.csv`)."""
    from filmtui.cli.importing import known_films
    from filmtui.exchange import native, writers

    if args.films:
        raise CommandError("--yours exports all your data: name no films", 2)
    kind = args.format or "json"
    if kind == "markdown":
        raise CommandError("--yours writes letterboxd, csv or json", 2)
    store = open_store()
    mine = store.users()
    films = known_films(store, only=set(mine))
    yours = sorted(((s, imdb_id, mine[i]) for i, (s, imdb_id) in films.items()),
                   key=lambda row: (row[0].title.casefold(), row[0].year or 0))
    lost = set(mine) - set(films)
    out = args.out or Path(_DEFAULT_NAMES[kind])
    files: list[tuple[Path, str]] = []
    if kind == "json":
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        text = json.dumps(native.to_doc(yours, now), ensure_ascii=False, indent=2) + "\n"
        files.append((out, text))
    elif kind == "csv":
        files.append((out, writers.plain_csv(yours)))
    else:
        watched, watchlist = writers.letterboxd_csv(yours)
        files.append((out, watched))
        if any(data.watchlist for _, _, data in yours):
            if str(out) == "-":
                raise CommandError("Letterboxd takes the watchlist as a second file: "
                                   "give --out PATH, not -", 2)
            files.append((out.with_name(f"{out.stem}-watchlist.csv"), watchlist))
    for path, text in files:
        _write(path, text)
    if lost:
        print(f"filmtui: {len(lost)} film{'s' * (len(lost) > 1)} with data of yours are no longer "
              "in the collection and were left out", file=sys.stderr)
    if str(out) != "-":
        where = " and ".join(str(path) for path, _ in files)
        print(f"Your data for {len(yours)} film{'s' * (len(yours) != 1)} -> {where}")
    return 0


def _write(path: Path, text: str) -> None:
    if str(path) == "-":
        sys.stdout.write(text)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.partial")
        temporary.write_text(text, encoding="utf-8", newline="")
        temporary.replace(path)  # a full disk leaves the old file, not half a new one
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}", 1) from None

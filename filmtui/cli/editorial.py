"""`filmtui editorial new|check|edit|list`: an editor's own pages for any film in the store."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from filmtui.cli.common import CommandError, label, open_store, resolve_films
from filmtui.editorial import check_files, load_pages, page_files, skeleton, slug
from filmtui.locations import editorial_dir


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "editorial", help="write, check and list your own film pages (FAQ, trivia, synopsis)",
        description=f"Your pages live in {editorial_dir()} (FILMTUI_EDITORIAL_DIR overrides). "
        "A page overrides or completes the shipped one field by field; refreshes never touch it.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="write a page to fill in for a film in your store")
    new.add_argument("film", metavar="FILM", help="a TMDB id or a title")
    new.set_defaults(func=run_new)
    check = actions.add_parser("check", help="check pages (default: your whole editorial folder)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="page files or folders")
    check.set_defaults(func=run_check)
    edit = actions.add_parser("edit", help="open a film's page in $VISUAL/$EDITOR, then check it")
    edit.add_argument("film", metavar="FILM", help="a TMDB id or a title")
    edit.set_defaults(func=run_edit)
    listing = actions.add_parser("list", help="the films with pages, and where each comes from")
    listing.set_defaults(func=run_list)
    return parser


def _page_path(film_id: int) -> Path | None:
    """The editor's page file for a film, wherever in their folder it is."""
    found = load_pages(editorial_dir())
    page = found.pages.get(film_id)
    if page is not None:
        return page.path
    for problem in found.problems:  # a page with problems is still that film's page
        try:
            text = problem.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(line.split("#")[0].replace(" ", "") == f"id={film_id}" for line in text.splitlines()):
            return problem.path
    return None


def _new(film_query: str) -> tuple[Path, bool]:
    """The film's page: written from the skeleton when there is none. (path, written now?)"""
    store = open_store()
    (summary,) = resolve_films(store, [film_query])
    existing = _page_path(summary.id)
    if existing is not None:
        return existing, False
    film = store.film(summary.id)
    if film is None:
        raise CommandError(f"film {summary.id} is in the index but its page is missing", 1)
    folder = editorial_dir()
    path = folder / slug(film.title, film.year)
    if path.exists():
        path = folder / f"{film.id}.toml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never over another file
            handle.write(skeleton(film))
    except FileExistsError:
        raise CommandError(f"{path} already exists; not overwritten", 1) from None
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}", 1) from None
    return path, True


def run_new(args: argparse.Namespace) -> int:
    path, written = _new(args.film)
    if not written:
        raise CommandError(f"this film already has a page: {path} (filmtui editorial edit {args.film})", 1)
    print(f"Wrote {path}: fill it in, then `filmtui editorial check {path}`.")
    return 0


def _files(paths: list[str]) -> list[Path]:
    if not paths:
        return page_files(editorial_dir())
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += page_files(path)
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder", 2)
    return files


def _check(files: list[Path]) -> int:
    """Check `files` against the store's films; print each problem as file:line: what."""
    known = {s.id for s in open_store().summaries()}
    problems = [str(p) for p in check_files(editorial_dir(), files, known).problems]
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {len(files)} "
              f"file{'s' * (len(files) != 1)}", file=sys.stderr)
        return 1
    print(f"Checked {len(files)} page{'s' * (len(files) != 1)}: no problems.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    files = _files(args.paths)
    if not files:
        where = ", ".join(args.paths) or str(editorial_dir())
        print(f"No pages to check in {where} (start one: filmtui editorial new FILM).")
        return 0
    return _check(files)


def run_edit(args: argparse.Namespace) -> int:
    path, _ = _new(args.film)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CommandError(f"set VISUAL or EDITOR to your editor (the page is {path})", 2)
    try:
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot start the editor {editor!r}: {error}", 2) from None
    if done.returncode != 0:
        raise CommandError(f"the editor exited with {done.returncode}; the page is {path}", 1)
    return _check([path])


def run_list(args: argparse.Namespace) -> int:
    store = open_store()
    yours = load_pages(editorial_dir())
    rows = []
    for summary in store.summaries():
        page = yours.pages.get(summary.id)
        if summary.editorial or page is not None:
            where = "shipped" if summary.editorial else ""
            if page is not None:
                where = f"{where + ' + ' if where else ''}yours: {page.path}"
            rows.append((summary.title.casefold(), f"{summary.id:>8}  {label(summary)}  ·  {where}"))
    for _, line in sorted(rows):
        print(line)
    for problem in yours.problems:
        print(f"not used: {problem}", file=sys.stderr)
    print(f"{len(rows)} films with pages; {len(yours.pages)} of yours in {editorial_dir()}")
    return 0

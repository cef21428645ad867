"""`filmtui show FILM`: one film's page as text, or as one stable JSON object."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from filmtui.cli.common import CommandError, not_found, open_store, resolve_film
from filmtui.editorial import Pages
from filmtui.locations import editorial_dir
from filmtui.markdown_page import markdown
from filmtui.models import FaqItem, Film, TriviaItem
from filmtui.text import clean, money, runtime

TMDB_NOTICE = "This product uses the TMDB API but is not endorsed or certified by TMDB."


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("show", help="print one film's page")
    parser.add_argument("film", metavar="FILM", help="a TMDB id or a title")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--markdown", action="store_true", help="print the page as Markdown")
    parser.add_argument("--spoilers", action="store_true", help="show answers marked as spoilers")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    store = open_store()
    summary, closest = resolve_film(store, args.film)
    if summary is None:
        raise not_found(args.film, closest)
    film = store.film(summary.id)
    if film is None:
        raise CommandError(f"film {summary.id} is in the index but its page is missing", 1)
    film = Pages(editorial_dir()).apply(film)  # the editor's own page, laid over ours
    if args.json:
        print(json.dumps(film.to_json(), ensure_ascii=False, indent=2))
    elif args.markdown:
        print(markdown(film, spoilers=args.spoilers), end="")
    else:
        # Into a pipe or a file, lines are not cut at 80 columns: a URL stays whole.
        console = Console(highlight=False, emoji=False, soft_wrap=not sys.stdout.isatty())
        console.print(page(film, spoilers=args.spoilers))
    return 0


def _flag(film: Film, field: str, value: str) -> str:
    return f"{value} (unverified)" if field in film.unverified and value != "—" else value


def _line(name: str, value: str) -> Text:
    return Text.assemble((f"{name}: ", "bold"), clean(value) or "—")


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def page(film: Film, *, spoilers: bool = False) -> Group:
    """The film page as Rich renderables; every string from data is plain text, never markup."""
    year = f" ({film.year})" if film.year else ""
    facts = " · ".join(
        part
        for part in (
            runtime(film.runtime) if film.runtime else "",
            _flag(film, "certification", clean(film.certification)),
            ", ".join(clean(g) for g in film.genres),
            _flag(film, "release_date", f"released {film.release_date}") if film.release_date else "",
        )
        if part
    )
    parts: list = [Text(clean(film.title) + year, style="bold")]
    if film.tagline:
        parts.append(Text(clean(film.tagline), style="italic"))
    if facts:
        parts.append(Text(facts, style="dim"))
    if film.blurb:
        parts.append(Text("\n" + clean(film.blurb), style="bold"))
    if film.overview:
        parts.append(Text("\n" + clean(film.overview, multiline=True)))
    parts.append(Text())
    starring = ", ".join(clean(c.name) for c in film.cast[:3])
    parts += [
        _line("Director", ", ".join(film.directors)),
        _line("Starring", starring),
        _line("Budget", _flag(film, "budget", money(film.budget))),
        _line("Box office", _flag(film, "revenue", money(film.revenue))),
    ]
    if film.complexity:
        parts.append(_line("Viewing complexity", film.complexity))
    if film.advisories:
        parts.append(_line("Contains", ", ".join(film.advisories)))
    if film.user.describe():
        parts.append(_line("Yours", film.user.describe()))
    if film.user.note.strip():
        parts.append(_line("Your note", film.user.note))
    if film.cast:
        parts.append(_section("Cast"))
        for member in film.cast:
            role = f" as {clean(member.character)}" if member.character else ""
            parts.append(Text(f"  {clean(member.name)}{role}"))
    if film.faq:
        parts.append(_section("FAQ"))
        for item in film.faq:
            parts.append(Text("\n" + clean(item.question), style="bold"))
            parts.append(_hidden_or(item.answer, item.spoiler, spoilers, item))
    if film.trivia:
        parts.append(_section("Trivia"))
        for item in film.trivia:
            parts.append(Text("• ") + _hidden_or(item.text, item.spoiler, spoilers, item))
    parts.append(Text())
    if film.has_tmdb:
        parts.append(Text(f"TMDB data refreshed {film.refreshed_at}.", style="dim"))
        parts.append(Text(TMDB_NOTICE, style="dim"))
    else:
        parts.append(Text("From the filmtui catalogue; not yet refreshed from TMDB.", style="dim"))
    return Group(*parts)


def _hidden_or(text: str, spoiler: bool, show: bool, item: FaqItem | TriviaItem) -> Padding | Text:
    if spoiler and not show:
        body = Text("[Spoiler hidden: add --spoilers to read it]", style="dim italic")
    else:
        body = Text(clean(text, multiline=True))
        if spoiler:
            body = Text("(Spoiler) ", style="yellow") + body
    if item.source:
        body.append(f"\n  Source: {clean(item.source)}", style="dim")
    if item.second_source:
        body.append(f"\n  Also: {clean(item.second_source)}", style="dim")
    return body

"""`filmtui show FILM`: one film's page as text, or as one stable JSON object."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from filmtui import film_page
from filmtui.cli.common import (
    CommandError, not_found, open_store, rating_scale, region, resolve_film,
)
from filmtui.editorial import Pages
from filmtui.library import Library
from filmtui.locations import editorial_dir
from filmtui.markdown_page import markdown
from filmtui.models import FaqItem, Film, TriviaItem, WatchOptions
from filmtui.ratings import DEFAULT_SCALE, RatingScale
from filmtui.terms import JUSTWATCH_CREDIT
from filmtui.text import clean, clean_json


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
    where = region()
    if args.json:
        document = {**film.to_json(), **outward_json(film, where, Library.ago(film.refreshed_at))}
        print(json.dumps(clean_json(document), ensure_ascii=False, indent=2))
    elif args.markdown:
        print(markdown(film, region=where, spoilers=args.spoilers), end="")
    else:
        # Into a pipe or a file, lines are not cut at 80 columns: a URL stays whole.
        console = Console(highlight=False, emoji=False, soft_wrap=not sys.stdout.isatty())
        console.print(page(film, spoilers=args.spoilers, region=where, age=Library.ago(film.refreshed_at),
                           scale=rating_scale()))
    return 0


def outward_json(film: Film, region: str, age: str) -> dict[str, Any]:
    """`links`, `trailers` and `watch` for `show --json`: what the page's Links and Watch lines
    say, as data (`watch.line` is the line itself)."""
    options = film.providers.get(region) if film.has_tmdb else None
    return {
        "links": [{"label": label, "url": url} for label, url in film_page.pages(film)],
        "trailers": [{"name": v.name, "site": v.site, "type": v.type, "official": v.official,
                      "url": v.url} for v in film.videos],
        "watch": {
            "region": region,
            "known": film.has_tmdb,
            "as_of": film_page.watch_date(film) or None,
            "age": age or None,
            **{label.lower(): list(names) for label, names in
               film_page.watch_kinds(options or WatchOptions(region))},
            "link": (options.link or None) if options else None,
            "credit": JUSTWATCH_CREDIT if options else None,
            "line": film_page.watch_line(film, region, age, keys=False),
        },
    }


def _line(name: str, value: str) -> Text:
    return Text.assemble((f"{name}: ", "bold"), value or "—")


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def page(film: Film, *, region: str, age: str = "", spoilers: bool = False,
         scale: RatingScale = DEFAULT_SCALE) -> Group:
    """The film page (filmtui.film_page's facts, labels and notes, the user's ratings in
    `scale`, where to watch in `region`, the links out) as Rich renderables; every string from
    data is plain text, never markup."""
    name, year = film_page.title(film)
    parts: list[Text | Padding] = [Text(name + year, style="bold")]
    if film.tagline:
        parts.append(Text(clean(film.tagline), style="italic"))
    parts.append(Text(" · ".join(film_page.meta(film)), style="dim"))
    if film.blurb:
        parts.append(Text("\n" + clean(film.blurb), style="bold"))
    if film.overview:
        parts.append(Text("\n" + clean(film.overview, multiline=True)))
    parts.append(Text())
    parts += [_line(label, value) for label, value in film_page.facts(film, scale=scale)]
    parts.append(Text())  # under the film's facts and the user's, not among them
    parts.append(_line("Watch", film_page.watch_line(film, region, age, keys=False)))
    parts.append(_section("Links"))
    for label, url in film_page.links(film):
        # The URL is printed whole (a terminal that knows hyperlinks also gets it as one).
        parts.append(Text.assemble(f"  {label}: ", (url, Style(link=url))))
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
        for trivia in film.trivia:
            parts.append(Text("• ") + _hidden_or(trivia.text, trivia.spoiler, spoilers, trivia))
    parts.append(Text())
    parts += [Text(line, style="dim") for line in film_page.source_lines(film)]
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

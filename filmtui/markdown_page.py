"""A film's page as Markdown, to read elsewhere or take along: `show --markdown` and `export`.

Text from data is text here too: Markdown's own characters in a title or an answer are escaped,
so "[bold]" or "*x*" reads as typed, and control characters are stripped.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from filmtui import film_page
from filmtui.models import FaqItem, Film, TriviaItem
from filmtui.text import clean

# Emphasis, code, links, HTML and strikethrough anywhere; headings, lists and quotes at a line's start.
_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")
_LINE_START = re.compile(r"^(\s*)([-+=#]|\d+[.)])", re.MULTILINE)
HIDDEN = "*Spoiler hidden: export with spoilers to read it.*"


def escape(value: str, *, multiline: bool = False) -> str:
    """`value` as literal Markdown text: cleaned, with every character Markdown reads escaped."""
    text = _SPECIAL.sub(r"\\\1", clean(value, multiline=multiline))
    return _LINE_START.sub(_line_start, text)


def _line_start(found: re.Match[str]) -> str:
    mark = found[2]  # "1." is escaped as "1\.", a "-" or "#" as "\-", "\#"
    return found[1] + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)


def _link(url: str) -> str:
    url = clean(url).strip()
    host = urlsplit(url).hostname or url
    return f"[{escape(host.removeprefix('www.'))}](<{_url(url)}>)"


def _url(url: str) -> str:
    """`url` for inside `<...>`: cleaned, with what would end or break the brackets encoded."""
    return clean(url).strip().replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _sources(item: FaqItem | TriviaItem) -> str:
    links = [_link(u) for u in (item.source, item.second_source) if u]
    return f"Source: {' · '.join(links)}" if links else ""


def markdown(film: Film, *, region: str, spoilers: bool = False) -> str:
    """The whole page, laid out from the film page model: header facts, where to watch in
    `region`, synopsis, links out, cast, FAQ, trivia, and the notes under the facts (TMDB's
    notice when its data is shown). Where to watch is dated, not aged: a saved file outlives
    "3 days ago"."""
    name, year = film_page.title(film)
    out: list[str] = [f"# {escape(name)}{year}", ""]
    if film.tagline:
        out += [f"*{escape(film.tagline)}*", ""]
    out += [" · ".join(escape(part) for part in film_page.meta(film)), ""]
    if film.blurb:
        out += [f"**{escape(film.blurb)}**", ""]
    if film.overview:
        out += [escape(film.overview, multiline=True), ""]
    out += [f"- **{label}:** {escape(value)}" for label, value in film_page.facts(film)]
    out += [f"- **Watch:** {escape(film_page.watch_line(film, region, keys=False))}", ""]
    out += ["## Links", ""] + [f"- {escape(label)}: <{_url(url)}>" for label, url in film_page.links(film)] + [""]
    if film.cast:
        out += ["## Cast", ""]
        for member in film.cast:
            role = f" as {escape(member.character)}" if member.character else ""
            out.append(f"- {escape(member.name)}{role}")
        out.append("")
    if film.faq:
        out += ["## FAQ", ""]
        for question in film.faq:
            out += [f"### {escape(question.question)}", ""]
            if question.spoiler and not spoilers:
                out += [HIDDEN, ""]
                continue
            lead = "**Spoiler.** " if question.spoiler else ""
            out += [lead + escape(question.answer, multiline=True), ""]
            if sources := _sources(question):
                out += [sources, ""]
    if film.trivia:
        out += ["## Trivia", ""]
        for item in film.trivia:
            if item.spoiler and not spoilers:
                out.append(f"- {HIDDEN}")
                continue
            lead = "**Spoiler.** " if item.spoiler else ""
            tail = f" ({sources})" if (sources := _sources(item)) else ""
            out.append(f"- {lead}{escape(item.text, multiline=True)}{tail}")
        out.append("")
    out += ["---", ""] + [f"*{escape(line)}*  " for line in film_page.source_lines(film)] + [""]
    return "\n".join(out)

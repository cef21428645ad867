"""A film's page as Markdown, to read elsewhere or take along: `show --markdown` and `export`.

Text from data is text here too: Markdown's own characters in a title or an answer are escaped,
so "[bold]" or "*x*" reads as typed, and control characters are stripped.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from filmtui.models import FaqItem, Film, TriviaItem
from filmtui.text import clean, money, runtime

#: TMDB's attribution, wherever TMDB's data is shown (their terms' current wording).
TMDB_NOTICE = "This product uses TMDB and the TMDB APIs but is not endorsed, certified, or otherwise approved by TMDB."

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
    return f"[{escape(host.removeprefix('www.'))}](<{url.replace('>', '%3E')}>)"


def _sources(item: FaqItem | TriviaItem) -> str:
    links = [_link(u) for u in (item.source, item.second_source) if u]
    return f"Source: {' · '.join(links)}" if links else ""


def _flagged(film: Film, field: str, value: str) -> str:
    return f"{value} (unverified)" if field in film.unverified and value != "—" else value


def markdown(film: Film, *, spoilers: bool = False) -> str:
    """The whole page: header facts, synopsis, cast, FAQ, trivia, and the TMDB notice when due."""
    out: list[str] = [f"# {escape(film.title)}" + (f" ({film.year})" if film.year else ""), ""]
    if film.tagline:
        out += [f"*{escape(film.tagline)}*", ""]
    facts = [
        runtime(film.runtime) if film.runtime else "",
        _flagged(film, "certification", escape(film.certification)) if film.certification else "",
        ", ".join(escape(g) for g in film.genres),
        _flagged(film, "release_date", f"released {film.release_date}") if film.release_date else "",
    ]
    if any(facts):
        out += [" · ".join(f for f in facts if f), ""]
    if film.blurb:
        out += [f"**{escape(film.blurb)}**", ""]
    if film.overview:
        out += [escape(film.overview, multiline=True), ""]
    rows = [
        ("Director", ", ".join(escape(d) for d in film.directors)),
        ("Starring", ", ".join(escape(c.name) for c in film.cast[:5])),
        ("Budget", _flagged(film, "budget", money(film.budget))),
        ("Box office", _flagged(film, "revenue", money(film.revenue))),
        ("Viewing complexity", escape(film.complexity)),
        ("Contains", ", ".join(escape(a) for a in film.advisories)),
    ]
    out += [f"- **{name}:** {value}" for name, value in rows if value] + [""]
    if film.cast:
        out += ["## Cast", ""]
        for member in film.cast:
            role = f" as {escape(member.character)}" if member.character else ""
            out.append(f"- {escape(member.name)}{role}")
        out.append("")
    if film.faq:
        out += ["## FAQ", ""]
        for item in film.faq:
            out += [f"### {escape(item.question)}", ""]
            if item.spoiler and not spoilers:
                out += [HIDDEN, ""]
                continue
            lead = "**Spoiler.** " if item.spoiler else ""
            out += [lead + escape(item.answer, multiline=True), ""]
            if _sources(item):
                out += [_sources(item), ""]
    if film.trivia:
        out += ["## Trivia", ""]
        for item in film.trivia:
            if item.spoiler and not spoilers:
                out.append(f"- {HIDDEN}")
                continue
            lead = "**Spoiler.** " if item.spoiler else ""
            tail = f" ({_sources(item)})" if _sources(item) else ""
            out.append(f"- {lead}{escape(item.text, multiline=True)}{tail}")
        out.append("")
    if film.has_tmdb:
        out += ["---", "", f"Film data from TMDB (themoviedb.org). {TMDB_NOTICE}", ""]
    return "\n".join(out)

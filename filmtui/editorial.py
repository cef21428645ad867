"""Editorial pages: our writing about a film, from the shipped catalogue or an editor's own folder.

A page holds what no film API has: blurb, synopsis, complexity, advisories, FAQ and trivia. The
shipped pages live in data/catalog/; an editor's pages live in their editorial folder (see
`filmtui.locations.editorial_dir`), one TOML file per film in the catalogue's format. An
editor's page overrides or completes the shipped one field by field, and is merged when a film
is read, so a TMDB refresh, a catalogue re-sync or an upgrade never touches it.

`check_page` is the one set of rules for both kinds of file: `filmtui editorial check`, the app
and the catalogue's guards all use it. Each problem names its line.
"""

from __future__ import annotations

import difflib
import re
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filmtui.catalog import FIELDS, REQUIRED, check_field
from filmtui.models import FaqItem, Film, TriviaItem

#: The content advisories a page may give, and no others.
ADVISORIES = (
    "Strong violence", "Strong language", "Sexual violence", "Sexual content", "Nudity",
    "Drug use", "Disturbing images", "Mature themes",
)  # fmt: skip

#: What an editor's page may set: which film it is, and our writing about it.
PAGE_FIELDS = (
    "id", "title", "year", "tagline", "blurb", "synopsis", "complexity", "advisories", "keywords",
    "faq", "trivia",
)  # fmt: skip

_ITEM_KEYS = {
    "faq": {"question": True, "answer": True, "source": True, "second_source": False,
            "spoiler": False},
    "trivia": {"text": True, "source": True, "second_source": False, "spoiler": False},
}  # fmt: skip
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_AT_LINE = re.compile(r"\(at line (\d+)")  # where tomllib says a file stops being TOML


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a page file, at a line (1 when it is the file as a whole)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Page:
    """An editor's page for one film: the fields it sets, already checked."""

    film_id: int
    path: Path
    fields: dict[str, Any]


class _Lines:
    """Where each key of a TOML file is written: top-level keys, and keys of each [[faq]] item."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[str, int, str], int] = {}
        self.tables: dict[tuple[str, int], int] = {}
        table, in_string = "", False
        counts: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            quotes = line.count('"""') + line.count("'''")
            if in_string:
                in_string = quotes % 2 == 0
                continue
            header = _HEADER.match(line)
            if header:
                table = header[2]
                index = counts[table] = counts.get(table, 0) + 1 if header[1] == "[[" else 1
                self.tables.setdefault((table, index), number)
            else:
                key = _KEY.match(line)
                if key:
                    name = key[1].strip("\"'")
                    self.keys.setdefault((table, counts.get(table, 0), name), number)
            in_string = quotes % 2 == 1

    def of(self, key: str, table: str = "", item: int = 0) -> int:
        """The line of `key` (in item `item` of `table`), else of the item, else 1."""
        return self.keys.get((table, item, key)) or self.tables.get((table, item)) or 1

    def first(self, name: str) -> int:
        """The line of a top-level key, or of the first table of that name, else 1."""
        return self.keys.get(("", 0, name)) or self.tables.get((name, 1)) or 1


def _closest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"https?://[^\s/]+\.[^\s]+$", value.strip()) is not None


def check_page(
    text: str, path: Path, *, shipped: bool = False, known: Iterable[int] | None = None
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check one page file's text; return its fields (None when it has problems) and problems.

    `shipped`: a catalogue file, which must hold every field (or say why in [missing]). An
    editor's page needs only `id`. `known`: the ids in the user's store, when the film must exist.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = _AT_LINE.search(str(error))
        message = re.sub(r"\(at line \d+, ", "(", str(error))
        return None, [Problem(path, int(at[1]) if at else 1, f"not valid TOML: {message}")]
    lines = _Lines(text)
    problems: list[Problem] = []

    def problem(message: str, key: str = "", table: str = "", item: int = 0) -> None:
        line = lines.of(key, table, item) if table else lines.first(key)
        problems.append(Problem(path, line, message))

    allowed = (*FIELDS, "missing") if shipped else PAGE_FIELDS
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in allowed:
            problem(f"unknown field '{key}'{_closest(key, allowed)}", key)
        elif key == "missing":
            fields[key] = value
        elif key in _ITEM_KEYS:
            fields[key] = _check_items(key, value, problem)
        else:
            try:
                fields[key] = check_field(key, value)
            except ValueError as error:
                problem(f"field '{key}': {error}", key)
    if "id" not in raw:
        problem("field 'id' is missing: the TMDB id of the film this page is for", "id")
    for label in fields.get("advisories") or []:
        if label not in ADVISORIES:
            problem(f"unknown advisory '{label}'{_closest(label, ADVISORIES)}; "
                    f"use one of: {', '.join(ADVISORIES)}", "advisories")
    if shipped:
        absent = [k for k in REQUIRED if k not in raw and k not in (raw.get("missing") or {})]
        for key in absent:
            problem(f"field '{key}' is missing (fill it, or give a reason in [missing])")
    if known is not None and isinstance(fields.get("id"), int) and fields["id"] not in set(known):
        problem(f"film {fields['id']} is not in your store (add it: filmtui add --id {fields['id']})", "id")
    problems.sort(key=lambda p: p.line)
    return (None if problems else fields), problems


def _check_items(kind: str, value: Any, problem: Any) -> list[dict[str, Any]]:
    """The [[faq]] or [[trivia]] items of a page, each key checked; problems told to `problem`."""
    if not isinstance(value, list):
        problem(f"field '{kind}': expected [[{kind}]] tables", kind)
        return []
    keys = _ITEM_KEYS[kind]
    items = []
    for number, raw in enumerate(value, 1):
        if not isinstance(raw, dict):
            problem(f"{kind} item {number}: expected a [[{kind}]] table", kind)
            continue
        item: dict[str, Any] = {}
        for key, val in raw.items():
            where = (key, kind, number)
            if key not in keys:
                problem(f"{kind} item {number}: unknown key '{key}'{_closest(key, keys)}", *where)
            elif key == "spoiler":
                if isinstance(val, bool):
                    item[key] = val
                else:
                    problem(f"{kind} item {number}: 'spoiler' must be true or false, got {val!r}", *where)
            elif key in ("source", "second_source"):
                if _is_url(val):
                    item[key] = val.strip()
                else:
                    problem(f"{kind} item {number}: '{key}' must be an http(s) address, got {val!r}", *where)
            elif isinstance(val, str) and val.strip():
                item[key] = val.strip()
            else:
                problem(f"{kind} item {number}: '{key}' must be non-empty text, got {val!r}", *where)
        for key in (k for k, needed in keys.items() if needed and k not in raw):
            problem(f"{kind} item {number}: '{key}' is missing", table=kind, item=number)
        item.setdefault("spoiler", False)
        items.append(item)
    return items


@dataclass
class PageSet:
    """An editor's pages, read from their folder, with every problem found."""

    folder: Path
    pages: dict[int, Page] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def page_files(folder: Path) -> list[Path]:
    """The page files of an editorial folder, in a stable order (none when it does not exist)."""
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_pages(folder: Path, known: Iterable[int] | None = None) -> PageSet:
    """Read and check every page in `folder`; a bad file is a problem, never an exception."""
    return check_files(folder, page_files(folder), known)


def check_files(folder: Path, files: Iterable[Path], known: Iterable[int] | None = None) -> PageSet:
    """Read and check `files` as one editor's pages (one page a film); problems, never raises."""
    found = PageSet(folder)
    known = None if known is None else set(known)
    for path in files:
        found.files += 1
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            found.problems.append(Problem(path, 1, f"cannot be read: {error}"))
            continue
        fields, problems = check_page(text, path, known=known)
        found.problems += problems
        if fields is None:
            continue
        other = found.pages.get(fields["id"])
        if other is not None:
            found.problems.append(
                Problem(path, _Lines(text).of("id"), f"film {fields['id']} already has a page: {other.path}")
            )
            continue
        found.pages[fields["id"]] = Page(fields["id"], path, fields)
    return found


#: A folder changed this recently may change again within its filesystem's timestamp
#: granularity (2 s on FAT) without a new mtime: its listing is not kept.
_RACY_NS = 2_000_000_000


class Pages:
    """An editor's folder of pages, re-read when a file in it changes (cheap to ask often: the
    film page asks on every open, on the event loop)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen: tuple[tuple[str, int, int], ...] | None = None
        self._set = PageSet(folder)
        self._listing: tuple[int, list[Path]] | None = None
        """The folder's mtime and its page files then."""

    def _files(self) -> list[Path]:
        """The page files, listed again only when the folder changed (a file added, removed or
        renamed into place): one stat of the folder instead of a listing on every call."""
        try:
            stamp = self.folder.stat().st_mtime_ns
        except OSError:
            self._listing = None
            return []
        if self._listing is not None and self._listing[0] == stamp:
            return self._listing[1]
        files = page_files(self.folder)
        settled = time.time_ns() - stamp > _RACY_NS
        self._listing = (stamp, files) if settled else None
        return files

    @staticmethod
    def _signature(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
        # Each file's own stat still: an editor that saves in place leaves the folder's mtime.
        signature = []
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                continue
            signature.append((path.name, stat.st_mtime_ns, stat.st_size))
        return tuple(signature)

    def current(self) -> PageSet:
        """The pages as the folder holds them now."""
        files = self._files()
        signature = self._signature(files)
        if signature != self._seen:
            self._set, self._seen = check_files(self.folder, files), signature
        return self._set

    def apply(self, film: Film) -> Film:
        """`film` with the editor's page for it laid over the shipped page, field by field."""
        page = self.current().pages.get(film.id)
        return film if page is None else with_page(film, page.fields)


def with_page(film: Film, fields: dict[str, Any]) -> Film:
    """`film` with the page's fields in place of its own; fields the page leaves out stay."""
    changes: dict[str, Any] = {}
    for name in ("tagline", "blurb", "complexity"):
        if name in fields:
            changes[name] = fields[name]
    if "synopsis" in fields:
        changes["overview"] = fields["synopsis"]
    for name in ("advisories", "keywords"):
        if name in fields:
            changes[name] = list(fields[name])
    if "faq" in fields:
        changes["faq"] = [FaqItem(**item) for item in fields["faq"]]
    if "trivia" in fields:
        changes["trivia"] = [TriviaItem(**item) for item in fields["trivia"]]
    return replace(film, **changes, editorial=True) if changes else film


def slug(title: str, year: int | None) -> str:
    """A page's file name, as the catalogue names its own: "heat-1995.toml"."""
    from filmtui.text import fold

    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join([*words[:8], *([str(year)] if year else [])]) + ".toml"


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(film: Film) -> str:
    """A new page for `film`: what the store knows, and a commented example of each section."""
    from filmtui.text import clean

    cast = "\n".join(
        f"#   {clean(c.name)}" + (f" as {clean(c.character)}" if c.character else "") for c in film.cast[:12]
    )
    crew = "\n".join(f"#   {clean(c.name)}: {clean(c.job)}" for c in film.crew[:8])
    directors = ", ".join(clean(d) for d in film.directors) or "unknown"
    return f"""# The filmtui page for {clean(film.title)}{f" ({film.year})" if film.year else ""}.
# Write in your own words; every FAQ answer and trivia item names its source (an http(s) address).
# Check it with: filmtui editorial check    Fields left out keep the shipped page's.
#
# What the store knows, for reference (not read back):
#   Directed by {directors}
{cast or "#   (no cast stored)"}
{crew or "#   (no crew stored)"}

id = {film.id}
title = {_toml_string(clean(film.title))}
{f"year = {film.year}" if film.year else "# year = 2000"}

# blurb = "One line of your own that makes someone want to watch it."
# synopsis = \"\"\"Who, where and what they want; then what makes the film itself. No ending.\"\"\"
# complexity = "What the film asks of a viewer: its structure, pace, ambiguity."
# advisories = ["Strong violence"]   # from: {", ".join(ADVISORIES)}
# keywords = ["heist", "los angeles"]

# [[faq]]
# question = "Is it based on a true story?"
# answer = \"\"\"Two to five sentences of your own.\"\"\"
# source = "https://..."
# spoiler = false        # true when the answer gives away a twist, an identity or the ending

# [[trivia]]
# text = "One surprising, specific fact, in your words."
# source = "https://..."
# spoiler = false
"""

"""The embedded editorial catalogue: one TOML file per film in data/catalog/.

`load_catalog` validates every file and returns the films it could read with one clear line per
problem ("heat-1995.toml: field 'runtime': expected a whole number, got 'long'"). A bad file never
stops the rest of the catalogue from loading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from filmtui.locations import catalog_dir

#: Fields every catalogue film has, or explains in its [missing] table.
REQUIRED = (
    "id", "title", "year", "release_date", "runtime", "genres", "directors", "certification",
    "budget", "revenue", "imdb_id", "cast", "crew", "blurb", "synopsis", "complexity",
    "advisories", "faq", "trivia",
)  # fmt: skip


@dataclass
class CatalogLoad:
    """What loading the catalogue gave: the films (as plain dicts) and the problems found."""

    films: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Invalid(ValueError):
    """A field with a value of the wrong shape."""


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _Invalid(f"expected a positive whole number, got {value!r}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"expected non-empty text, got {value!r}")
    return value.strip()


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _Invalid(f"expected a list of text, got {value!r}")
    return [_text(item) for item in value]


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(_text(value)).isoformat()
    except ValueError:
        raise _Invalid(f"expected a date like 1995-12-15, got {value!r}") from None


def _year(value: Any) -> int:
    year = _positive_int(value)
    if not 1870 <= year <= 2100:
        raise _Invalid(f"expected a year, got {value!r}")
    return year


def _table_list(value: Any, shape: dict[str, Callable[[Any], Any]], optional: dict) -> list[dict]:
    """A list of TOML tables ([[cast]], [[faq]], ...), each checked against `shape`."""
    if not isinstance(value, list):
        raise _Invalid("expected a list of tables")
    items = []
    for number, raw in enumerate(value, 1):
        if not isinstance(raw, dict):
            raise _Invalid(f"item {number}: expected a table")
        item: dict[str, Any] = {}
        for key, check in shape.items():
            if key not in raw:
                raise _Invalid(f"item {number}: '{key}' is missing")
            try:
                item[key] = check(raw[key])
            except _Invalid as error:
                raise _Invalid(f"item {number}, '{key}': {error}") from None
        for key, (check, default) in optional.items():
            try:
                item[key] = check(raw[key]) if key in raw else default
            except _Invalid as error:
                raise _Invalid(f"item {number}, '{key}': {error}") from None
        unknown = set(raw) - set(shape) - set(optional)
        if unknown:
            raise _Invalid(f"item {number}: unknown key '{sorted(unknown)[0]}'")
        items.append(item)
    return items


def _character(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected text, got {value!r}")
    return value.strip()


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {value!r}")
    return value


_SOURCE = (_text, None)
_SPOILER = (_flag, False)
#: What a FAQ or trivia item may carry besides its text: a spoiler flag and up to two sources.
_ITEM_EXTRAS = {"spoiler": _SPOILER, "source": _SOURCE, "second_source": _SOURCE}

_FIELDS: dict[str, Callable[[Any], Any]] = {
    "id": _positive_int,
    "title": _text,
    "original_title": _text,
    "year": _year,
    "release_date": _date,
    "runtime": _positive_int,
    "genres": _texts,
    "directors": _texts,
    "certification": _text,
    "budget": _positive_int,
    "revenue": _positive_int,
    "imdb_id": _text,
    "collection": _text,
    "keywords": _texts,
    "unverified": _texts,
    "tagline": _text,
    "blurb": _text,
    "synopsis": _text,
    "complexity": _text,
    "advisories": _texts,
    "cast": lambda v: _table_list(v, {"name": _text}, {"character": (_character, "")}),
    "crew": lambda v: _table_list(v, {"name": _text, "job": _text}, {}),
    "faq": lambda v: _table_list(
        v, {"question": _text, "answer": _text}, _ITEM_EXTRAS
    ),
    "trivia": lambda v: _table_list(v, {"text": _text}, _ITEM_EXTRAS),
}


#: Every field a catalogue file may hold ([missing] aside).
FIELDS = tuple(_FIELDS)


def check_field(name: str, value: Any) -> Any:
    """`value` of field `name` as the catalogue keeps it; ValueError saying what is wrong."""
    try:
        return _FIELDS[name](value)
    except _Invalid as error:
        raise ValueError(str(error)) from None


def parse_film(raw: dict[str, Any]) -> dict[str, Any]:
    """Validate one film's table; raise ValueError naming the field and what is wrong."""
    film: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "missing":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ValueError("field 'missing': expected a table of field = \"reason\"")
            film["missing"] = dict(value)
            continue
        check = _FIELDS.get(key)
        if check is None:
            raise ValueError(f"unknown field '{key}'")
        try:
            film[key] = check(value)
        except _Invalid as error:
            raise ValueError(f"field '{key}': {error}") from None
    for key in ("id", "title", "year"):
        if key not in film:
            raise ValueError(f"field '{key}' is missing")
    absent = [k for k in REQUIRED if k not in film and k not in film.get("missing", {})]
    if absent:
        raise ValueError(f"field '{absent[0]}' is missing (fill it, or give a reason in [missing])")
    return film


def catalog_files(directory: Path | None = None) -> list[Path]:
    """The catalogue's files, in a stable order."""
    return sorted((directory or catalog_dir()).glob("*.toml"))


def catalog_fingerprint(directory: Path | None = None) -> str:
    """A hash of the catalogue's bytes: the store re-syncs when it changes."""
    digest = hashlib.sha256()
    for path in catalog_files(directory):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_catalog(directory: Path | None = None) -> CatalogLoad:
    """Read and validate every catalogue file; keep going past bad ones."""
    result = CatalogLoad()
    seen: dict[int, str] = {}
    for path in catalog_files(directory):
        try:
            with path.open("rb") as handle:
                film = parse_film(tomllib.load(handle))
        except tomllib.TOMLDecodeError as error:
            result.problems.append(f"{path.name}: not valid TOML: {error}")
            continue
        except (OSError, UnicodeDecodeError) as error:
            result.problems.append(f"{path.name}: cannot be read: {error}")
            continue
        except ValueError as error:
            result.problems.append(f"{path.name}: {error}")
            continue
        if film["id"] in seen:
            result.problems.append(
                f"{path.name}: field 'id': {film['id']} is already used by {seen[film['id']]}"
            )
            continue
        seen[film["id"]] = path.name
        film["file"] = path.name
        result.films.append(film)
    return result

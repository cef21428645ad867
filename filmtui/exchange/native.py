"""filmtui's own JSON of your film life: every field kept, read back by `filmtui import json`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from filmtui.exchange.records import Entry, FormatError, Parsed, RowProblem
from filmtui.models import FilmSummary, UserData, Viewing
from filmtui.text import clean

FORMAT = "filmtui-yours"
VERSION = 1


def to_doc(films: Iterable[tuple[FilmSummary, str | None, UserData]], exported_at: str) -> dict[str, Any]:
    """The JSON document: one record per film the user keeps something about."""
    return {
        "format": FORMAT, "version": VERSION, "exported_at": exported_at,
        "films": [
            {"tmdb_id": s.id, "imdb_id": imdb_id, "title": s.title, "year": s.year, **data.to_doc()}
            for s, imdb_id, data in films
        ],
    }


def read_doc(name: str, data: bytes) -> Parsed:
    """The entries of a filmtui JSON export; FormatError when it is not one."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FormatError(f"{name} is not JSON ({error})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise FormatError(f"{name} is not a filmtui export (no \"format\": \"{FORMAT}\")")
    if doc.get("version") != VERSION:
        raise FormatError(f"{name} is version {doc.get('version')!r}; this filmtui reads {VERSION}")
    films = doc.get("films")
    if not isinstance(films, list):
        raise FormatError(f"{name} has no list of films")
    exported = doc.get("exported_at")
    rated_on = exported[:10] if isinstance(exported, str) and len(exported) >= 10 else None
    parsed = Parsed(source=name)
    for number, record in enumerate(films, 1):
        where = f"{name} film {number}"
        try:
            parsed.entries.append(_entry(where, record, rated_on))
        except (ValueError, TypeError) as error:
            parsed.problems.append(RowProblem(where, str(error)))
    return parsed


def _entry(where: str, record: object, rated_on: str | None) -> Entry:
    if not isinstance(record, Mapping):
        raise ValueError("is not a record")
    tmdb_id, year = record.get("tmdb_id"), record.get("year")
    if type(tmdb_id) is not int or tmdb_id <= 0:
        raise ValueError("has no TMDB id")
    diary = record.get("diary", [])
    if not isinstance(diary, list):
        raise ValueError("its diary is not a list")
    # Strict, unlike a hand-edited user.json: a value that is not sound is this record's problem.
    viewings = tuple(Viewing(**{k: v[k] for k in ("date", "rating", "note", "rewatch") if k in v})
                     for v in diary if isinstance(v, Mapping))
    data = UserData(watchlist=record.get("watchlist", False), rating=record.get("rating"),
                    note=record.get("note", ""), diary=viewings)
    imdb_id = record.get("imdb_id")
    return Entry(where, clean(record.get("title")) or f"#{tmdb_id}",
                 year if type(year) is int else None,
                 imdb_id=imdb_id if isinstance(imdb_id, str) else None, tmdb_id=tmdb_id,
                 viewings=data.diary, rating=data.rating, rated_on=rated_on,
                 watchlist=data.watchlist, note=data.note)

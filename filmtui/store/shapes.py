"""The shape of every store file, checked when it is read: what filmtui writes, and nothing else.

Each check raises ShapeError with a short reason; the storage turns it into CorruptFileError, so
a file of the wrong shape is set aside and rebuilt like one that does not parse. Checks look at
what the readers rely on (types, lengths, the keys a constructor takes) and let unknown keys
inside a film's editorial or TMDB part pass: readers ignore them, and a newer mapping may add
some.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from filmtui.store.storage import ShapeError

TABLE = "films"
_NONE = type(None)


def _str(value: Any) -> bool:
    return type(value) is str


def _opt_str(value: Any) -> bool:
    return value is None or type(value) is str


def _int(value: Any) -> bool:
    return type(value) is int  # not bool: True is an int to Python, not to us


def _opt_int(value: Any) -> bool:
    return value is None or type(value) is int


def _opt_number(value: Any) -> bool:
    return value is None or type(value) is int or type(value) is float


def _strs(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _opt_strs(value: Any) -> bool:
    return value is None or _strs(value)


def _bool(value: Any) -> bool:
    return type(value) is bool


def _records(required: dict[str, Callable], optional: dict[str, Callable], strict: bool):
    """A check for a list of objects: `required` keys present, every known key of its type, and
    (when `strict`, for items built with `Item(**doc)`) no other key."""

    def check(value: Any) -> bool:
        if type(value) is not list:
            return False
        for item in value:
            if type(item) is not dict or not required.keys() <= item.keys():
                return False
            for key, value in item.items():
                rule = required.get(key) or optional.get(key)
                if rule is None:
                    if strict:
                        return False
                elif not rule(value):
                    return False
        return True

    return check


def _opt(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


_ITEM_EXTRAS = {"spoiler": _bool, "source": _opt_str, "second_source": _opt_str}
#: What Film.merge reads from a film's editorial and TMDB parts, and the type it expects.
_FILM_FIELDS: dict[str, Callable[[Any], bool]] = {
    "id": _opt_int,
    "title": _opt_str, "original_title": _opt_str, "year": _opt_int, "release_date": _opt_str,
    "runtime": _opt_int, "tagline": _opt_str, "overview": _opt_str, "genres": _opt_strs,
    "certification": _opt_str, "directors": _opt_strs,
    "cast": _opt(_records({"name": _str}, {"character": _opt_str}, strict=False)),
    "crew": _opt(_records({"name": _str}, {"job": _opt_str}, strict=False)),
    "budget": _opt_int, "revenue": _opt_int, "poster_path": _opt_str, "refreshed_at": _opt_str,
    "rating": _opt_number, "vote_count": _opt_int, "popularity": _opt_number,
    "keywords": _opt_strs, "imdb_id": _opt_str, "collection": _opt_str,
    # Editorial only, read with .get(name, default): present means of the right type.
    "blurb": _str, "synopsis": _opt_str, "complexity": _str, "advisories": _strs,
    "unverified": _strs, "file": _opt_str,
    "faq": _records({"question": _str, "answer": _str}, _ITEM_EXTRAS, strict=True),
    "trivia": _records({"text": _str}, _ITEM_EXTRAS, strict=True),
}  # fmt: skip
_FILM_DOC_KEYS = frozenset({"editorial", "tmdb", "raw"})


def table(data: Mapping[str, Any], name: str = TABLE) -> dict[str, dict[str, Any]]:
    """A TinyDB table of `data` (empty when absent): keys are doc ids, values objects."""
    rows = data.get(name, {})
    if type(rows) is not dict:
        raise ShapeError(f"{name!r} is not a table")
    for key, doc in rows.items():
        if not key.isdigit():
            raise ShapeError(f"document id {key[:20]!r} is not a number")
        if type(doc) is not dict:
            raise ShapeError(f"document {key} is not an object")
    return rows


def _doc_shape(key: str, doc: Mapping[str, Any]) -> None:
    """What every reader of a shard relies on: known keys, parts that are objects or null."""
    if not doc.keys() <= _FILM_DOC_KEYS:
        raise ShapeError(f"film {key}: unknown key {sorted(doc.keys() - _FILM_DOC_KEYS)[0]!r}")
    for part in ("editorial", "tmdb"):
        value = doc.get(part)
        if value is not None and type(value) is not dict:
            raise ShapeError(f"film {key}: its {part} part is not an object")


def film_doc_problem(doc: Mapping[str, Any]) -> str | None:
    """Why a detail shard's film document is not sound (to build its page), or None.

    Costs ~0.2 ms a film (cast and crew lists), so readers check the films they open or
    change, not every film of the shard they read."""
    try:
        _doc_shape("", doc)
    except ShapeError as error:
        return str(error).removeprefix("film : ")
    parts = [doc[part] for part in ("editorial", "tmdb") if doc.get(part) is not None]
    for part in parts:
        for name, sound in _FILM_FIELDS.items():
            if name in part and not sound(part[name]):
                which = "editorial" if part is doc.get("editorial") else "tmdb"
                return f"{which} field {name!r} has the wrong type"
    if parts and not any(_int(part.get("id")) for part in parts):
        return "no film id"
    return None


def check_shard(data: Mapping[str, Any]) -> None:
    """A detail shard: a table of film documents of the right outline (see film_doc_problem
    for the films' fields)."""
    for key, doc in table(data).items():
        _doc_shape(key, doc)


def check_people(data: Mapping[str, Any]) -> None:
    """people.json: a table of person records, each with a numeric id and a name."""
    for key, doc in table(data).items():
        if type(doc.get("id")) is not int or not isinstance(doc.get("name"), str):
            raise ShapeError(f"person {key}: no id or name")


def check_meta(data: Mapping[str, Any]) -> None:
    """meta.json: one document with the schema (a whole number from 1), the catalogue's
    fingerprint and the last refresh time. Other keys pass: nothing reads them."""
    meta = table(data).get("1", {})
    if "schema" in meta and not (_int(meta["schema"]) and meta["schema"] >= 1):
        raise ShapeError("'schema' is not a whole number from 1")
    for name in ("catalog", "last_refresh"):
        if not _opt_str(meta.get(name)):
            raise ShapeError(f"{name!r} is not text")


def check_user(data: Mapping[str, Any]) -> None:
    """user.json: a table of objects. Values inside them are the user's (perhaps hand-edited)
    and are judged one by one when read (UserData.from_doc), never a reason to set it aside."""
    table(data)


def salvage_user(data: Any) -> dict[str, dict[str, Any]]:
    """The sound documents of a user.json of the wrong shape: what is kept when it is rebuilt."""
    rows = data.get(TABLE) if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        return {}
    return {key: doc for key, doc in rows.items() if key.isdigit() and type(doc) is dict}

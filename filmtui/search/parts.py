"""The index's columns as named raw parts (arrays of numbers, strings, bytes) and back.

What store/search_file.py writes and reads: plain data only, so reading a file can never run
code from it, and each part is one block of bytes, cheap to copy in and out.
"""

from __future__ import annotations

from array import array
from itertools import chain

from filmtui.search.columns import Columns
from filmtui.search.packed import (
    IDS, ROWS, Bare, Folded, Postings, RowSet, Sparse, Texts, offsets,
)  # fmt: skip
from filmtui.search.vocabulary import Vocab

Part = array | str | bytes

_VOCABS = (
    "title", "first", "after", "original", "ofirst", "years", "people", "keywords", "roles",
)  # fmt: skip
_POSTINGS = ("director_rows", "cast_rows", "crew_rows", "keyword_rows", "role_rows")
_TEXTS = ("titles", "norm", "people_names")
_ROWSETS = ("one_word", "article_one", "oone_word")


class DamagedParts(ValueError):
    """Parts that do not fit together: not columns this code wrote."""


def to_parts(columns: Columns) -> dict[str, Part]:
    """Every part of `columns`, by name."""
    c = columns
    parts: dict[str, Part] = {"order": c.order, "ids": c.ids}
    for name in _TEXTS:
        texts: Texts = getattr(c, name)
        parts[f"{name}.blob"], parts[f"{name}.ends"] = texts.blob, texts.ends
    for name in _VOCABS:
        vocab: Vocab = getattr(c, name)
        parts[f"{name}.words"] = vocab.blob
        parts[f"{name}.flat"], parts[f"{name}.ends"] = vocab.items.flat, vocab.items.ends
    for name in _POSTINGS:
        table: Postings = getattr(c, name)
        parts[f"{name}.flat"], parts[f"{name}.ends"] = table.flat, table.ends
    for name in _ROWSETS:
        parts[name] = getattr(c, name).marks
    parts["onorm.films"] = c.onorm.films
    parts["onorm.blob"], parts["onorm.ends"] = c.onorm.texts.blob, c.onorm.texts.ends
    films = sorted(c.origin)
    parts["origin.films"] = array(ROWS, films)
    maps = [c.origin[film] for film in films]
    parts["origin.flat"] = array(ROWS, chain.from_iterable(maps))
    parts["origin.ends"] = offsets(map(len, maps))
    return parts


def from_parts(parts: dict[str, Part]) -> Columns:
    """The columns `to_parts` took apart; DamagedParts when they do not fit together.

    The checks are the cheap ones (kinds, lengths, where offsets end): the file's checksum
    answers for the bytes in between.
    """
    size = len(_array(parts, "ids", IDS))
    order = _array(parts, "order", ROWS)
    if len(order) != size:
        raise DamagedParts("order and ids differ in length")
    made: dict[str, object] = {}
    for name in _TEXTS:
        made[name] = _texts(parts, name)
    for name in _POSTINGS:
        made[name] = _postings(parts, name)
    for name in _VOCABS:
        blob = _str(parts, f"{name}.words")
        vocab = Vocab.packed(blob, _postings(parts, name))
        if len(vocab.words) != len(vocab.items):
            raise DamagedParts(f"{name}: words and postings differ in number")
        made[name] = vocab
    for name in _ROWSETS:
        marks = parts.get(name)
        if type(marks) is not bytes or len(marks) != size:
            raise DamagedParts(f"{name} is not a byte a row")
        made[name] = RowSet(marks)
    titles, norm = made["titles"], made["norm"]
    assert isinstance(titles, Texts) and isinstance(norm, Texts)
    if len(titles) != size or len(norm) != size:
        raise DamagedParts("a title column is not a title a film")
    people = len(made["people_names"])  # type: ignore[arg-type]
    for name in ("director_rows", "cast_rows", "crew_rows"):
        if len(made[name]) != people:  # type: ignore[arg-type]
            raise DamagedParts(f"{name} is not a list a person")
    onorm = Sparse(_array(parts, "onorm.films", ROWS), _texts(parts, "onorm"))
    if len(onorm.films) != len(onorm.texts):
        raise DamagedParts("original titles and their films differ in number")
    maps = _postings(parts, "origin")
    films = _array(parts, "origin.films", ROWS)
    if len(films) != len(maps):
        raise DamagedParts("offset maps and their films differ in number")
    origin = {film: maps[at].tolist() for at, film in enumerate(films)}
    return Columns(
        order=order, ids=parts["ids"], titles=titles, folded=Folded(titles),  # type: ignore[arg-type]
        origin=origin, norm=norm, bare=Bare(norm), onorm=onorm,
        crew_rows=made["crew_rows"],  # type: ignore[arg-type]
        **{name: made[name] for name in (*_VOCABS, *_ROWSETS)},  # type: ignore[arg-type]
        people_names=made["people_names"],  # type: ignore[arg-type]
        director_rows=made["director_rows"], cast_rows=made["cast_rows"],  # type: ignore[arg-type]
        keyword_rows=made["keyword_rows"], role_rows=made["role_rows"],  # type: ignore[arg-type]
    )


def _array(parts: dict[str, Part], name: str, typecode: str) -> array:
    value = parts.get(name)
    if type(value) is not array or value.typecode != typecode:
        raise DamagedParts(f"{name} is missing or not an array of {typecode!r}")
    return value


def _str(parts: dict[str, Part], name: str) -> str:
    value = parts.get(name)
    if type(value) is not str:
        raise DamagedParts(f"{name} is missing or not text")
    return value


def _texts(parts: dict[str, Part], name: str) -> Texts:
    texts = Texts(_str(parts, f"{name}.blob"), _array(parts, f"{name}.ends", ROWS))
    if not texts.ends or texts.ends[0] != 0 or texts.ends[-1] != len(texts.blob):
        raise DamagedParts(f"{name}: offsets do not span the text")
    return texts


def _postings(parts: dict[str, Part], name: str) -> Postings:
    table = Postings(_array(parts, f"{name}.flat", ROWS), _array(parts, f"{name}.ends", ROWS))
    if not table.ends or table.ends[0] != 0 or table.ends[-1] != len(table.flat):
        raise DamagedParts(f"{name}: offsets do not span the postings")
    return table

"""The records search passes around: the public `Match`, and the named steps on the way to it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Match:
    """One film found by a search."""

    id: int
    score: float
    """Higher is better, 0-100; only comparable within one search."""
    field: str
    """Where it matched best: "title", "original_title", "year", "director", "cast", "crew",
    "character", "keyword"."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) character spans of the match in the title as given, for highlighting;
    empty when the match was not in the title."""


@dataclass(frozen=True, slots=True)
class Group:
    """Rows that matched one query word the same way."""

    score: float
    field: str
    rows: frozenset[int]
    needles: tuple[str, ...]  # folded text to highlight in the title
    fuzzy: bool = False


class Way(NamedTuple):
    """One way a query word of several matches (a kind, or a typo-tolerant word)."""

    score: float
    field: str
    needles: tuple[str, ...]
    fuzzy: bool = False


class Kind(NamedTuple):
    """A way a word can match, known before anything is looked up."""

    score: float
    field: str
    find: Callable[[], Any]
    """The vocabulary entries the word matches this way (cheap; empty means no rows)."""
    rows: Callable[[Any], frozenset[int]]
    """Those entries' rows (the costly part)."""
    smallest: Callable[[Any, int], list[int]]
    """The `n` smallest of those rows, ascending, read without making them all."""
    every: Callable[[Any], Collection[int]]
    """Those entries' rows as they are kept (a row may repeat; any order): no set made."""


class Scored(NamedTuple):
    """How well one row (or film) matched, and where."""

    score: float
    field: str


class Ranked(NamedTuple):
    """A run of results alike in score, field and highlights, rows in tie-break order."""

    rows: Sequence[int]
    score: float
    field: str
    needles: Sequence[str]


class Key(NamedTuple):
    """What the rows of a block share."""

    fuzzy: bool
    score: float
    field: str
    needles: tuple[str, ...]


class Block(NamedTuple):
    """Rows that matched every query word the same way."""

    key: Key
    rows: frozenset[int]


class SortedStarts(NamedTuple):
    """Titles (or titles after their article, or original titles) sorted, and their rows."""

    keys: list[str]
    rows: list[int]


class Choices(NamedTuple):
    """Titles for `closest`, shortest first, and how to map them back to films."""

    titles: str
    """The titles, each followed by a newline but the last."""
    places: Sequence[int]
    """The place of each title: row order, then original titles."""
    bands: dict[int, tuple[int, int, int]]
    """Where each length's titles start and end among them, and where they start in `titles`."""

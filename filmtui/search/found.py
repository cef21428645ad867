"""A search's results as the ranking made them: runs of rows, each `Match` made when read."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from filmtui.search.columns import Columns
from filmtui.search.highlight import spans_of
from filmtui.search.packed import ROWS
from filmtui.search.records import Match, Ranked, Spans
from filmtui.sequences import Lazy


class Found(Lazy[Match]):
    """Matches best first, kept as runs alike in score, field and highlights.

    At a million films one letter finds several hundred thousand: as `Match` objects, with a
    dict entry each for the list's highlights and hints, they cost most of a second and over a
    hundred megabytes. Here a film costs its row number (4 bytes), and only what is read is
    made: the ids of the pages shown, the matches of the rows on screen with their highlights.
    """

    __slots__ = ("ids", "_rows", "_ends", "_runs", "_columns", "_phrase")

    def __init__(self, columns: Columns, phrase: str, runs: Iterable[Ranked], limit: int | None = None) -> None:
        rows = array(ROWS)
        ends = array(ROWS)
        alike: list[tuple[float, str, tuple[str, ...]]] = []
        for run in runs:
            take = run.rows if limit is None else run.rows[: limit - len(rows)]
            rows.extend(take)
            ends.append(len(rows))
            alike.append((run.score, run.field, tuple(run.needles)))
            if limit is not None and len(rows) >= limit:
                break
        self._rows = rows
        self.ids: Sequence[int] = _Ids(rows, columns)
        """Film ids, best first (each read when asked for)."""
        self._ends = ends
        self._runs = alike
        self._columns = columns
        self._phrase = phrase

    def __len__(self) -> int:
        return len(self.ids)

    def item(self, at: int) -> Match:
        score, field, needles = self._runs[bisect_right(self._ends, at)]
        spans: Spans = ()
        if field == "title":
            film = self._columns.order[self._rows[at]]
            spans = spans_of(self._columns, [film], self._phrase, needles)[0]
        return Match(self.ids[at], score, field, spans)

    def __iter__(self) -> Iterator[Match]:
        return map(self.__getitem__, range(len(self)))


class _Ids(Sequence[int]):
    """The ids of rows, read through the index's columns as they are asked for."""

    __slots__ = ("_rows", "_order", "_ids")

    def __init__(self, rows: array, columns: Columns) -> None:
        self._rows = rows
        self._order = columns.order
        self._ids = columns.ids

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, at: int) -> int: ...
    @overload
    def __getitem__(self, at: slice) -> list[int]: ...
    def __getitem__(self, at: int | slice) -> int | list[int]:
        if isinstance(at, slice):
            return list(map(self._ids.__getitem__, map(self._order.__getitem__, self._rows[at])))
        return self._ids[self._order[self._rows[at]]]

    def __iter__(self) -> Iterator[int]:
        return map(self._ids.__getitem__, map(self._order.__getitem__, self._rows))

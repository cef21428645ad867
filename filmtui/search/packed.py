"""Compact containers for the index's per-film and per-word data: arrays and joined strings.

A Python int is 28 bytes and a str 49 before its text; a tuple or list adds 8 a pointer. At
100,000 films the index held millions of them (and an unpickled copy did not even share the
ints). Here a list of lists of ints is one array of 4-byte items with the offsets where each
list ends, and a list of strings one string with offsets: a few bytes an item, two objects in
all, and written to disk and read back as raw bytes (see store/search_file.py).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, filterfalse, islice, repeat

from filmtui.search.terms import ARTICLES, fold_name

ROWS = "I"  # row, person and keyword numbers: unsigned 32-bit (4,294,967,295 films is plenty)
IDS = "q"  # film ids as the store has them: signed 64-bit


def offsets(lengths: Iterable[int]) -> array:
    """Where each of consecutive items of `lengths` starts, and the end of the last."""
    return array(ROWS, accumulate(lengths, initial=0))


class Postings:
    """Lists of row numbers, end to end in one array: list `i` is `flat[ends[i]:ends[i + 1]]`."""

    __slots__ = ("flat", "ends")

    def __init__(self, flat: array, ends: array) -> None:
        self.flat = flat
        self.ends = ends

    @classmethod
    def of(cls, lists: Sequence[Sequence[int]]) -> Postings:
        """Postings of `lists`, each sorted: a limited search reads the first rows of a list
        (`smallest`) without sorting it."""
        return cls(array(ROWS, chain.from_iterable(map(sorted, lists))), offsets(map(len, lists)))

    def __len__(self) -> int:
        return len(self.ends) - 1

    def __getitem__(self, at: int) -> array:
        ends = self.ends
        return self.flat[ends[at] : ends[at + 1]]

    def union(self, indices: Iterable[int]) -> frozenset[int]:
        """All rows of the given lists."""
        if isinstance(indices, range) and indices.step == 1:
            # Consecutive lists (the words starting with a prefix) are one slice of the array.
            ends = self.ends
            return frozenset(self.flat[ends[indices.start] : ends[indices.stop]])
        flat, ends = self.flat, self.ends
        return frozenset().union(*[flat[ends[at] : ends[at + 1]] for at in indices])

    def every(self, indices: Iterable[int]) -> array:
        """All rows of the given lists, end to end (a row may repeat): no set of them made."""
        flat, ends = self.flat, self.ends
        rows = array(ROWS)
        if isinstance(indices, range) and indices.step == 1:
            rows.extend(flat[ends[indices.start] : ends[indices.stop]])
            return rows
        for at in indices:
            rows.extend(flat[ends[at] : ends[at + 1]])
        return rows

    def smallest(self, indices: Iterable[int], n: int) -> list[int]:
        """The `n` smallest distinct rows of the given lists, ascending. Each list is sorted
        (see `of`), so only its first rows are read, however long it is."""
        flat, ends = self.flat, self.ends
        found: set[int] = set()
        for at in indices:
            start, end = ends[at], ends[at + 1]
            take = n
            while True:  # a title with a word twice lists its row twice: read on past repeats
                part = flat[start : min(end, start + take)]
                distinct = set(part)
                if len(distinct) >= n or start + take >= end:
                    break
                take *= 2
            found |= distinct
        return sorted(found)[:n]


class Texts:
    """Strings end to end in one string: string `i` is `blob[ends[i]:ends[i + 1]]`."""

    __slots__ = ("blob", "ends")

    def __init__(self, blob: str, ends: array) -> None:
        self.blob = blob
        self.ends = ends

    @classmethod
    def of(cls, texts: Sequence[str]) -> Texts:
        return cls("".join(texts), offsets(map(len, texts)))

    def __len__(self) -> int:
        return len(self.ends) - 1

    def __getitem__(self, at: int) -> str:
        ends = self.ends
        return self.blob[ends[at] : ends[at + 1]]

    def __iter__(self) -> Iterator[str]:
        blob = self.blob
        return map(blob.__getitem__, map(slice, self.ends, self.ends[1:]))


class Bare:
    """Normalised titles without a leading article ("godfather" for "the godfather"), made
    from the normalised titles on demand rather than kept a second time."""

    __slots__ = ("_norm",)

    def __init__(self, norm: Texts) -> None:
        self._norm = norm

    def __getitem__(self, at: int) -> str:
        return bare(self._norm[at])


def bare(title: str) -> str:
    """A normalised title without its leading article."""
    head, space, rest = title.partition(" ")
    return rest if space and head in ARTICLES else title


class Sparse:
    """Texts for some films only (original titles): film -> text, films kept sorted."""

    __slots__ = ("films", "texts")

    def __init__(self, films: array, texts: Texts) -> None:
        self.films = films
        self.texts = texts

    def __getitem__(self, film: int) -> str:
        at = bisect_left(self.films, film)
        if at == len(self.films) or self.films[at] != film:
            raise KeyError(film)
        return self.texts[at]

    def __iter__(self) -> Iterator[int]:
        return iter(self.films)

    def __len__(self) -> int:
        return len(self.films)

    def values(self) -> Iterator[str]:
        return iter(self.texts)


def mark(marks: bytearray, rows: Iterable[int], value: int = 1) -> None:
    """Set the byte of each of `rows` in `marks` (a byte a row) to `value`, in C: at a million
    films a loop in Python over a short word's rows would cost more than the search."""
    deque(map(marks.__setitem__, rows, repeat(value)), maxlen=0)


class RowSet:
    """A set of rows as one byte a row: 1 in it, 0 not."""

    __slots__ = ("marks",)

    def __init__(self, marks: bytes) -> None:
        self.marks = marks

    @classmethod
    def of(cls, rows: Iterable[int], size: int) -> RowSet:
        marks = bytearray(size)
        mark(marks, rows)
        return cls(bytes(marks))

    def intersection(self, rows: Iterable[int]) -> frozenset[int]:
        rows = list(rows)
        return frozenset(compress(rows, map(self.marks.__getitem__, rows)))

    def within(self, rows: Iterable[int]) -> list[int]:
        """Those of `rows` in the set, in their order."""
        rows = list(rows)
        return list(compress(rows, map(self.marks.__getitem__, rows)))

    def smallest(self, rows: Sequence[int], n: int) -> list[int]:
        """The first `n` of `rows` (sorted) in the set: read only as far as those are found."""
        return list(islice(compress(rows, map(self.marks.__getitem__, rows)), n))

    def __contains__(self, row: int) -> bool:
        return bool(self.marks[row])


class Many(RowSet):
    """Many of a collection's rows, as a byte a row (1: among them) and their number: at a
    million films a byte a row is 1 MB, a frozenset of 300,000 rows (and their ints) 20 MB."""

    __slots__ = ("count",)

    def __init__(self, rows: Iterable[int], size: int) -> None:
        marks = bytearray(size)
        mark(marks, rows)
        super().__init__(bytes(marks))
        self.count = self.marks.count(1)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[int]:
        return compress(range(len(self.marks)), self.marks)

    def __contains__(self, row: object) -> bool:
        return type(row) is int and 0 <= row < len(self.marks) and bool(self.marks[row])

    def outside(self, rows: Iterable[int]) -> frozenset[int]:
        """Those of `rows` that are not among these."""
        return frozenset(filterfalse(self.marks.__getitem__, rows))


def rows_of(rows: Collection[int], size: int) -> frozenset[int] | Many:
    """`rows` (of `size` in all; a row may repeat) as a set when few, else as `Many`."""
    return frozenset(rows) if len(rows) * MANY < size else Many(rows, size)


MANY = 32  # more than 1/MANY of all rows are kept as `Many`: the smaller then


def meet(sets: Sequence[frozenset[int] | Many]) -> frozenset[int]:
    """The rows in all of `sets`: from the smallest set among them, or from the marks of all
    when all are `Many`."""
    few = [rows for rows in sets if not isinstance(rows, Many)]
    if not few:
        return frozenset(marked_in_all([rows.marks for rows in sets if isinstance(rows, Many)]))
    found = min(few, key=len)
    for other in sets:
        if not found:
            break
        if other is not found:
            found = other.intersection(found) if isinstance(other, Many) else found & other
    return found


def marked_in_all(marks: Sequence[bytes]) -> list[int]:
    """The rows (ascending) that every one of `marks` (a byte a row each) has a non-zero byte
    for: ANDed as big ints, in C, a few milliseconds at a million rows."""
    size = len(marks[0])
    both = -1
    for each in marks:
        both &= int.from_bytes(each.translate(_ONE), "little")
    every = both.to_bytes(size, "little")
    if every.count(1) * 16 < size:  # few: found by searching the bytes, not a row at a time
        return [found.start() for found in _MARKED.finditer(every)]
    return list(compress(range(size), every))


_ONE = bytes([0] + [1] * 255)  # a byte's value to 0 or 1 (bytes.translate)
_MARKED = re.compile(b"\x01")


def without(rows: frozenset[int], other: frozenset[int] | Many) -> frozenset[int]:
    """`rows` not in `other`."""
    return other.outside(rows) if isinstance(other, Many) else rows - other


class Folded:
    """Titles folded for matching (`terms.fold_name`), made on demand from the titles as given:
    character by character, so offsets map back through the index's `origin`."""

    __slots__ = ("_titles",)

    def __init__(self, titles: Texts) -> None:
        self._titles = titles

    def __getitem__(self, at: int) -> str:
        return fold_name(self._titles[at])

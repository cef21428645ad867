"""Sorted vocabularies of one field's distinct words, and the bulk steps that build postings.

Bulk steps run in C (`map`, `compress`, set operations) because a Python-level loop over
100,000 films costs 20-30 ms by itself.
"""

from __future__ import annotations

import gc
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, repeat
from typing import Any

from filmtui.search.packed import Postings, offsets
from filmtui.search.terms import fold_name, words

TOP = "\U0010ffff"  # sorts after any word, so [w, w + TOP) is "starts with w"


class Vocab:
    """Sorted distinct words of one field, each with the items (rows, people, keywords) it is in."""

    __slots__ = ("words", "items", "_blob", "_starts")

    def __init__(self, postings: dict[str, list[int]]) -> None:
        words = sorted(postings)
        self._setup("\n".join(words), Postings.of([postings[w] for w in words]))

    @classmethod
    def packed(cls, blob: str, items: Postings) -> Vocab:
        """A vocabulary from its words joined by newlines and their items (as saved)."""
        vocab = cls.__new__(cls)
        vocab._setup(blob, items)
        return vocab

    def _setup(self, blob: str, items: Postings) -> None:
        # All words in one string so str.find (C speed) can look inside them; _starts maps back.
        self._blob = blob
        # The words again, as fresh strings made one after another, so they lie together in
        # memory in sorted order: typo matching compares them all, and fetching words scattered
        # among the index's other objects from memory was most of its time.
        self.words = blob.split("\n") if blob or len(items) else []
        self.items = items
        self._starts = offsets(map((1).__add__, map(len, self.words)))
        self._starts.pop()  # the end of the last word: only starts are looked up

    @property
    def blob(self) -> str:
        """The words joined by newlines, as saved."""
        return self._blob

    def exactly(self, word: str) -> Sequence[int]:
        """The items of `word` itself."""
        at = bisect_left(self.words, word)
        return self.items[at] if at < len(self.words) and self.words[at] == word else ()

    def starting(self, needle: str) -> range:
        """Indices of the words that start with `needle`."""
        lo = bisect_left(self.words, needle)
        return range(lo, bisect_left(self.words, needle + TOP, lo))

    def inside(self, needle: str) -> list[int]:
        """Indices of the words that contain `needle` but do not start with it."""
        found: list[int] = []
        blob, starts = self._blob, self._starts
        at = blob.find(needle)
        while at >= 0:
            word = bisect_right(starts, at) - 1
            if starts[word] != at:
                found.append(word)
            if word + 1 >= len(starts):
                break
            at = blob.find(needle, starts[word + 1])
        return found

    def union(self, indices: Iterable[int]) -> frozenset[int]:
        """All items of the given words."""
        return self.items.union(indices)

    def every(self, indices: Iterable[int]) -> array:
        """All items of the given words, end to end (an item may repeat)."""
        return self.items.every(indices)

    def smallest(self, indices: Iterable[int], n: int) -> list[int]:
        """The `n` smallest items of the given words, ascending."""
        return self.items.smallest(indices, n)


def group(keys: Iterable[Hashable], rows: Iterable[int]) -> dict[Any, list[int]]:
    """Key -> the rows paired with it, in order."""
    groups: defaultdict[Any, list[int]] = defaultdict(list)
    # map() runs the lookups and appends in C: a Python loop here would be most of the build.
    deque(map(list.append, map(groups.__getitem__, keys), rows), maxlen=0)
    return groups


def postings(keys_per_row: Sequence[Sequence[str]], rows: Sequence[int]) -> dict[str, list[int]]:
    """Key -> rows it occurs in (a row may repeat), given the keys of each of `rows`."""
    keys = chain.from_iterable(keys_per_row)
    return group(keys, chain.from_iterable(map(repeat, rows, map(len, keys_per_row))))


def words_of(names: Sequence[str]) -> dict[str, list[int]]:
    """Folded word -> indices of the names containing it."""
    return postings([words(fold_name(name)) for name in names], range(len(names)))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while allocating many objects that cannot form cycles.

    It runs every 700 new objects and, every hundred runs or so, rescans every live object (the
    whole catalogue), finding nothing to free here: about a third of the build time, and most
    of the cost of a 20,000-film result list. Paused, a bulk step costs it one young-generation
    pass afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

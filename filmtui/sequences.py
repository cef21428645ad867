"""Sequences whose items are made when read: the list's rows, a search's matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class Lazy(Sequence[T]):
    """A sequence that makes item `at` only when it is read: subclasses give `__len__` and
    `item`. Indexing and slicing behave as a list's (a slice is a list)."""

    __slots__ = ()

    def item(self, at: int) -> T:
        """Item `at`, 0 <= at < len(self)."""
        raise NotImplementedError

    @overload
    def __getitem__(self, at: int) -> T: ...
    @overload
    def __getitem__(self, at: slice) -> list[T]: ...
    def __getitem__(self, at: int | slice) -> T | list[T]:
        if isinstance(at, slice):
            return [self.item(i) for i in range(*at.indices(len(self)))]
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self):
            raise IndexError(at)
        return self.item(at)

"""Where a query is in a title as given, for highlighting: spans mapped back through folding."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from filmtui.search.columns import Columns
from filmtui.search.records import Spans
from filmtui.search.terms import FOLD


def spans_of(
    columns: Columns, films: list[int], phrase: str, needles: Sequence[str]
) -> list[Spans]:
    """`spans` for many films, with a fast way for the common case: one word, plain title."""
    if needles != (phrase,):
        return [spans(columns, f, phrase, needles) for f in films]
    origin, size = columns.origin, len(phrase)
    # The titles' text and offsets at hand, folded inline (as `terms.fold_name`): per film this
    # loop is the cost of a screenful, and each call it saves is a tenth of a microsecond.
    blob, ends = columns.titles.blob, columns.titles.ends
    found: list[Spans] = []
    for film in films:
        text = blob[ends[film] : ends[film + 1]]
        text = text.lower() if text.isascii() else text.translate(FOLD)
        at = text.find(phrase)
        if at > 0 and text[at - 1].isalnum():
            at = _find_word(text, phrase)
        if at < 0 or film in origin:
            found.append(spans(columns, film, phrase, needles))
        else:
            found.append(((at, at + size),))
    return found


def spans(columns: Columns, film: int, phrase: str, needles: Iterable[str]) -> Spans:
    """Where the query is in the title as given: all of it if it is there, else each word."""
    folded = columns.folded[film]
    found: list[tuple[int, int]] = []
    at = _find_word(folded, phrase)
    if at >= 0:
        found.append((at, at + len(phrase)))
    else:
        for needle in needles:
            at = _find_word(folded, needle)
            if at >= 0:
                found.append((at, at + len(needle)))
    origin = columns.origin.get(film)
    if origin is not None:
        found = [_to_original(origin, len(columns.titles[film]), a, b) for a, b in found]
    if len(found) < 2:
        return tuple(found)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _to_original(origin: list[int], length: int, start: int, end: int) -> tuple[int, int]:
    """A folded span mapped back to the title as given, whole original characters included."""
    stop = origin[end] if end < len(origin) else length
    return origin[start], max(stop, origin[end - 1] + 1)


def _find_word(text: str, needle: str) -> int:
    """Where `needle` occurs in `text`, preferring a word start; -1 when absent."""
    first = at = text.find(needle)
    while at > 0 and text[at - 1].isalnum():
        at = text.find(needle, at + 1)
    return at if at >= 0 else first

"""Typo-tolerant matching: vocabulary words close to a mistyped one, and titles like the query.

Only distinct words are compared (tens of thousands, not every film), so this stays cheap.
Typo-tolerant matches score below every exact one: `FEW` exact results and they are not sought.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import sub
from typing import TypeVar

from rapidfuzz import fuzz, process

from filmtui.search.columns import Columns
from filmtui.search.packed import ROWS, Texts
from filmtui.search.records import Choices, Group, Match, Scored

FEW = 5  # fewer exact results than this and typo-tolerant ones are added
MIN_FUZZY = 4  # one typo in a 3-letter word leaves too little to go on
_CLOSE_TITLE = 85.0  # whole-title likeness for "no country for old man": one typo in a long title
_CLOSE_MIN = 8  # characters of query below which whole-title likeness is noise
# fuzz.ratio of "godfahter"/"godfather" is 89, "pachino"/"pacino" 92, "seven"/"se7en" 80.
_FUZZY_CUTOFF = 75.0
_FUZZY_WORDS = 8  # closest vocabulary words tried per field for a mistyped word
_STEP = 20_000  # titles a step when sorting them for likeness (see _choices)
T = TypeVar("T")


def fuzzy_groups(columns: Columns, word: str) -> list[Group]:
    """Rows of the vocabulary words closest to a mistyped `word`, best first."""
    c = columns
    # Per vocabulary: its weight, and the fields its words' items give rows in (None: the
    # items are rows), each a point below the one before.
    sources = (
        (c.title, 30, (("title", None),)),
        (c.original, 28, (("original_title", None),)),
        (c.people, 22, (("director", c.director_rows), ("cast", c.cast_rows),
                        ("crew", c.crew_rows))),
        (c.roles, 16, (("character", c.role_rows),)),
        (c.keywords, 12, (("keyword", c.keyword_rows),)),
    )
    groups: list[Group] = []
    for vocab, weight, fields in sources:
        close = process.extract(
            word, vocab.words, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=_FUZZY_WORDS
        )
        for text, similarity, at in close:
            if word in text:
                continue  # an exact match already
            items = vocab.union((at,))
            score = weight * similarity / 100.0
            for offset, (field, table) in enumerate(fields):
                rows = items if table is None else table.union(items)
                if not rows:
                    continue  # a name with no credit of this kind (no crew job): nothing to add
                groups.append(Group(score - offset, field, rows, (text,), fuzzy=True))
    groups.sort(key=lambda g: -g.score)
    return groups


class TitleLikeness:
    """Whole titles most like a query, by edit similarity; prepared on first use."""

    __slots__ = ("_columns", "_choices", "_lock")

    def __init__(self, columns: Columns) -> None:
        self._columns = columns
        self._choices: Choices | None = None
        self._lock = threading.Lock()

    @property
    def prepared(self) -> bool:
        """True once the titles are sorted for comparing."""
        return self._choices is not None

    def prepare(self) -> None:
        """Sort the titles for comparing (the first call's cost, otherwise). Once: searches
        superseded by newer keys keep running in their threads, and each did it again."""
        if self._choices is None:
            with self._lock:
                if self._choices is None:
                    self._choices = _choices(self._columns)

    def likeliest(self, wanted: str, limit: int, cutoff: float = 0.0) -> list[tuple[int, float]]:
        """The `limit` films whose (normalised) title is most like `wanted`, with the likeness
        (0-100), best first; none below `cutoff`."""
        self.prepare()
        assert self._choices is not None
        blob, places, bands = self._choices
        # Plain edit similarity of whole titles: WRatio's partial matching prefers short titles
        # that merely occur in the query ("god" for "godfahter"), and is six times slower.
        # It is 100 * (1 - edits / total length), and a title of another length needs at least
        # the difference in edits: so titles are compared length by length, likeliest first,
        # until no title of the lengths left can reach the worst of the best found so far.
        # The same titles as comparing them all; ties go to the earlier title, as there.
        size, wanted_len = 2 * limit, len(wanted)
        ceilings = sorted(
            ((200.0 * min(length, wanted_len) / (length + wanted_len), length) for length in bands),
            reverse=True,
        )
        best: list[tuple[float, int]] = []  # (-score, place), best first
        for ceiling, length in ceilings:
            floor = -best[-1][0] if len(best) >= size else cutoff
            if ceiling + 1e-6 < floor:
                break
            start, end, offset = bands[length]
            # The band's titles as strings only while they are compared (see _choices).
            band = blob[offset : offset + (end - start) * (length + 1) - 1].split("\n")
            found = process.extract(
                wanted, band, scorer=fuzz.ratio, limit=size, score_cutoff=max(floor - 1e-6, 0.0),
            )
            del band
            if found:
                best += [(-score, places[start + at]) for _, score, at in found]
                best.sort()
                del best[size:]
        order, originals = self._columns.order, self._columns.onorm.films
        rows = len(order)
        films = [order[at] if at < rows else originals[at - rows] for _, at in best]
        chosen: dict[int, float] = {}
        for (score, _), film in zip(best, films):
            chosen.setdefault(film, -score)
        return list(chosen.items())[:limit]

    def close_titles(self, words: list[str], found: Sequence[Match]) -> dict[int, Scored]:
        """Films whose whole title is nearly the query ("no country for old man"), when the
        query found too few: scored as typo matches, below every exact one."""
        wanted = " ".join(words)
        if len(wanted) < _CLOSE_MIN:
            return {}
        have = {m.id for m in found}
        ids = self._columns.ids
        close = {}
        for film, likeness in self.likeliest(wanted, FEW, cutoff=_CLOSE_TITLE):
            if ids[film] not in have:
                close[ids[film]] = Scored(30.0 * likeness / 100.0, "title")
        return close


def _choices(columns: Columns) -> Choices:
    """Titles for `closest`, shortest first, as one string (each followed by a newline but the
    last); the place of each in row order (so equal likeness goes to the more popular film;
    original titles after all titles: place `rows + i` is the film's `onorm` entry `i`); and
    where each length's titles start and end among them, and in the string.

    One string, not a string a title: at a million films the strings were some 80 MB kept
    (and more while made); a length's titles are split out for each comparison instead.
    Made in steps of _STEP titles, each a few calls in C: at a million films, whole-list calls
    held the interpreter for up to half a second each, and no key typed meanwhile was echoed.
    """
    order, norm, onorm = columns.order, columns.norm, columns.onorm
    rows = len(order)
    # Each place's title length, from the offsets: no title made yet.
    by_film = array(ROWS, map(sub, norm.ends[1:], norm.ends[:-1]))
    lengths = array(ROWS)
    for part in _steps(order):
        lengths.extend(map(by_film.__getitem__, part))
    del by_film
    lengths.extend(map(sub, onorm.texts.ends[1:], onorm.texts.ends[:-1]))
    # Places grouped by length, in row order within one (4 bytes a place, not an int object).
    by_length: defaultdict[int, array] = defaultdict(lambda: array(ROWS))
    for start, part in enumerate(_steps(lengths)):
        first = start * _STEP
        deque(map(array.append, map(by_length.__getitem__, part), range(first, first + len(part))), maxlen=0)
    del lengths
    at = array(ROWS)
    bands: dict[int, tuple[int, int, int]] = {}
    pieces: list[str] = []
    offset = 0
    for length in sorted(by_length):
        places = by_length.pop(length)
        bands[length] = (len(at), len(at) + len(places), offset)
        offset += len(places) * (length + 1)
        at.extend(places)
        split = bisect_left(places, rows)  # titles, then original titles
        for part in _steps(places[:split]):
            pieces.append("\n".join(_texts(norm, list(map(order.__getitem__, part)))))
        for part in _steps(places[split:]):
            pieces.append("\n".join(_texts(onorm.texts, [place - rows for place in part])))
    return Choices("\n".join(pieces), at, bands)


def _texts(texts: Texts, items: list[int]) -> Iterator[str]:
    """Texts `items` of `texts`, sliced in C rather than a Python call each."""
    blob, ends = texts.blob, texts.ends
    starts = map(ends.__getitem__, items)
    stops = map(ends.__getitem__, map((1).__add__, items))
    return map(blob.__getitem__, map(slice, starts, stops))


def _steps(items: Iterable[T]) -> Iterator[list[T]]:
    """`items` a step at a time."""
    it = iter(items)
    while part := list(islice(it, _STEP)):
        yield part

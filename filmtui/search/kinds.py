"""How one query word can match, best first, with its score: the ranking's table of kinds.

Best first: the whole title > its start (a leading article aside) > a word of it > inside a word
> a director, then an actor, then key crew, then a character (a word's start, then inside) > a
keyword > the year. Scores are known before anything is looked up, so a limited search can
leave the kinds that cannot reach its first screenful unlooked-at. Recent words' lookups are
kept for the next keystrokes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from functools import partial
from typing import Any, Protocol

from filmtui.search.columns import Columns
from filmtui.search.packed import Many, RowSet, rows_of
from filmtui.search.records import Group, Kind, Scored, Way
from filmtui.search.typos import fuzzy_groups


class Source(Protocol):
    """Where a kind's rows come from: the rows of some entries, as a set, the first few, or
    listed as they are kept."""

    def union(self, entries: Any, /) -> frozenset[int]: ...
    def smallest(self, entries: Any, n: int, /) -> list[int]: ...
    def every(self, entries: Any, /) -> Collection[int]: ...


_MIN_INFIX = 3  # "he" inside "the" would match a third of all titles: noise, and slow
_MIN_OTHER = 2  # a one-letter query matches titles only: every actor called H... helps no one
_MEMO = 8  # query words whose matches are kept for the next keystrokes ("heat p" -> "heat pa")

# A query as the whole title, the title after its article, the original title, or their start:
# for one word these are kinds, for several `ranking.title_scores`.
WHOLE = Scored(100.0, "title")
BARE = Scored(99.0, "title")
ORIGINAL = Scored(98.0, "original_title")
START = Scored(90.0, "title")
ORIGINAL_START = Scored(88.0, "original_title")


def exact_kinds(columns: Columns, word: str, *, whole: bool) -> list[Kind]:
    """How `word` can match, best first: score, field, a function finding the vocabulary
    entries it matches (cheap: none means no rows) and one turning those into rows.

    `whole` when the word is the entire query, so it can be the whole title or its start.
    """
    # Scripts written without spaces (CJK) make a title one long "word": look inside at once.
    inside = len(word) >= _MIN_INFIX or not word.isascii()
    c = columns
    title, original = c.title, c.original
    kinds: list[Kind] = []
    if whole:
        first, after, ofirst = c.first, c.after, c.ofirst
        kinds += [
            _rowset(*WHOLE, lambda: first.exactly(word), c.one_word),
            _rowset(*BARE, lambda: after.exactly(word), c.article_one),
            _rowset(*ORIGINAL, lambda: ofirst.exactly(word), c.oone_word),
            Kind(
                *START, lambda: (first.starting(word), after.starting(word)),
                lambda hits: first.union(hits[0]) | after.union(hits[1]),
                lambda hits, n: sorted({*first.smallest(hits[0], n), *after.smallest(hits[1], n)})[:n],
                lambda hits: first.every(hits[0]) + after.every(hits[1]),
            ),
            _kind(*ORIGINAL_START, lambda: ofirst.starting(word), ofirst),
        ]
    kinds.append(_kind(80.0, "title", lambda: title.starting(word), title))
    kinds.append(_kind(78.0, "original_title", lambda: original.starting(word), original))
    if inside:
        kinds.append(_kind(70.0, "title", lambda: title.inside(word), title))
        kinds.append(_kind(68.0, "original_title", lambda: original.inside(word), original))
    if whole and len(word) < _MIN_OTHER:
        return kinds
    people, directors, cast, crew = c.people, c.director_rows, c.cast_rows, c.crew_rows
    roles = c.roles
    names = [(62.0, people.starting, True)] + ([(52.0, people.inside, False)] if inside else [])
    for score, where, starts in names:
        who = _once(lambda where=where: people.union(where(word)))  # type: ignore[misc]
        kinds.append(_kind(score, "director", who, directors))
        kinds.append(_kind(score - 2.0, "cast", who, cast))
        # Crew and characters below every director and actor (a person's own credit is meant
        # first), by a word's start only: inside their names they were noise, and each kind
        # more is more combinations for a several-word query to try.
        if starts:
            if crew.flat:  # no crew known (older rows): not a kind, so no combination to try
                kinds.append(_kind(58.0, "crew", who, crew))
            role = _once(lambda: roles.union(roles.starting(word)))
            kinds.append(_kind(56.0, "character", role, c.role_rows))
    kws, years, keywords = c.keywords, c.years, c.keyword_rows
    kinds.append(_kind(44.0, "keyword", lambda: kws.union(kws.starting(word)), keywords))
    if inside:
        kinds.append(_kind(42.0, "keyword", lambda: kws.union(kws.inside(word)), keywords))
    kinds.append(_kind(40.0, "year", lambda: years.starting(word), years))
    return kinds


def exact_groups(columns: Columns, word: str) -> Iterator[Group]:
    """The rows `word`, the entire query, matches, kind by kind, best first (a row may
    recur); lazily."""
    needles = (word,)
    for score, field, find, rows, *_ in exact_kinds(columns, word, whole=True):
        hits = find()
        yield Group(score, field, rows(hits) if hits else frozenset(), needles)


class Word:
    """One query word's match kinds as a word of several, looked up as far as asked; memoised.

    Safe to share between threads (a keystroke's limited search runs while a worker finishes
    the last full one): each lookup is stored with one atomic `dict.setdefault`, so two threads
    computing the same kind at once both get the same, first stored, value.
    """

    __slots__ = ("kinds", "scores", "needles", "size", "_hits", "_rows", "fuzzy", "marked")

    def __init__(self, word: str, kinds: list[Kind], size: int) -> None:
        self.kinds = kinds
        self.size = size  # rows in the index
        self.scores = [kind.score for kind in kinds]
        self.needles = (word,)
        self._hits: dict[int, Any] = {}
        self._rows: dict[int, frozenset[int] | Many] = {}
        self.fuzzy: list[Group] | None = None  # typo-tolerant groups, once wanted
        self.marked: dict[bool, Any] = {}  # the ranking's marks of its rows, without and with typos

    def maybe(self, at: int) -> bool:
        """False when kind `at` surely has no rows (found without looking the rows up)."""
        rows = self._rows.get(at)
        return bool(rows) if rows is not None else bool(self._hits_of(at))

    def rows(self, at: int) -> frozenset[int] | Many:
        """The rows of kind `at` (kept for the next keystrokes): a set, or a byte a row when
        they are many (a short word's kinds are most of the collection each)."""
        rows = self._rows.get(at)
        if rows is None:
            hits = self._hits_of(at)
            made = rows_of(self.kinds[at].every(hits), self.size) if hits else frozenset()
            rows = self._rows.setdefault(at, made)
        return rows

    def _hits_of(self, at: int) -> Any:
        hits = self._hits.get(at)
        if hits is None:
            hits = self._hits.setdefault(at, self.kinds[at].find())
        return hits

    def listed(self, at: int) -> Collection[int]:
        """The rows of kind `at` as kept: the set made before, or read from the index (an
        array: a row may repeat) and not kept. A short word's kinds are most of the
        collection each: as sets of ints they were some 90 MB at a million films."""
        rows = self._rows.get(at)
        if rows is not None:
            return rows
        hits = self._hits_of(at)
        return self.kinds[at].every(hits) if hits else ()


class Words:
    """The last few query words' `Word`s, for the next keystrokes ("heat p" -> "heat pa")."""

    __slots__ = ("_columns", "_memo")

    def __init__(self, columns: Columns) -> None:
        self._columns = columns
        self._memo: dict[str, Word] = {}

    def __getitem__(self, word: str) -> Word:
        """`word`'s entry, made (and the oldest one dropped) when it is new."""
        entry = self._memo.get(word)
        if entry is None:
            entry = Word(word, exact_kinds(self._columns, word, whole=False), len(self._columns.order))
            memo = self._memo
            while len(memo) >= _MEMO:
                try:  # another thread's search may drop the same entry at the same time
                    memo.pop(next(iter(memo)), None)
                except RuntimeError:
                    continue
            entry = memo.setdefault(word, entry)
        return entry

    def keep(self, words: list[str]) -> None:
        """Forget the words not in this query. A short word's rows are most of the collection
        ("night c": every film with a person, keyword or title word in c), and eight such
        entries kept for nothing were tens of megabytes at 100,000 films."""
        memo = self._memo
        for word in list(memo):  # a snapshot: another thread's search may add one meanwhile
            if word not in words:
                memo.pop(word, None)

    def ways(self, word: str, *, fuzzy: bool) -> tuple[list[Way], list[Callable[[], Collection[int]]]]:
        """How `word` matches as one word of several, best first, and for each way a function
        reading its rows (a row may recur); typo-tolerant ways too if `fuzzy`."""
        entry = self[word]
        needles = entry.needles
        ways = [Way(kind.score, kind.field, needles) for kind in entry.kinds]
        rows: list[Callable[[], Collection[int]]] = [partial(entry.listed, at) for at in range(len(ways))]
        if fuzzy:
            if entry.fuzzy is None:
                entry.fuzzy = fuzzy_groups(self._columns, word)
            for group in entry.fuzzy:
                ways.append(Way(group.score, group.field, group.needles, fuzzy=True))
                rows.append(partial(_same, group.rows))
        return ways, rows


def _same(rows: frozenset[int]) -> frozenset[int]:
    return rows


def _kind(score: float, field: str, find: Callable[[], Any], source: Source) -> Kind:
    """A kind whose entries' rows come from `source` (a vocabulary, postings, a row set)."""
    return Kind(score, field, find, source.union, source.smallest, source.every)


def _rowset(score: float, field: str, find: Callable[[], Any], marks: RowSet) -> Kind:
    """A kind whose rows are the rows found that are in `marks`."""
    return Kind(score, field, find, marks.intersection, marks.smallest, marks.within)


def _once(make: Callable[[], Any]) -> Callable[[], Any]:
    """`make`, called on first use only."""
    done: list[Any] = []

    def once() -> Any:
        if not done:
            done.append(make())
        return done[0]

    return once

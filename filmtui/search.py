"""Finding films as the user types: an in-memory index over titles, people, keywords and years.

Domain layer: plain data in, plain data out; no UI, storage or network imports here.

Per field the index keeps a sorted vocabulary of distinct folded words, each with the films (or
people, or keywords) it occurs in. A query word then costs a binary search for word starts, one
`str.find` pass over the vocabulary for matches inside words, and set unions: the work grows
with the number of matches, not the number of films. Bulk steps run in C (`map`, `compress`,
set operations) because a Python-level loop over 100,000 films costs 20-30 ms by itself.
A limited search (the first screenful) takes its score levels best first and stops at the
limit, leaving the kinds of match below it (often people and keywords, the big ones) unbuilt.

Ranking, best first: the whole title > its start (a leading article aside) > a word of it > inside
a word > a director, then an actor (a word's start, then inside) > a keyword > the year; each
word of several must match somewhere, and a film scores the mean of its words. Equal scores go
by catalogue films first, then popularity, then title. Typo-tolerant matches come after all exact ones.
"""

from __future__ import annotations

import gc
import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, compress, groupby, repeat
from operator import attrgetter, itemgetter
from typing import Any

from rapidfuzz import fuzz, process

from filmtui.models import FilmSummary
from filmtui.text import fold

__all__ = ["Match", "SearchIndex"]

_WORD = re.compile(r"\w+")
_INITIALISM = re.compile(r"\b(?:\w\.){2,}")  # "l.a.", "s.w.a.t.": read as one word, "la", "swat"
# Sequel numbers typed either way ("godfather 2" is "Part II"). Not "i", "v" or "x": "I, Tonya",
# "V for Vendetta" and "Malcolm X" are words, not numbers.
_NUMERALS = (
    ("ii", "2"), ("iii", "3"), ("iv", "4"), ("vi", "6"), ("vii", "7"), ("viii", "8"), ("ix", "9"),
    ("xi", "11"), ("xii", "12"), ("xiii", "13"), ("xiv", "14"), ("xv", "15"), ("xvi", "16"),
)  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an"})
_TOP = "\U0010ffff"  # sorts after any word, so [w, w + _TOP) is "starts with w"
_MIN_INFIX = 3  # "he" inside "the" would match a third of all titles: noise, and slow
_MIN_OTHER = 2  # a one-letter query matches titles only: every actor called H... helps no one
_MIN_FUZZY = 4  # one typo in a 3-letter word leaves too little to go on
_FEW = 5  # fewer exact results than this and typo-tolerant ones are added
_CLOSE_TITLE = 85.0  # whole-title likeness for "no country for old man": one typo in a long title
_CLOSE_MIN = 8  # characters of query below which whole-title likeness is noise
_PEOPLE_SCAN = 2000  # people sharing a query's exact name words checked for the whole name
# A query that is one person's name beats its words found in different people ("al pacino" is
# Al Pacino, not a film by Al Hee-ae and Val Pacino): the whole name, then its start, above
# any word-by-word person match (62) and below every title match (68).
_PERSON_WHOLE = 66.0
_PERSON_START = 64.5
# fuzz.ratio of "godfahter"/"godfather" is 89, "pachino"/"pacino" 92, "seven"/"se7en" 80.
_FUZZY_CUTOFF = 75.0
_FUZZY_WORDS = 8  # closest vocabulary words tried per field for a mistyped word
_MEMO = 8  # query words whose matches are kept for the next keystrokes ("heat p" -> "heat pa")
# Combinations of match kinds a limited several-word search looks at one by one before it ranks
# everything at once instead: past this the results are sparse and the one-pass way is cheaper.
_COMBOS = 48
_SCAN = 2000  # titles starting with a query's first word checked one by one; more, and looked up


@dataclass(frozen=True, slots=True)
class Match:
    """One film found by a search."""

    id: int
    score: float
    """Higher is better, 0-100; only comparable within one search."""
    field: str
    """Where it matched best: "title", "original_title", "year", "director", "cast", "keyword"."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) character spans of the match in the title as given, for highlighting;
    empty when the match was not in the title."""


@dataclass(frozen=True, slots=True)
class _Group:
    """Rows that matched one query word the same way."""

    score: float
    field: str
    rows: frozenset[int]
    needles: tuple[str, ...]  # folded text to highlight in the title
    fuzzy: bool = False


_Spans = tuple[tuple[int, int], ...]
_Ranked = tuple[list[int], float, str, Sequence[str]]  # rows in order, their score, field, needles
_Key = tuple[bool, float, str, tuple[str, ...]]  # fuzzy?, score, field, needles
_Block = tuple[bool, float, str, tuple[str, ...], frozenset[int]]  # the same, and the rows
# A way a word matches: score, field, vocabulary entries it matches, and their rows from those.
_Kind = tuple[float, str, Callable[[], Any], Callable[[Any], frozenset[int]]]
_Starts = tuple[list[str], list[int]]  # sorted titles, and their rows
_Choices = tuple[list[str], list[int], list[int], dict[int, tuple[int, int]]]
_score = attrgetter("score")


class _Vocab:
    """Sorted distinct words of one field, each with the items (rows, people, keywords) it is in."""

    __slots__ = ("words", "items", "_blob", "_starts")

    def __init__(self, postings: dict[str, list[int]]) -> None:
        words = sorted(postings)
        # Tuples of ints drop out of the cyclic collector's view; lists would be rescanned forever.
        self.items = [tuple(postings[w]) for w in words]
        # All words in one string so str.find (C speed) can look inside them; _starts maps back.
        self._blob = "\n".join(words)
        # The words again, as fresh strings made one after another, so they lie together in
        # memory in sorted order: typo matching compares them all, and fetching words scattered
        # among the index's other objects from memory was most of its time.
        self.words = self._blob.split("\n") if words else []
        self._starts = [0] * len(self.words)
        pos = 0
        for i, word in enumerate(self.words):
            self._starts[i] = pos
            pos += len(word) + 1

    def exactly(self, word: str) -> tuple[int, ...]:
        """The items of `word` itself."""
        at = bisect_left(self.words, word)
        return self.items[at] if at < len(self.words) and self.words[at] == word else ()

    def starting(self, needle: str) -> range:
        """Indices of the words that start with `needle`."""
        lo = bisect_left(self.words, needle)
        return range(lo, bisect_left(self.words, needle + _TOP, lo))

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
        return frozenset().union(*map(self.items.__getitem__, indices))


class _Word:
    """One query word's match kinds as a word of several, looked up as far as asked; memoised.

    Safe to share between threads (a keystroke's limited search runs while a worker finishes
    the last full one): each lookup is stored with one atomic `dict.setdefault`, so two threads
    computing the same kind at once both get the same, first stored, value.
    """

    __slots__ = ("kinds", "scores", "needles", "_hits", "_rows", "_complete", "fuzzy")

    def __init__(self, word: str, kinds: list[_Kind]) -> None:
        self.kinds = kinds
        self.scores = [kind[0] for kind in kinds]
        self.needles = (word,)
        self._hits: dict[int, Any] = {}
        self._rows: dict[int, frozenset[int]] = {}
        self._complete: tuple[list[_Group], frozenset[int]] | None = None
        self.fuzzy: list[_Group] | None = None  # typo-tolerant groups, once wanted

    def maybe(self, at: int) -> bool:
        """False when kind `at` surely has no rows (found without looking the rows up)."""
        rows = self._rows.get(at)
        return bool(rows) if rows is not None else bool(self._hits_of(at))

    def rows(self, at: int) -> frozenset[int]:
        """The rows of kind `at`."""
        rows = self._rows.get(at)
        if rows is None:
            hits = self._hits_of(at)
            rows = self._rows.setdefault(at, self.kinds[at][3](hits) if hits else frozenset())
        return rows

    def _hits_of(self, at: int) -> Any:
        hits = self._hits.get(at)
        if hits is None:
            hits = self._hits.setdefault(at, self.kinds[at][2]())
        return hits

    def complete(self) -> tuple[list[_Group], frozenset[int]]:
        """Every non-empty group, best first, and all the rows the word matches."""
        complete = self._complete
        if complete is None:
            every = [(kind, self.rows(at)) for at, kind in enumerate(self.kinds)]
            groups = [_Group(kind[0], kind[1], rows, self.needles) for kind, rows in every if rows]
            complete = self._complete = groups, frozenset().union(*[g.rows for g in groups])
        return complete


class _FoldTable(dict[int, str]):
    """`str.translate` table folding one character at a time, filled in as characters are met.

    Per character, so offsets in a folded title map back to the title as given.
    """

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold(chr(code))
        if len(folded) != 1:
            _UNEVEN.add(chr(code))
        return folded


_FOLD = _FoldTable()
_UNEVEN: set[str] = set()  # characters met so far that fold to none or several ("ß" -> "ss")


class SearchIndex:
    """Everything search needs about a set of films: built once, queried on every keystroke."""

    def __init__(self, summaries: Iterable[FilmSummary]) -> None:
        with _collector_paused():
            self._build(list({s.id: s for s in summaries}.values()))
        self._memo: dict[str, _Word] = {}
        self._starts: dict[str, list[_Starts]] = {}  # sorted titles starting with a common word
        # For closest(), on first use: titles by length, their films, each length's place.
        self._choices: _Choices | None = None

    def _build(self, films: list[FilmSummary]) -> None:
        # One pass over the film objects (each read is a likely cache miss), then columns.
        fields = "id", "title", "original_title", "year", "directors", "cast", "keywords"
        columns = list(zip(*map(attrgetter(*fields, "popularity", "editorial"), films))) or [()] * 9
        ids, titles, originals, years, directors, cast, keywords, popularity, editorial = columns
        folded = [t.lower() if t.isascii() else t.translate(_FOLD) for t in titles]
        # Rows are numbered in tie-break order (popularity, then title), so ties sort as ints.
        # The columns stay in the order given (permuting them costs a cache miss per film per
        # column); postings hold row numbers and _order maps a row back to a film.
        self._order = order = _popularity_order(folded, popularity, editorial)
        rank = [0] * len(order)
        deque(map(rank.__setitem__, order, range(len(order))), maxlen=0)
        self._ids: Sequence[int] = ids
        self._titles: Sequence[str] = titles
        self._folded = folded
        # Only titles with a character that does not fold to exactly one need an offset map.
        even = _UNEVEN.isdisjoint
        self._origin = {i: _origin(t) for i, t in enumerate(titles) if not (t.isascii() or even(t))}

        words = list(map(_WORD.findall, folded))
        for i in [i for i, t in enumerate(folded) if "." in t]:  # few titles: no cost for the rest
            words[i] = _words(folded[i])
        self._norm = list(map(" ".join, words))
        # Without a leading article, so "godfather" is the whole of "The Godfather".
        articled = [i for i, w in enumerate(words) if len(w) > 1 and w[0] in _ARTICLES]
        self._bare = self._norm.copy()
        for i in articled:
            self._bare[i] = self._norm[i].partition(" ")[2]
        self._title = _Vocab(_numerals(_postings(words, rank)))
        # A title's first word, and the word after a leading article, make whole-title matches
        # set operations: "godf" starts "The Godfather", "heat" is all of "Heat".
        self._first = _Vocab(_group([w[0] if w else "" for w in words], rank))
        after = [words[i][1] for i in articled]
        self._after = _Vocab(_group(after, map(rank.__getitem__, articled)))
        lengths = list(map(len, words))
        self._one_word = frozenset(compress(rank, map((1).__eq__, lengths)))
        self._article_one = frozenset(rank[i] for i in articled if lengths[i] == 2)
        del words  # a large temporary: lowers the build's peak memory

        with_original = [i for i, (o, t) in enumerate(zip(originals, titles)) if o and o != t]
        orows = list(map(rank.__getitem__, with_original))
        owords = [_words(_fold_name(originals[i])) for i in with_original]
        self._onorm = dict(zip(with_original, map(" ".join, owords)))  # by film, like the columns
        self._original = _Vocab(_numerals(_postings(owords, orows)))
        self._ofirst = _Vocab(_group([w[0] if w else "" for w in owords], orows))
        self._oone_word = frozenset(compress(orows, map((1).__eq__, map(len, owords))))
        self._years = _Vocab({str(y): rows for y, rows in _group(years, rank).items() if y})

        by_director = _postings(directors, rank)
        by_actor = _postings(cast, rank)
        people = list(dict.fromkeys(chain(by_director, by_actor)))
        self._director_rows = [tuple(by_director.get(p, ())) for p in people]
        self._cast_rows = [tuple(by_actor.get(p, ())) for p in people]
        del by_director, by_actor
        self._people_names = people  # the names themselves, for a query that is one whole name
        self._people = _Vocab(_words_of(people))
        by_keyword = _postings(keywords, rank)
        self._keyword_rows = list(map(tuple, by_keyword.values()))
        self._keywords = _Vocab(_words_of(list(by_keyword)))

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int | None = None) -> list[Match]:
        """Films matching every word of `query`, best first; [] for an empty query.

        Typo-tolerant matches are added, below all exact ones, when fewer than five films match.
        The cost grows with the number of matches returned: pass `limit` when only the first
        screenful is shown.
        """
        folded = fold(query)
        words = list(dict.fromkeys(self._query_words(folded)))
        if not words or (limit is not None and limit <= 0):
            return []
        # At least _FEW, so "fewer than _FEW found" reads the same for a limited search.
        matches = self._matches(words, folded, None if limit is None else max(limit, _FEW))
        better = self._whole_person(words)
        if len(matches) < _FEW:
            better.update(self._close_titles(words, matches))
        if better:
            matches = _merged(matches, better)
        return matches if limit is None else matches[:limit]

    def _query_words(self, folded: str) -> list[str]:
        """The query's words as titles are indexed: initialisms as one word ("l.a." and "l a"
        are "la", when some title has that word)."""
        words = _words(folded)
        joined: list[str] = []
        for single, run in groupby(words, key=lambda w: len(w) == 1):
            letters = list(run)
            if single and len(letters) > 1 and self._title.exactly("".join(letters)):
                joined.append("".join(letters))
            else:
                joined += letters
        return joined

    def _matches(self, words: list[str], folded: str, limit: int | None) -> list[Match]:
        """The films every word matches, best first, as the index's kinds of match rank them."""
        phrase = " ".join(folded.split())
        if len(words) == 1:
            ranked = self._rank_one(words[0])
        elif limit is None:
            ranked = self._rank_many(words)
        else:
            ranked = self._rank_top(words)
        ids, order = self._ids, self._order
        matches: list[Match] = []
        with _collector_paused():
            for rows, score, field, needles in ranked:
                if limit is not None:
                    rows = rows[: limit - len(matches)]
                films = list(map(order.__getitem__, rows))
                if field == "title":
                    spans: Iterable[_Spans] = self._spans_of(films, phrase, needles)
                else:
                    spans = repeat((), len(films))
                matches += _matches(list(map(ids.__getitem__, films)), score, field, spans)
                if len(matches) == limit:
                    break
        return matches

    def closest(self, query: str, limit: int = 5) -> list[int]:
        """Ids of the `limit` titles most like `query`, for "did you mean" suggestions.

        Always returns films when the index has any, however poor the likeness.
        """
        if not self._ids or limit <= 0:
            return []
        choices = self._choices
        if choices is None:
            choices = self._choices = self._closest_choices()
        by_length, places, films, bands = choices
        wanted = " ".join(self._query_words(fold(query)))
        if not wanted:
            return [self._ids[film] for film in self._order[:limit]]
        return [self._ids[film] for film, _ in self._likeliest(wanted, limit)]

    def _likeliest(self, wanted: str, limit: int, cutoff: float = 0.0) -> list[tuple[int, float]]:
        """The `limit` films whose (normalised) title is most like `wanted`, with the likeness
        (0-100), best first; none below `cutoff`."""
        choices = self._choices
        if choices is None:
            choices = self._choices = self._closest_choices()
        by_length, places, films, bands = choices
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
        best: list[tuple[float, int]] = []  # (-score, choice), best first
        for ceiling, length in ceilings:
            floor = -best[-1][0] if len(best) >= size else cutoff
            if ceiling + 1e-6 < floor:
                break
            start, end = bands[length]
            found = process.extract(
                wanted, by_length[start:end], scorer=fuzz.ratio, limit=size,
                score_cutoff=max(floor - 1e-6, 0.0),
            )
            if found:
                best += [(-score, places[start + at]) for _, score, at in found]
                best.sort()
                del best[size:]
        chosen: dict[int, float] = {}
        for score, at in best:
            chosen.setdefault(films[at], -score)
        return list(chosen.items())[:limit]

    def _close_titles(self, words: list[str], found: list[Match]) -> dict[int, tuple[float, str]]:
        """Films whose whole title is nearly the query ("no country for old man"), when the
        query found too few: scored as typo matches, below every exact one."""
        wanted = " ".join(words)
        if len(wanted) < _CLOSE_MIN:
            return {}
        have = {m.id for m in found}
        close = {}
        for film, likeness in self._likeliest(wanted, _FEW, cutoff=_CLOSE_TITLE):
            if self._ids[film] not in have:
                close[self._ids[film]] = (30.0 * likeness / 100.0, "title")
        return close

    def _whole_person(self, words: list[str]) -> dict[int, tuple[float, str]]:
        """Film id -> score and field for the films of a person whose whole name is the query,
        or starts with it (the last word may be unfinished): "al pacino", "michael ma"."""
        if len(words) < 2:
            return {}
        people = self._people
        if not people.starting(words[-1]):  # "mann 1995": no name goes on that way
            return {}
        sets = sorted((people.exactly(w) for w in words[:-1]), key=len)
        if not sets[0] or len(sets[0]) > _PEOPLE_SCAN:
            return {}
        candidates = frozenset(sets[0]).intersection(*sets[1:])
        phrase = " ".join(words)
        found: dict[int, tuple[float, str]] = {}
        for person in candidates:
            name = " ".join(_words(_fold_name(self._people_names[person])))
            if name == phrase:
                score = _PERSON_WHOLE
            elif name.startswith(phrase):
                score = _PERSON_START
            else:
                continue
            for rows, field, bonus in (
                (self._director_rows[person], "director", 0.0),
                (self._cast_rows[person], "cast", -1.0),
            ):
                for row in rows:
                    film = self._ids[self._order[row]]
                    if found.get(film, (0.0,))[0] < score + bonus:
                        found[film] = (score + bonus, field)
        return found

    def _closest_choices(self) -> _Choices:
        """Titles for `closest`, shortest first; the place of each in row order (so equal
        likeness goes to the more popular film; original titles after all titles); the film
        at each place; and where each length's titles start and end."""
        titles = [*map(self._norm.__getitem__, self._order), *self._onorm.values()]
        films = [*self._order, *self._onorm]
        lengths = list(map(len, titles))
        at = sorted(range(len(titles)), key=lengths.__getitem__)
        # Copied into fresh strings, made one after another: they lie together in memory, in
        # the order they are compared. The titles as built lie scattered among the index's
        # other objects, and fetching each from memory was two thirds of the time.
        titles = "\n".join(map(titles.__getitem__, at)).split("\n") if titles else []
        bands: dict[int, tuple[int, int]] = {}
        start = 0
        for length, count in sorted(Counter(lengths).items()):
            bands[length] = (start, start + count)
            start += count
        return titles, at, films, bands

    # Ranking -------------------------------------------------------------------------------

    def _rank_one(self, word: str) -> Iterator[_Ranked]:
        """A one-word query: groups are computed lazily, so a `limit` stops the work early."""
        lazy = _disjoint(self._exact_groups(word, whole=True))
        head: list[_Group] = []
        for group in lazy:
            head.append(group)
            if sum(len(g.rows) for g in head) >= _FEW:
                break
        else:
            if len(word) >= _MIN_FUZZY:
                lazy = _disjoint(chain(head, self._fuzzy_groups(word)))
                head = []
        # Groups come best first; within one score the row number is the tie-break.
        for _, same in groupby(chain(head, lazy), key=attrgetter("fuzzy", "score")):
            block = list(same)
            if len(block) == 1:
                group = block[0]
                yield sorted(group.rows), group.score, group.field, group.needles
            else:  # equal scores from different fields (typo matches): interleave by row
                rows = sorted(((r, g) for g in block for r in g.rows), key=itemgetter(0))
                for row, group in rows:
                    yield [row], group.score, group.field, group.needles

    def _rank_many(self, words: list[str]) -> Iterator[_Ranked]:
        """Several words: each must match somewhere; a film scores the mean of its words."""
        per_word = [self._groups(w, fuzzy=False) for w in words]
        found = _all_of(per_word)
        if len(found) < _FEW and any(len(w) >= _MIN_FUZZY for w in words):
            per_word = [self._groups(w, fuzzy=len(w) >= _MIN_FUZZY) for w in words]
            found = _all_of(per_word)
        # Split the rows by the best group that matched each word: rows alike in every word form
        # a block sharing score, field and highlights. Set operations, not a loop over rows.
        blocks: list[tuple[tuple[_Group, ...], frozenset[int]]] = [((), found)]
        for groups, _ in per_word:
            split = []
            for combo, rows in blocks:
                for group in groups:
                    hits = rows & group.rows
                    if hits:
                        split.append(((*combo, group), hits))
                        rows -= hits
                        if not rows:
                            break
            blocks = split
        ranked: list[_Block] = []
        for combo, rows in blocks:
            fuzzy = any(g.fuzzy for g in combo)
            score = sum(g.score for g in combo) / len(combo)
            needles = tuple(n for g in combo if g.field == "title" for n in g.needles)
            ranked.append((fuzzy, score, max(combo, key=_score).field, needles, rows))
        # Blocks alike in all but their rows go out as one.
        alike: dict[_Key, frozenset[int]] = defaultdict(frozenset)
        for fuzzy, score, field, needles, rows in self._whole_title(words, found, ranked):
            alike[fuzzy, score, field, needles] |= rows
        # Best first; blocks with equal scores interleave by row, the tie-break.
        order = sorted(alike, key=lambda key: (key[0], -key[1]))
        for _, same in groupby(order, key=itemgetter(0, 1)):
            keys = list(same)
            if len(keys) == 1:
                _, score, field, needles = keys[0]
                yield sorted(alike[keys[0]]), score, field, needles
            else:
                for row, (_, score, field, needles) in _interleaved(alike, keys):
                    yield [row], score, field, needles

    def _rank_top(self, words: list[str]) -> Iterator[_Ranked]:
        """`_rank_many`'s order, found best first and lazily, for a limited search.

        A film's score is the mean of its words' best kinds, so the combinations of kinds (one
        per word) can be taken in order of their mean without looking any rows up; each score
        level is then the films in all of its kinds but in no better kind of any word. The
        caller stops at its limit, so the kinds below it are never looked up (people and
        keywords are most of the cost). Titles starting with the whole query come first, as in
        `_whole_title`; too few exact matches, or too many combinations to try one by one, and
        the ranking is `_rank_many`'s own.
        """
        entries = [self._word(w) for w in words]
        better = self._title_starts(words)
        moved: dict[tuple[float, str], list[int]] = defaultdict(list)
        for row, key in better.items():
            moved[key].append(row)
        needles = tuple(words)
        head: list[_Ranked] = []  # held back until it is sure no typo matches join in
        for score, field in sorted(moved, key=lambda key: -key[0]):
            head.append((sorted(moved[score, field]), score, field, needles))
        count = len(better)
        typos = any(len(w) >= _MIN_FUZZY for w in words)
        done = 0  # rows handed out
        for level in chain([[]], _levels(entries, frozenset(better))):
            if level is None:  # too many combinations: rank everything at once
                break
            head += level
            count += sum(len(rows) for rows, *_ in level)
            if count >= _FEW or not typos:  # no typo matches: what is held back is sure
                for ranked in head:
                    done += len(ranked[0])
                    yield ranked
                head = []
        else:
            if count >= _FEW or not typos:
                return
        for rows, score, field, needles in self._rank_many(words):  # the same order, from the top
            if done >= len(rows):
                done -= len(rows)
                continue
            yield rows[done:], score, field, needles
            done = 0

    def _title_starts(self, words: list[str]) -> dict[int, tuple[float, str]]:
        """The rows whose title starts with the whole query, and the score that gives them:
        `_whole_title`'s, found without the query's matches (such a title matches every word
        of it at a word start anyway)."""
        phrase, head = " ".join(words), words[0]
        first, after = self._first.exactly(head), self._after.exactly(head)
        originals = self._ofirst.exactly(head)
        better: dict[int, tuple[float, str]] = {}
        if len(first) + len(after) + len(originals) > _SCAN:  # "the ...": look them up instead
            first, after, originals = self._sorted_starting(head, phrase, (first, after, originals))
        order, norm, bare, onorm = self._order, self._norm, self._bare, self._onorm
        for row in chain(first, after):
            film = order[row]
            if phrase == norm[film]:
                better[row] = (100.0, "title")
            elif phrase == bare[film]:
                better[row] = (99.0, "title")
            elif norm[film].startswith(phrase) or bare[film].startswith(phrase):
                better[row] = (90.0, "title")
        for row in originals:
            title = onorm[order[row]]
            if row not in better and title.startswith(phrase):
                better[row] = (98.0 if title == phrase else 88.0, "original_title")
        return better

    def _sorted_starting(
        self, head: str, phrase: str, kinds: tuple[Sequence[int], ...]
    ) -> list[Sequence[int]]:
        """Of `kinds` (rows whose title, title after its article, original title start with the
        word `head`), those starting with `phrase`: by binary search in those titles, sorted on
        the first query starting with `head` and kept (few words start thousands of titles)."""
        starts = self._starts.get(head)
        if starts is None:
            order, texts = self._order, (self._norm, self._bare, self._onorm)
            starts = []
            for rows, text in zip(kinds, texts):
                keys = [text[order[row]] for row in rows]
                at = sorted(range(len(keys)), key=keys.__getitem__)
                starts.append((list(map(keys.__getitem__, at)), list(map(rows.__getitem__, at))))
            starts = self._starts.setdefault(head, starts)
        end = phrase + _TOP
        return [rows[bisect_left(keys, phrase) : bisect_left(keys, end)] for keys, rows in starts]

    def _whole_title(
        self, words: list[str], found: frozenset[int], ranked: list[_Block]
    ) -> list[_Block]:
        """`ranked` with the rows whose title is, or starts with, the whole query moved up.

        The whole query as the title beats any word-by-word reading ("the godfather").
        """
        phrase, head = " ".join(words), words[0]
        better: dict[int, tuple[float, str]] = {}
        # Such a title starts with the query's first word, whole, perhaps after an article.
        starting = found.intersection(self._first.exactly(head))
        for row in starting.union(found.intersection(self._after.exactly(head))):
            film = self._order[row]
            title, bare = self._norm[film], self._bare[film]
            if phrase == title:
                better[row] = (100.0, "title")
            elif phrase == bare:
                better[row] = (99.0, "title")
            elif title.startswith(phrase) or bare.startswith(phrase):
                better[row] = (90.0, "title")
        for row in found.intersection(self._ofirst.exactly(head)).difference(better):
            title = self._onorm[self._order[row]]
            if title.startswith(phrase):
                better[row] = (98.0 if title == phrase else 88.0, "original_title")
        if not better:
            return ranked
        moved: dict[tuple[float, str], set[int]] = defaultdict(set)
        kept: list[_Block] = []
        for fuzzy, score, field, needles, rows in ranked:
            if not fuzzy:
                up = {row for row in rows.intersection(better) if better[row][0] >= score}
                for row in up:
                    moved[better[row]].add(row)
                rows = rows.difference(up)
            if rows:
                kept.append((fuzzy, score, field, needles, rows))
        needles = tuple(words)
        return kept + [(False, s, f, needles, frozenset(rows)) for (s, f), rows in moved.items()]

    def _groups(self, word: str, *, fuzzy: bool) -> tuple[list[_Group], frozenset[int]]:
        """How `word` matches as one word of several, best first (a row may recur), and all the
        rows it matches; memoised for the next keystrokes."""
        entry = self._word(word)
        groups, found = entry.complete()
        if not fuzzy:
            return groups, found
        if entry.fuzzy is None:
            entry.fuzzy = self._fuzzy_groups(word)
        return groups + entry.fuzzy, found.union(*[g.rows for g in entry.fuzzy])

    def _word(self, word: str) -> _Word:
        """`word`'s memo entry, made (and the oldest one dropped) when it is new."""
        entry = self._memo.get(word)
        if entry is None:
            entry = _Word(word, self._exact_kinds(word, whole=False))
            memo = self._memo
            while len(memo) >= _MEMO:
                try:  # another thread's search may drop the same entry at the same time
                    memo.pop(next(iter(memo)), None)
                except RuntimeError:
                    continue
            entry = memo.setdefault(word, entry)
        return entry

    def _exact_groups(self, word: str, *, whole: bool) -> Iterator[_Group]:
        """The rows `word` matches, kind by kind, best kind first (a row may recur); lazily.

        `whole` when the word is the entire query, so it can be the whole title or its start.
        """
        needles = (word,)
        for score, field, find, rows in self._exact_kinds(word, whole=whole):
            hits = find()
            yield _Group(score, field, rows(hits) if hits else frozenset(), needles)

    def _exact_kinds(self, word: str, *, whole: bool) -> list[_Kind]:
        """How `word` can match, best first: score, field, a function finding the vocabulary
        entries it matches (cheap: none means no rows) and one turning those into rows.

        Scores are known before anything is looked up, so a limited search can leave the kinds
        that cannot reach its first screenful unlooked-at.
        """
        # Scripts written without spaces (CJK) make a title one long "word": look inside at once.
        inside = len(word) >= _MIN_INFIX or not word.isascii()
        title, original = self._title, self._original
        kinds: list[_Kind] = []
        if whole:
            first, after, ofirst, alone = self._first, self._after, self._ofirst, self._oone_word
            kinds += [
                (100.0, "title", lambda: first.exactly(word), self._one_word.intersection),
                (99.0, "title", lambda: after.exactly(word), self._article_one.intersection),
                (98.0, "original_title", lambda: ofirst.exactly(word), alone.intersection),
                (
                    90.0, "title", lambda: (first.starting(word), after.starting(word)),
                    lambda hits: first.union(hits[0]) | after.union(hits[1]),
                ),
                (88.0, "original_title", lambda: ofirst.starting(word), ofirst.union),
            ]
        kinds.append((80.0, "title", lambda: title.starting(word), title.union))
        kinds.append((78.0, "original_title", lambda: original.starting(word), original.union))
        if inside:
            kinds.append((70.0, "title", lambda: title.inside(word), title.union))
            kinds.append((68.0, "original_title", lambda: original.inside(word), original.union))
        if whole and len(word) < _MIN_OTHER:
            return kinds
        people, directors, cast = self._people, self._director_rows, self._cast_rows
        names = [(62.0, people.starting)] + ([(52.0, people.inside)] if inside else [])
        for score, where in names:
            who = _once(lambda where=where: people.union(where(word)))  # type: ignore[misc]
            kinds.append((score, "director", who, partial(_rows_of, directors)))
            kinds.append((score - 2.0, "cast", who, partial(_rows_of, cast)))
        kws, kw_rows, years = self._keywords, self._keyword_rows, self._years
        keywords = partial(_rows_of, kw_rows)
        kinds.append((44.0, "keyword", lambda: kws.union(kws.starting(word)), keywords))
        if inside:
            kinds.append((42.0, "keyword", lambda: kws.union(kws.inside(word)), keywords))
        kinds.append((40.0, "year", lambda: years.starting(word), years.union))
        return kinds

    def _fuzzy_groups(self, word: str) -> list[_Group]:
        """Rows of the vocabulary words closest to a mistyped `word`, best first.

        Only distinct words are compared (tens of thousands, not every film), so this stays cheap.
        """
        groups: list[_Group] = []
        weights = (self._title, 30), (self._original, 28), (self._people, 22), (self._keywords, 12)
        for vocab, weight in weights:
            close = process.extract(
                word, vocab.words, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=_FUZZY_WORDS
            )
            for text, similarity, at in close:
                if word in text:
                    continue  # an exact match already
                items = vocab.union((at,))
                if vocab is self._title:
                    found = [("title", items)]
                elif vocab is self._original:
                    found = [("original_title", items)]
                elif vocab is self._people:
                    found = [
                        ("director", _rows_of(self._director_rows, items)),
                        ("cast", _rows_of(self._cast_rows, items)),
                    ]
                else:
                    found = [("keyword", _rows_of(self._keyword_rows, items))]
                score = weight * similarity / 100.0
                for offset, (field, rows) in enumerate(found):
                    groups.append(_Group(score - offset, field, rows, (text,), fuzzy=True))
        groups.sort(key=lambda g: -g.score)
        return groups

    # Highlights ----------------------------------------------------------------------------

    def _spans_of(self, films: list[int], phrase: str, needles: Sequence[str]) -> list[_Spans]:
        """`_spans` for many films, with a fast way for the common case: one word, plain title."""
        if needles != (phrase,):
            return [self._spans(f, phrase, needles) for f in films]
        folded, origin, size = self._folded, self._origin, len(phrase)
        spans: list[_Spans] = []
        for film in films:
            text = folded[film]
            at = text.find(phrase)
            if at > 0 and text[at - 1].isalnum():
                at = _find_word(text, phrase)
            if at < 0 or film in origin:
                spans.append(self._spans(film, phrase, needles))
            else:
                spans.append(((at, at + size),))
        return spans

    def _spans(self, film: int, phrase: str, needles: Iterable[str]) -> _Spans:
        """Where the query is in the title as given: all of it if it is there, else each word."""
        folded = self._folded[film]
        found: list[tuple[int, int]] = []
        at = _find_word(folded, phrase)
        if at >= 0:
            found.append((at, at + len(phrase)))
        else:
            for needle in needles:
                at = _find_word(folded, needle)
                if at >= 0:
                    found.append((at, at + len(needle)))
        origin = self._origin.get(film)
        if origin is not None:
            found = [_to_original(origin, len(self._titles[film]), a, b) for a, b in found]
        if len(found) < 2:
            return tuple(found)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)


_SETTERS = [getattr(Match, name).__set__ for name in ("id", "score", "field", "spans")]


def _matches(ids: list[int], score: float, field: str, spans: Iterable[_Spans]) -> list[Match]:
    """Matches built column by column in C.

    A frozen dataclass's __init__ sets each field through object.__setattr__, about a microsecond
    a match: too slow for the 20,000 a one-letter query finds. The slots' own descriptors are not
    guarded by the frozen __setattr__, and filling fresh objects with them is not mutation.
    """
    made = list(map(object.__new__, repeat(Match, len(ids))))
    for setter, values in zip(_SETTERS, (ids, repeat(score), repeat(field), spans)):
        deque(map(setter, made, values), maxlen=0)
    return made


@contextmanager
def _collector_paused() -> Iterator[None]:
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


def _popularity_order(
    titles: Sequence[str], popularity: Sequence[float | None], editorial: Sequence[bool]
) -> list[int]:
    """Indices with our curated catalogue first, then by popularity, highest first (unknown
    last), then by (folded) title: among equal matches the film we wrote about is the one meant."""
    order = sorted(range(len(titles)), key=titles.__getitem__)
    order.sort(key=[-(p or 0.0) for p in popularity].__getitem__)  # stable: ties stay by title
    order.sort(key=[not e for e in editorial].__getitem__)
    return order


def _merged(matches: list[Match], better: dict[int, tuple[float, str]]) -> list[Match]:
    """`matches` (best first) with the films in `better` at their score there, where that beats
    their own; ties keep the matches first, then the rest by popularity (the index's order)."""
    kept = [m for m in matches if m.id not in better or m.score >= better[m.id][0]]
    present = {m.id for m in kept}
    rank = {film: at for at, film in enumerate(better)}
    added = sorted(
        (Match(film, score, field, ()) for film, (score, field) in better.items() if film not in present),
        key=lambda m: (-m.score, rank[m.id]),
    )
    merged: list[Match] = []
    at = 0
    for match in kept:
        while at < len(added) and added[at].score > match.score:
            merged.append(added[at])
            at += 1
        merged.append(match)
    return merged + added[at:]


def _words(folded: str) -> list[str]:
    """The words of folded text, an initialism ("l.a.") read as one word ("la")."""
    if "." in folded:
        folded = _INITIALISM.sub(lambda found: found[0].replace(".", ""), folded)
    return _WORD.findall(folded)


def _numerals(postings: dict[str, list[int]]) -> dict[str, list[int]]:
    """Title postings where a roman sequel number and its digits find the same films."""
    for roman, digits in _NUMERALS:
        if roman in postings or digits in postings:
            both = postings.get(roman, []) + postings.get(digits, [])
            postings[roman] = postings[digits] = both
    return postings


def _fold_name(value: str) -> str:
    # ASCII needs no decomposition: lower() is fold() there, and much faster.
    return value.lower() if value.isascii() else value.translate(_FOLD)


def _origin(title: str) -> list[int]:
    """For each character of the folded title, the index of the title character it came from."""
    origin: list[int] = []
    for i, ch in enumerate(title):
        origin.extend([i] * len(_FOLD[ord(ch)]))
    return origin


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


def _group(keys: Iterable[Hashable], rows: Iterable[int]) -> dict[Any, list[int]]:
    """Key -> the rows paired with it, in order."""
    groups: defaultdict[Any, list[int]] = defaultdict(list)
    # map() runs the lookups and appends in C: a Python loop here would be most of the build.
    deque(map(list.append, map(groups.__getitem__, keys), rows), maxlen=0)
    return groups


def _postings(keys_per_row: Sequence[Sequence[str]], rows: Sequence[int]) -> dict[str, list[int]]:
    """Key -> rows it occurs in (a row may repeat), given the keys of each of `rows`."""
    keys = chain.from_iterable(keys_per_row)
    return _group(keys, chain.from_iterable(map(repeat, rows, map(len, keys_per_row))))


def _words_of(names: Sequence[str]) -> dict[str, list[int]]:
    """Folded word -> indices of the names containing it."""
    return _postings([_words(_fold_name(name)) for name in names], range(len(names)))


def _once(make: Callable[[], Any]) -> Callable[[], Any]:
    """`make`, called on first use only."""
    done: list[Any] = []

    def once() -> Any:
        if not done:
            done.append(make())
        return done[0]

    return once


def _rows_of(table: list[tuple[int, ...]], items: Iterable[int]) -> frozenset[int]:
    """All rows of the given people or keywords."""
    return frozenset().union(*map(table.__getitem__, items))


def _levels(entries: list[_Word], skip: frozenset[int]) -> Iterator[list[_Ranked] | None]:
    """Score levels of a several-word query, best first: per level, its rows in row order, in
    runs alike in score, field and highlights; rows in `skip` left out. None, and no more, once
    more than _COMBOS combinations of kinds were tried.

    A combination takes one kind per word; its rows are in each of its kinds and in no better
    kind of the same word (the best kind of a word is the one that counts), as `_rank_many`'s
    blocks. Only kinds that may have rows take part. Combinations come off a heap by their total
    score; every one before a combination (a better kind in some word) scores more, so it is
    taken, and its kinds looked up, earlier.
    """
    size = len(entries)
    alive = [[at for at in range(len(e.kinds)) if e.maybe(at)] for e in entries]
    if not all(alive):
        return
    scores = [[e.scores[at] for at in kinds] for e, kinds in zip(entries, alive)]
    start = (0,) * size
    heap = [(-sum(s[0] for s in scores), start)]
    pushed = {start}
    tried = 0
    while heap:
        if tried > _COMBOS:
            yield None
            return
        total, combo = heapq.heappop(heap)
        level = [combo]
        while heap and heap[0][0] == total:
            level.append(heapq.heappop(heap)[1])
        for combo in level:
            for word, at in enumerate(combo):
                if at + 1 < len(scores[word]):
                    after = (*combo[:word], at + 1, *combo[word + 1 :])
                    if after not in pushed:
                        pushed.add(after)
                        lower = scores[word][at] - scores[word][at + 1]
                        heapq.heappush(heap, (total + lower, after))
        tried += len(level)
        found: list[tuple[int, _Key]] = []
        for combo in level:
            kinds = [word_kinds[at] for word_kinds, at in zip(alive, combo)]
            sets = sorted((e.rows(at) for e, at in zip(entries, kinds)), key=len)
            rows = sets[0].intersection(*sets[1:]) if sets[0] else sets[0]
            for entry, word_kinds, at in zip(entries, alive, combo):
                for better in word_kinds[:at]:
                    if not rows:
                        break
                    rows = rows - entry.rows(better)
            if rows and skip:
                rows = rows - skip
            if not rows:
                continue
            chosen = [e.kinds[at] for e, at in zip(entries, kinds)]
            score = sum(kind[0] for kind in chosen) / size
            field = max(chosen, key=itemgetter(0))[1]
            needles = tuple(e.needles[0] for e, k in zip(entries, chosen) if k[1] == "title")
            found += zip(rows, repeat((False, score, field, needles)))
        if not found:
            continue
        found.sort(key=itemgetter(0))
        ranked: list[_Ranked] = []
        for (_, score, field, needles), run in groupby(found, key=itemgetter(1)):
            ranked.append(([row for row, _ in run], score, field, needles))
        yield ranked


def _disjoint(groups: Iterable[_Group]) -> Iterator[_Group]:
    """Each row in the first (best) group it occurs in only; empty groups dropped."""
    seen: set[int] = set()
    for group in groups:
        rows = group.rows.difference(seen) if seen else group.rows
        if rows:
            yield group if len(rows) == len(group.rows) else replace(group, rows=rows)
            seen.update(rows)


def _interleaved(blocks: dict[_Key, frozenset[int]], keys: list[_Key]) -> list[tuple[int, _Key]]:
    """The rows of equally scored blocks in row order, each with its block's key."""
    return sorted(((row, key) for key in keys for row in blocks[key]), key=itemgetter(0))


def _all_of(per_word: list[tuple[list[_Group], frozenset[int]]]) -> frozenset[int]:
    """Rows matched by every word."""
    sets = sorted((rows for _, rows in per_word), key=len)
    return sets[0].intersection(*sets[1:]) if sets else frozenset()

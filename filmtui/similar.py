"""More like this: the films in the store nearest to one film, by what they share, and why.

Domain layer: plain data in, plain data out; no UI, storage or network imports here.

    index = SimilarIndex(store.summaries())       # cheap: the index is built on first use
    index.prepare()                               # or now, in a worker: the slow part
    found = index.like(film, recommended=ids)     # film: the Film page being shown
    found.films      # [Similar], in the store, best first (at most `limit`), never the film
    found.elsewhere  # [Similar], TMDB recommendations not in the store (in_store False)
    index.learn(page)  # a page's collection and writers (like() learns its own film's)

Each `Similar` says why in one plain line built from what is shared, most telling first:
"recommended on TMDB · The Godfather collection · Francis Ford Coppola · Al Pacino, Robert
Duvall · crime family · 1970s". Text is as stored, cleaned with `text.clean`: never markup.

What counts, most first (the weights are below): a shared director or collection; a writer
(Screenplay, Writer, Novel, Story); a shared actor, more for leads on both sides; a shared
keyword, more for a rare one (idf over the store); genres least; the same decade a small
bonus; a TMDB recommendation a bonus. Equal scores go by our catalogue's films first, then
popularity, then title, then id, so a ranking is the same every time and a limited call is the
head of a longer one.

What is known of the other films is their slim row (FilmSummary): directors, six billed actors,
eight keywords, genres and year. The row has no writers and no collection, so those are known
only for films whose page the index was given (`pages=`, `learn()`, and each film `like()` is
asked about: open The Godfather, and Part II's list names the collection). Without pages a writer
of this film still matches the films the rows say that person directed (Michael Mann wrote Heat
and directed Thief), and writers often appear among keywords ("taylor sheridan").

Speed at 100,000 films: the inverted index (person, keyword, genre -> films) is built once in
bulk C-level steps with the garbage collector paused. A call scores only the films that share a
person, the collection, a keyword found in few films, or a TMDB recommendation; genres and
keywords found in very many films only add to those (every crime film shares "Crime") and bring
in films of their own only when the rarer ties found few.
"""

from __future__ import annotations

import heapq
import math
import threading
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, repeat
from operator import add, and_, attrgetter, itemgetter, rshift
from typing import Any, Protocol

from filmtui.models import PACK, Film, FilmSummary
from filmtui.search.vocabulary import collector_paused as _collector_paused  # the same pause, for the same reason
from filmtui.text import clean, fold

__all__ = ["WRITING_JOBS", "MoreLikeThis", "Similar", "RowSource", "SimilarIndex", "Wants", "Whole", "like_in", "wants"]

#: Crew jobs that make someone one of a film's writers.
WRITING_JOBS = frozenset({"Screenplay", "Writer", "Novel", "Story"})

# Weights: a shared director or collection is worth most; the rest scale below them.
_DIRECTOR = 10.0
_COLLECTION = 10.0
_WRITER = 6.0  # writer and writer, or a writer on one side and the director on the other
_CAST = 5.0  # two leads; less down the billing (see _billing)
_CROSS = 2.0  # the director or a writer of one film acting in the other
_KEYWORD = 4.0  # times the keyword's rarity, 0-1
_GENRE = 1.2  # times the genre's rarity, 0-1
_DECADE = 1.0
_RECOMMENDED = 6.0

_SOURCE_CAST = 15  # this film's billed actors looked up: past them billing says little
_CAST_SLOTS = 16  # an index code is row * 16 + billing position
_SLICE = 20_000  # films whose packed fields are split at a time while building
_RARE_SHARE = 50  # a keyword in more than 1/50 of the store (and over _RARE_MIN films) is common
_RARE_MIN = 200
_FEW = 100  # fewer films than this found through rarer ties: common keywords bring in their own
_SAMPLE = 500  # ... at most this many, those sharing most of the common keywords
_NAMES_IN_LINE = 2  # people per group in the why line
_KEYWORDS_IN_LINE = 2
_PARTS_IN_LINE = 5  # the decade is the first to go from a full line


@dataclass(frozen=True, slots=True)
class Similar:
    """One film like the one shown, and why."""

    film_id: int
    score: float
    """Higher is more alike; only comparable within one call."""
    why: str
    """What the two share, most telling first, as one display-safe line."""
    in_store: bool = True
    """False for a TMDB recommendation the store does not hold yet (offer to add it)."""
    title: str = ""
    """For a film not in the store: its title when the recommendation gave one."""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class MoreLikeThis:
    """The answer for one film: films in the store, and TMDB's suggestions outside it."""

    films: list[Similar] = field(default_factory=list)
    elsewhere: list[Similar] = field(default_factory=list)


def _billing(position: int) -> float:
    """How much billing position `position` (0 = top) weighs: leads most, down to about a third."""
    return 1.0 / (1.0 + position / 4.0)


_BILLING = [_billing(p) for p in range(_CAST_SLOTS)]


@dataclass(slots=True)
class _Person:
    """One person of the film shown, and what they did on it."""

    display: str
    directed: bool = False
    wrote: bool = False
    billed: int | None = None  # best billing position, when they act in it
    as_cast: list[float] = field(default_factory=list)  # weights_as_cast(), once roles are known

    def weight_as_director(self) -> float:
        """Their weight in a film they directed."""
        if self.directed:
            return _DIRECTOR
        return _WRITER if self.wrote else _CROSS

    def weight_as_writer(self) -> float:
        """Their weight in a film they wrote."""
        return _WRITER if self.directed or self.wrote else _CROSS

    def weights_as_cast(self) -> list[float]:
        """Their weight in a film they act in, by billing position there."""
        crew = _CROSS if self.directed or self.wrote else 0.0
        if self.billed is None:
            return [crew] * _CAST_SLOTS
        mine = _CAST * _BILLING[self.billed]
        return [max(crew, mine * b) for b in _BILLING]


@dataclass(slots=True)
class _Source:
    """What the film shown offers to share, folded for matching, with display forms."""

    people: dict[str, _Person]
    keywords: dict[str, str]  # folded -> as stored
    genres: list[str]
    collection: str  # folded; "" for none
    collection_name: str
    decade: int | None


@dataclass(frozen=True, slots=True)
class Wants:
    """What to look up in the whole store to answer for one film over a few of its rows: the
    film's people, keywords and genres as the rows spell them (cleaned)."""

    people: list[str]
    keywords: list[str]
    genres: list[str]


def wants(film: Film) -> Wants:
    source = _source(film)
    genres = {_key(clean(g)): clean(g) for g in film.genres if clean(g)}
    return Wants([p.display for p in source.people.values()], list(source.keywords.values()),
                 list(genres.values()))


@dataclass(frozen=True, slots=True)
class Whole:
    """The whole store's figures, for an index given only some of its rows (`SimilarIndex(...,
    whole=)`): its size and how many films list each keyword and genre (by spelling)."""

    size: int
    keywords: Mapping[str, int]
    genres: Mapping[str, int]

    def folded(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for kind, found in (("k", self.keywords), ("g", self.genres)):
            for text, count in found.items():
                key = (kind, _key(text))
                counts[key] = counts.get(key, 0) + count
        return counts


class SimilarIndex:
    """Every stored film's shareable things, for "more like this"; built on first use."""

    def __init__(self, summaries: Iterable[FilmSummary], pages: Iterable[Film] = (), *,
                 whole: Whole | None = None) -> None:
        """`whole`: the rows given are only those a call can reach (see `Library.more_like`);
        rarity is then the whole store's."""
        self._summaries: Iterable[FilmSummary] | None = summaries
        self._whole = whole.folded() if whole is not None else None
        self._whole_size = whole.size if whole is not None else None
        self._pages: Iterable[Film] = pages
        self._lock = threading.RLock()  # learn() runs inside the build
        self._built = False
        # Learned from pages. Values are replaced, never changed in place, so a call in
        # another thread always iterates a whole, unchanging value.
        self._collection_rows: dict[str, frozenset[int]] = {}
        self._writer_rows: dict[str, frozenset[int]] = {}
        self._learned: dict[int, tuple[str, frozenset[str]]] = {}  # row -> collection, writers

    def __len__(self) -> int:
        self.prepare()
        return len(self._ids)

    def prepare(self) -> None:
        """Build the index now (safe from any thread) instead of on the first `like()`. The
        index is a snapshot of the rows given: make a new one when the store's rows change."""
        self._build()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        if self._built:
            return
        with self._lock:
            if self._built:
                return
            with _collector_paused():
                self._index(list({s.id: s for s in self._summaries or ()}.values()))
            self._summaries = None
            self._built = True
            for page in self._pages:
                self.learn(page)
            self._pages = ()

    def _index(self, films: list[FilmSummary]) -> None:
        # Columns only for what every call reads in bulk; the rest is read off the few films
        # a call lists.
        self._films = films
        fields = "id", "year", "directors", "packed_cast", "packed_keywords", "genres"
        columns = list(zip(*map(attrgetter(*fields), films))) or [()] * 6
        ids, years, directors, packed_cast, packed_kw, genres = columns
        self._ids: Sequence[int] = ids
        self._years: Sequence[int | None] = years
        self._row_of = dict(zip(ids, range(len(ids))))
        size = len(ids)
        rows = range(size)

        self._directors: Sequence[Sequence[str]] = directors
        self._cast_packed: Sequence[str] = packed_cast
        self._keywords_packed: Sequence[str] = packed_kw

        # Grouped by the text as stored, and folded per distinct text afterwards: names recur
        # across films, and a fold lookup for each of 900,000 name slots costs more than all
        # the distinct names' folds.
        by_director = _postings(directors, map(repeat, rows, map(len, directors)))
        by_actor, by_keyword = _new_postings(), _new_postings()
        # Packed fields split a slice at a time, into int arrays: all at once, 900,000 name
        # strings and as many int objects made a 163 MB peak at 100,000 films (45 MB so).
        # An empty field splits to [""], which folds to "" and is dropped.
        for lo in range(0, size, _SLICE):
            cast = list(map(str.split, packed_cast[lo : lo + _SLICE], repeat(PACK)))
            if max(map(len, cast), default=0) > _CAST_SLOTS:
                cast = list(map(itemgetter(slice(_CAST_SLOTS)), cast))
            # A cast code is row * 16 + billing position: one int carries both.
            starts = range(lo * _CAST_SLOTS, (lo + len(cast)) * _CAST_SLOTS, _CAST_SLOTS)
            _postings(cast, map(range, starts, map(add, starts, map(len, cast))), by_actor)
            keywords = list(map(str.split, packed_kw[lo : lo + _SLICE], repeat(PACK)))
            _postings(keywords, map(repeat, range(lo, size), map(len, keywords)), by_keyword)
            del cast, keywords
        self._fold: dict[str, str] = {name: _key(name) for name in chain(by_director, by_actor)}
        self._directed = _folded(by_director, self._fold)
        self._acted = _folded(by_actor, self._fold)
        del by_director, by_actor
        self._kw_fold: dict[str, str] = {name: _key(name) for name in by_keyword}
        self._keyword_rows = _folded(by_keyword, self._kw_fold, unique=True)
        del by_keyword
        by_genre = _postings(genres, map(repeat, rows, map(len, genres)))
        self._genre_rows = _folded(by_genre, {name: _key(name) for name in by_genre}, unique=True)
        decades = [(y // 10,) if y else () for y in years]
        self._decade_rows = dict(_postings(decades, map(repeat, rows, map(len, decades))))
        self._sets: dict[tuple[str, Any], frozenset[int]] = {}  # common postings, as sets
        size = self._whole_size if self._whole_size is not None else size
        self._size = size
        self._rare = max(_RARE_MIN, size // _RARE_SHARE)
        self._log_size = math.log(1 + size) if size else 1.0

    def learn(self, page: Film) -> None:
        """Remember `page`'s collection and writers (the slim rows hold neither)."""
        self._build()
        row = self._row_of.get(page.id)
        if row is None:
            return
        collection = _key(page.collection or "")
        writers = frozenset(_key(c.name) for c in page.crew if c.job in WRITING_JOBS and c.name)
        before = self._learned.get(row)
        if before == (collection, writers):
            return
        with self._lock:
            old_collection, old_writers = before or ("", frozenset())
            _move(self._collection_rows, row, old_collection, collection)
            for name in old_writers - writers:
                _move(self._writer_rows, row, name, "")
            for name in writers - old_writers:
                _move(self._writer_rows, row, "", name)
            self._learned[row] = (collection, writers)

    # -- asking ------------------------------------------------------------------------------

    def like(
        self,
        film: Film,
        recommended: Sequence[int | Mapping[str, Any]] = (),
        limit: int | None = 12,
    ) -> MoreLikeThis:
        """Films like `film`, best first, and the TMDB recommendations the store lacks.

        `recommended` is TMDB's recommendations stored with the film, in TMDB's order: ids,
        or mappings with "id" and optionally "title" and "year" (or "release_date"). Those in
        the store get a bonus and say "recommended on TMDB"; the rest come back in `elsewhere`.
        `limit` caps each list (None: no cap). Films sharing nothing are not listed.
        """
        self._build()
        self.learn(film)
        source = _source(film)
        suggested = _recommendations(recommended, film.id)
        in_store = {self._row_of[i]: i for i in suggested if i in self._row_of}
        elsewhere = [
            Similar(i, _RECOMMENDED, "recommended on TMDB", False, title, year)
            for i, (title, year) in suggested.items()
            if i not in self._row_of
        ][:limit]
        if limit is not None and limit <= 0:
            return MoreLikeThis([], [])
        scores = self._scores(source, in_store)
        own = self._row_of.get(film.id)
        if own is not None:
            scores.pop(own, None)
        chosen = self._best(scores, limit)
        films = [
            Similar(
                self._ids[row],
                round(scores[row], 3),
                self._why(source, row, row in in_store),
            )
            for row in chosen
        ]
        return MoreLikeThis(films, elsewhere)

    def _scores(self, source: _Source, recommended: Mapping[int, int]) -> dict[int, float]:
        """Row -> score for every film sharing something telling with `source`."""
        scores: defaultdict[int, float] = defaultdict(float)
        named: dict[str, dict[int, float]] = {}  # people whose name is also a keyword
        for name, person in source.people.items():
            best = self._person_rows(name, person)
            if name in source.keywords:
                named[name] = best
            _add(scores, best, best.values())
        if source.collection:
            _add(scores, self._collection_rows.get(source.collection, ()), repeat(_COLLECTION))
        common: list[tuple[str, float]] = []
        for key in source.keywords:
            rows = self._keyword_rows.get(key)
            if rows:
                count = self._count("k", key, rows)
                weight = _KEYWORD * self._rarity(count)
                if count > self._rare:
                    common.append((key, weight))
                else:
                    _add(scores, _besides(rows, named.get(key)), repeat(weight))
        _add(scores, recommended, repeat(_RECOMMENDED))
        if common and len(scores) < _FEW:
            self._bring_in(scores, [key for key, _ in common])
        # The rest only add to the films found: set intersections, in C, smaller set iterated.
        found = set(scores)
        for key, weight in common:
            hits = found.intersection(self._set("k", key, self._keyword_rows))
            _add(scores, _besides(hits, named.get(key)), repeat(weight))
        for key in source.genres:
            rows = self._genre_rows.get(key)
            if rows:
                hits = found.intersection(self._set("g", key, self._genre_rows))
                _add(scores, hits, repeat(_GENRE * self._rarity(self._count("g", key, rows))))
        if source.decade in self._decade_rows:
            hits = found.intersection(self._set("d", source.decade, self._decade_rows))
            _add(scores, hits, repeat(_DECADE))
        return scores

    def _person_rows(self, name: str, person: _Person) -> dict[int, float]:
        """Row -> `person`'s weight in each film they are in: their most telling role counts."""
        best: dict[int, float] = {}
        acted = self._acted.get(name)
        if acted:
            weights = person.as_cast
            # Codes run by film, then billing: reversed, a film's best billing is written last.
            codes = acted[::-1]
            films, billing = map(rshift, codes, repeat(4)), map(and_, codes, repeat(15))
            best = dict(zip(films, map(weights.__getitem__, billing)))
        for rows, weight in (
            (self._directed.get(name, ()), person.weight_as_director()),
            (self._writer_rows.get(name, ()), person.weight_as_writer()),
        ):
            for row in rows:
                if best.get(row, 0.0) < weight:
                    best[row] = weight
        return best

    def _bring_in(self, scores: defaultdict[int, float], keys: list[str]) -> None:
        """Add (at 0) the films sharing most of these common keywords, when rarer ties found few;
        among as many shared, the lowest TMDB ids (whatever order the rows came in)."""
        counts = Counter(chain.from_iterable(map(self._keyword_rows.__getitem__, keys)))
        if not counts:
            return
        floor = heapq.nlargest(_SAMPLE, counts.values())[-1]
        above = [row for row, count in counts.items() if count > floor]
        level = [row for row, count in counts.items() if count == floor]
        level = heapq.nsmallest(_SAMPLE - len(above), level, key=self._ids.__getitem__)
        for row in chain(above, level):
            scores[row] += 0.0

    def _set(self, kind: str, key: Any, postings: Mapping[Any, array]) -> frozenset[int]:
        """A common key's films as a set, made on first use and kept."""
        found = self._sets.get((kind, key))
        if found is None:
            found = self._sets.setdefault((kind, key), frozenset(postings[key]))
        return found

    def _count(self, kind: str, key: str, rows: Sequence[int]) -> int:
        """How many films list keyword or genre `key`: its rows here, or the whole store's."""
        return len(rows) if self._whole is None else self._whole.get((kind, key), len(rows))

    def _rarity(self, count: int) -> float:
        """0-1: how rare a key in `count` films is in this store (idf, scaled)."""
        return math.log(1 + self._size / count) / self._log_size

    def _best(self, scores: Mapping[int, float], limit: int | None) -> list[int]:
        """The `limit` best rows: by score, then our catalogue's films, popularity (unknown
        last), title and id, so that ties go the same way whatever order the rows came in."""
        if limit is not None and len(scores) > limit:
            floor = heapq.nlargest(limit, scores.values())[-1]
            rows = [row for row, score in scores.items() if score >= floor]
        else:
            rows = list(scores)
        films = self._films

        def order(row: int) -> tuple[float, bool, float, str, int]:
            film = films[row]
            return -scores[row], not film.editorial, -(film.popularity or 0.0), film.title, film.id

        rows.sort(key=order)
        return rows[:limit]

    def _why(self, source: _Source, row: int, recommended: bool) -> str:
        """What `row` shares with `source`, most telling first, as one plain line."""
        parts = ["recommended on TMDB"] if recommended else []
        if source.collection and row in self._collection_rows.get(source.collection, ()):
            name = source.collection_name
            parts.append(name if name.casefold().endswith("collection") else f"{name} collection")
        fold_of = self._fold.__getitem__
        directors = set(map(fold_of, self._directors[row]))  # every stored name has its fold
        packed = self._cast_packed[row]
        cast: dict[str, int] = {}
        for at, name in enumerate(packed.split(PACK)[:_CAST_SLOTS] if packed else ()):
            cast.setdefault(fold_of(name), at)
        writers = self._learned.get(row, ("", frozenset()))[1]
        crew: list[tuple[float, int, str]] = []
        actors: list[tuple[float, int, str]] = []
        shared: set[str] = set()
        for at, (name, person) in enumerate(source.people.items()):
            as_crew = max(
                person.weight_as_director() if name in directors else 0.0,
                person.weight_as_writer() if name in writers else 0.0,
            )
            billed = cast.get(name)
            as_cast = person.as_cast[billed] if billed is not None else 0.0
            if as_crew or as_cast:
                shared.add(name)
                group = crew if as_crew >= as_cast else actors
                group.append((-max(as_crew, as_cast), at, person.display))
        for group in (crew, actors):
            if group:
                parts.append(", ".join(name for *_, name in sorted(group)[:_NAMES_IN_LINE]))
        packed = self._keywords_packed[row]
        theirs = set(map(self._kw_fold.__getitem__, packed.split(PACK))) if packed else set()
        keywords = sorted(
            (self._count("k", key, self._keyword_rows[key]), at, display)
            for at, (key, display) in enumerate(source.keywords.items())
            if key in theirs and key not in shared
        )
        parts += [display for *_, display in keywords[:_KEYWORDS_IN_LINE]]
        year = self._years[row]
        if source.decade is not None and year and year // 10 == source.decade:
            parts.append(f"{source.decade * 10}s")
        return " · ".join(parts[:_PARTS_IN_LINE])


class RowSource(Protocol):
    """Where `like_in` finds the rows a call can reach (the store's list index)."""

    def count(self) -> int: ...
    def reach(self, people: Sequence[str], keywords: Sequence[str], genres: Sequence[str]
              ) -> tuple[list[int], dict[str, list[int]], dict[str, int]]: ...
    def rows(self, ids: Sequence[int]) -> Mapping[int, FilmSummary]: ...


def like_in(
    store: RowSource,
    film: Film,
    recommended: Sequence[int | Mapping[str, Any]] = (),
    pages: Sequence[Film] = (),
    limit: int | None = 12,
) -> MoreLikeThis:
    """`SimilarIndex(every row, pages).like(film, ...)`, over only the rows it can reach, found
    by `store` in one pass: the films naming one of `film`'s people or listing a rare keyword
    of its, the recommended ones, and `pages`; rarity as the whole store's; and, when those are
    few, the films sharing most of its common keywords, as the whole index brings them in.
    No row per film in memory (the index over every row took 30 s and 1.5 GB at 1,000,000).

    Names and keywords are found as the film's page spells them (cleaned): a row spelling one
    otherwise (case, accents) is not reached, where the whole index would fold the two alike."""
    want = wants(film)
    tied, listing, genre_counts = store.reach(want.people, want.keywords, want.genres)
    whole = Whole(store.count(), {k: len(ids) for k, ids in listing.items()}, genre_counts)
    folded = whole.folded()
    rare = max(_RARE_MIN, whole.size // _RARE_SHARE)
    common: list[str] = []
    reached = set(tied)
    for keyword, ids in listing.items():
        if folded[("k", _key(keyword))] <= rare:
            reached.update(ids)
        elif ids:
            common.append(keyword)
    # The films scored before common keywords bring in their own (as SimilarIndex._scores
    # counts them): those tied by people or rare keywords, the recommended ones in the store,
    # and pages sharing the collection or one of its people as a writer.
    source = _source(film)
    asked = [page.id for page in pages if _page_shares(page, source)]
    reached.update(store.rows([*_recommendations(recommended, film.id), *asked]))
    wanted = reached | {film.id} | {page.id for page in pages}
    if common and len(reached) < _FEW:
        wanted.update(_most_shared(Counter(chain.from_iterable(listing[k] for k in common))))
    rows = store.rows(sorted(wanted))
    return SimilarIndex(rows.values(), pages, whole=whole).like(film, recommended, limit)


def _page_shares(page: Film, source: _Source) -> bool:
    """Whether a page asked about before shares `source`'s collection or one of its people as a
    writer (what SimilarIndex.learn tells it)."""
    if source.collection and _key(page.collection or "") == source.collection:
        return True
    return any(c.job in WRITING_JOBS and c.name and _key(c.name) in source.people for c in page.crew)


def _most_shared(counts: Mapping[int, int]) -> list[int]:
    """The ids SimilarIndex._bring_in picks from id -> keywords shared, of every film sharing one."""
    if not counts:
        return []
    floor = heapq.nlargest(_SAMPLE, counts.values())[-1]
    above = [i for i, n in counts.items() if n > floor]
    level = heapq.nsmallest(_SAMPLE - len(above), (i for i, n in counts.items() if n == floor))
    return above + level


def _source(film: Film) -> _Source:
    """The film shown, as what it can share."""
    people: dict[str, _Person] = {}

    def person(name: str) -> _Person | None:
        display = clean(name)
        if not display:
            return None
        key = _key(display)
        return people.get(key) or people.setdefault(key, _Person(display))

    for name in film.directors:
        if found := person(name):
            found.directed = True
    for member in film.crew:
        if member.job in WRITING_JOBS and (found := person(member.name)):
            found.wrote = True
        elif member.job == "Director" and (found := person(member.name)):
            found.directed = True
    for position, actor in enumerate(film.cast[:_SOURCE_CAST]):
        found = person(actor.name)
        if found and found.billed is None:
            found.billed = min(position, _CAST_SLOTS - 1)
    keywords: dict[str, str] = {}
    for keyword in film.keywords:
        display = clean(keyword)
        if display:
            keywords.setdefault(_key(display), display)
    for found in people.values():
        found.as_cast = found.weights_as_cast()
    genres = list(dict.fromkeys(_key(clean(g)) for g in film.genres if clean(g)))
    collection_name = clean(film.collection or "")
    return _Source(
        people=people,
        keywords=keywords,
        genres=genres,
        collection=_key(collection_name),
        collection_name=collection_name,
        decade=film.year // 10 if film.year else None,
    )


def _add(scores: defaultdict[int, float], rows: Iterable[int], weights: Iterable[float]) -> None:
    """scores[row] += weight for each pair, the loop run in C."""
    rows = list(rows)
    deque(map(scores.__setitem__, rows, map(add, map(scores.__getitem__, rows), weights)), maxlen=0)


def _besides(rows: Iterable[int], skip: Mapping[int, Any] | None) -> Iterable[int]:
    """`rows` without those in `skip`."""
    return [row for row in rows if row not in skip] if skip else rows


def _recommendations(
    items: Sequence[int | Mapping[str, Any]], own: int
) -> dict[int, tuple[str, int | None]]:
    """TMDB's recommendations as id -> (title, year), in order, without repeats or `own`."""
    found: dict[int, tuple[str, int | None]] = {}
    for item in items:
        if isinstance(item, Mapping):
            film_id, title, year = item.get("id"), item.get("title"), item.get("year")
            if year is None and isinstance(item.get("release_date"), str):
                year = item["release_date"][:4]
        else:
            film_id, title, year = item, None, None
        if type(film_id) is not int or film_id <= 0 or film_id == own or film_id in found:
            continue  # type() is: True is an int, not a film
        year = int(year) if isinstance(year, (int, str)) and str(year).isdigit() else None
        found[film_id] = (clean(title) if isinstance(title, str) else "", year or None)
    return found


def _key(name: str) -> str:
    """A name or keyword as matched: cleaned, case- and accent-folded."""
    name = clean(name) if not name.isprintable() or "  " in name else name.strip()
    return name.lower() if name.isascii() else fold(name)


def _new_postings() -> defaultdict[Any, array]:
    """Key -> compact int array (no int objects kept, nothing for the collector to scan)."""
    return defaultdict(partial(array, "i"))


def _postings(
    keys_per_row: Sequence[Sequence[Any]],
    values_per_row: Iterable[Iterable[int]],
    into: defaultdict[Any, array] | None = None,
) -> defaultdict[Any, array]:
    """Key -> the values (rows, or cast codes) paired with it, added to `into` when given."""
    groups = _new_postings() if into is None else into
    # map() runs the lookups and appends in C: a Python loop here would be most of the build.
    keys = chain.from_iterable(keys_per_row)
    values = chain.from_iterable(values_per_row)
    deque(map(array.append, map(groups.__getitem__, keys), values), maxlen=0)
    return groups


def _folded(
    postings: Mapping[str, array], keys: Mapping[str, str], *, unique: bool = False
) -> dict[str, array]:
    """Postings under their folded keys: texts folding alike merged, "" dropped; with `unique`,
    a row's repeats dropped (a keyword listed twice must not count twice)."""
    merged: dict[str, array] = {}
    for text, items in postings.items():
        key = keys[text]
        if key in merged:  # rare: kept in order, as a row's cast codes must be
            merged[key] = array("i", sorted(merged[key] + items))
        elif key:
            merged[key] = items
    if unique:
        for key, items in merged.items():
            if len(set(items)) < len(items):
                merged[key] = array("i", dict.fromkeys(items))
    return merged


def _move(postings: dict[str, frozenset[int]], row: int, old: str, new: str) -> None:
    """Move `row` from key `old` to key `new` ("" for none), replacing the sets it changes."""
    if old and old != new:
        left = postings.get(old, frozenset()) - {row}
        if left:
            postings[old] = left
        else:
            postings.pop(old, None)
    if new:
        postings[new] = postings.get(new, frozenset()) | {row}

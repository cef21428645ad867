"""What the index holds: per-film columns and per-field vocabularies, built in bulk steps.

Rows are numbered in tie-break order (catalogue films, then popularity, then title), so ties
sort as ints; the per-film columns stay in the order given, and `order` maps a row to a film.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, compress
from operator import attrgetter

from filmtui.models import FilmSummary, unpack
from filmtui.search.packed import IDS, ROWS, Bare, Folded, Postings, RowSet, Sparse, Texts
from filmtui.search.terms import ARTICLES, FOLD, UNEVEN, WORD, fold_name, numerals, words
from filmtui.search.vocabulary import Vocab, group, postings, words_of


@dataclass(slots=True, eq=False, repr=False)
class Columns:
    """Everything search knows about a set of films, built once; packed (see `packed`)."""

    order: array  # row -> film (an index into the per-film columns)
    ids: array  # per film, as are the next five
    titles: Texts
    folded: Folded  # folded character by character: offsets map back through `origin`
    origin: dict[int, list[int]]  # offset maps, for the few titles with uneven folds ("ß")
    norm: Texts  # the title's words, joined by single spaces
    bare: Bare  # the same without a leading article
    onorm: Sparse  # film -> its different original title, normalised
    title: Vocab  # title words -> rows, as the vocabularies below
    first: Vocab  # a title's first word
    after: Vocab  # the word after a leading article
    one_word: RowSet  # rows whose title is one word
    article_one: RowSet  # ... or an article and one word
    original: Vocab
    ofirst: Vocab
    oone_word: RowSet
    years: Vocab
    people_names: Texts  # person -> name
    people: Vocab  # name words -> people
    director_rows: Postings  # person -> rows they directed
    cast_rows: Postings  # person -> rows they act in
    crew_rows: Postings  # person -> rows they have a key crew job on
    keywords: Vocab  # keyword words -> keywords
    keyword_rows: Postings  # keyword -> rows
    roles: Vocab  # words of the characters' names -> characters
    role_rows: Postings  # character -> rows


def build(films: list[FilmSummary]) -> Columns:
    """The columns of `films` (distinct ids); run with the collector paused."""
    # One pass over the film objects (each read is a likely cache miss), then columns.
    fields = "id", "title", "original_title", "year", "directors", "packed_cast", "packed_keywords"
    more = "popularity", "editorial", "packed_characters", "packed_crew"
    columns = list(zip(*map(attrgetter(*fields, *more), films))) or [()] * 11
    ids, titles, originals, years, directors, packed_cast, packed_keywords = columns[:7]
    popularity, editorial, packed_characters, packed_crew = columns[7:]
    folded = [t.lower() if t.isascii() else t.translate(FOLD) for t in titles]
    # Permuting the columns into row order costs a cache miss per film per column: postings
    # hold row numbers instead, and `order` maps a row back to a film.
    order = _popularity_order(folded, popularity, editorial)
    rank = [0] * len(order)
    deque(map(rank.__setitem__, order, range(len(order))), maxlen=0)
    size = len(order)
    # Only titles with a character that does not fold to exactly one need an offset map.
    even = UNEVEN.isdisjoint
    origin = {i: _origin(t) for i, t in enumerate(titles) if not (t.isascii() or even(t))}

    title_words = list(map(WORD.findall, folded))
    for i in [i for i, t in enumerate(folded) if "." in t]:  # few titles: no cost for the rest
        title_words[i] = words(folded[i])
    del folded
    norm = Texts.of(list(map(" ".join, title_words)))
    # Without a leading article, so "godfather" is the whole of "The Godfather".
    articled = [i for i, w in enumerate(title_words) if len(w) > 1 and w[0] in ARTICLES]
    title = Vocab(numerals(postings(title_words, rank)))
    # A title's first word, and the word after a leading article, make whole-title matches
    # set operations: "godf" starts "The Godfather", "heat" is all of "Heat".
    first = Vocab(group([w[0] if w else "" for w in title_words], rank))
    after = Vocab(group([title_words[i][1] for i in articled], map(rank.__getitem__, articled)))
    lengths = list(map(len, title_words))
    one_word = RowSet.of(compress(rank, map((1).__eq__, lengths)), size)
    article_one = RowSet.of((rank[i] for i in articled if lengths[i] == 2), size)
    del title_words  # a large temporary: lowers the build's peak memory

    with_original = [i for i, (o, t) in enumerate(zip(originals, titles)) if o and o != t]
    orows = list(map(rank.__getitem__, with_original))
    owords = [words(fold_name(originals[i])) for i in with_original]
    onorm = Sparse(array(ROWS, with_original), Texts.of(list(map(" ".join, owords))))
    original = Vocab(numerals(postings(owords, orows)))
    ofirst = Vocab(group([w[0] if w else "" for w in owords], orows))
    oone_word = RowSet.of(compress(orows, map((1).__eq__, map(len, owords))), size)
    by_year = Vocab({str(y): rows for y, rows in group(years, rank).items() if y})

    # Each packed column is split only for its own postings, and the names let go at once:
    # a name string per film and credit, held for all columns together, was the build's peak.
    by_director = postings(directors, rank)
    by_actor = postings(list(map(unpack, packed_cast)), rank)
    by_crew = postings([unpack(pairs)[::2] for pairs in packed_crew], rank)
    people = list(dict.fromkeys(chain(by_director, by_actor, by_crew)))
    director_rows = Postings.of([by_director.get(p, ()) for p in people])
    cast_rows = Postings.of([by_actor.get(p, ()) for p in people])
    crew_rows = Postings.of([by_crew.get(p, ()) for p in people])
    del by_director, by_actor, by_crew
    by_name = Vocab(words_of(people))
    by_keyword = postings(list(map(unpack, packed_keywords)), rank)
    by_role = postings(list(map(unpack, packed_characters)), rank)
    by_role.pop("", None)  # an actor whose character is not known
    return Columns(
        order=array(ROWS, order), ids=array(IDS, ids), titles=(texts := Texts.of(titles)),
        folded=Folded(texts), origin=origin, norm=norm, bare=Bare(norm), onorm=onorm,
        title=title, first=first, after=after, one_word=one_word, article_one=article_one,
        original=original, ofirst=ofirst, oone_word=oone_word, years=by_year,
        people_names=Texts.of(people), people=by_name, director_rows=director_rows,
        cast_rows=cast_rows, crew_rows=crew_rows, keywords=Vocab(words_of(list(by_keyword))),
        keyword_rows=Postings.of(list(by_keyword.values())),
        roles=Vocab(words_of(list(by_role))), role_rows=Postings.of(list(by_role.values())),
    )


def _popularity_order(
    titles: Sequence[str], popularity: Sequence[float | None], editorial: Sequence[bool]
) -> list[int]:
    """Indices with our curated catalogue first, then by popularity, highest first (unknown
    last), then by (folded) title: among equal matches the film we wrote about is the one meant."""
    order = sorted(range(len(titles)), key=titles.__getitem__)
    order.sort(key=[-(p or 0.0) for p in popularity].__getitem__)  # stable: ties stay by title
    order.sort(key=[not e for e in editorial].__getitem__)
    return order


def _origin(title: str) -> list[int]:
    """For each character of the folded title, the index of the title character it came from."""
    origin: list[int] = []
    for i, ch in enumerate(title):
        origin.extend([i] * len(FOLD[ord(ch)]))
    return origin

"""What the index holds: per-film columns and per-field vocabularies, built in bulk steps.

Rows are numbered in tie-break order (catalogue films, then popularity, then title), so ties
sort as ints; the per-film columns stay in the order given, and `order` maps a row to a film.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, compress
from operator import attrgetter

from filmtui.models import FilmSummary
from filmtui.search.terms import ARTICLES, FOLD, UNEVEN, WORD, fold_name, numerals, words
from filmtui.search.vocabulary import Vocab, group, postings, words_of


@dataclass(slots=True, eq=False, repr=False)
class Columns:
    """Everything search knows about a set of films, built once."""

    order: list[int]  # row -> film (an index into the per-film columns)
    ids: Sequence[int]  # per film, as are the next five
    titles: Sequence[str]
    folded: list[str]  # folded character by character: offsets map back through `origin`
    origin: dict[int, list[int]]  # offset maps, for the few titles with uneven folds ("ß")
    norm: list[str]  # the title's words, joined by single spaces
    bare: list[str]  # the same without a leading article
    onorm: dict[int, str]  # film -> its different original title, normalised
    title: Vocab  # title words -> rows, as the vocabularies below
    first: Vocab  # a title's first word
    after: Vocab  # the word after a leading article
    one_word: frozenset[int]  # rows whose title is one word
    article_one: frozenset[int]  # ... or an article and one word
    original: Vocab
    ofirst: Vocab
    oone_word: frozenset[int]
    years: Vocab
    people_names: list[str]  # person -> name
    people: Vocab  # name words -> people
    director_rows: list[tuple[int, ...]]  # person -> rows they directed
    cast_rows: list[tuple[int, ...]]  # person -> rows they act in
    keywords: Vocab  # keyword words -> keywords
    keyword_rows: list[tuple[int, ...]]  # keyword -> rows


def build(films: list[FilmSummary]) -> Columns:
    """The columns of `films` (distinct ids); run with the collector paused."""
    # One pass over the film objects (each read is a likely cache miss), then columns.
    fields = "id", "title", "original_title", "year", "directors", "cast", "keywords"
    columns = list(zip(*map(attrgetter(*fields, "popularity", "editorial"), films))) or [()] * 9
    ids, titles, originals, years, directors, cast, keywords, popularity, editorial = columns
    folded = [t.lower() if t.isascii() else t.translate(FOLD) for t in titles]
    # Permuting the columns into row order costs a cache miss per film per column: postings
    # hold row numbers instead, and `order` maps a row back to a film.
    order = _popularity_order(folded, popularity, editorial)
    rank = [0] * len(order)
    deque(map(rank.__setitem__, order, range(len(order))), maxlen=0)
    # Only titles with a character that does not fold to exactly one need an offset map.
    even = UNEVEN.isdisjoint
    origin = {i: _origin(t) for i, t in enumerate(titles) if not (t.isascii() or even(t))}

    title_words = list(map(WORD.findall, folded))
    for i in [i for i, t in enumerate(folded) if "." in t]:  # few titles: no cost for the rest
        title_words[i] = words(folded[i])
    norm = list(map(" ".join, title_words))
    # Without a leading article, so "godfather" is the whole of "The Godfather".
    articled = [i for i, w in enumerate(title_words) if len(w) > 1 and w[0] in ARTICLES]
    bare = norm.copy()
    for i in articled:
        bare[i] = norm[i].partition(" ")[2]
    title = Vocab(numerals(postings(title_words, rank)))
    # A title's first word, and the word after a leading article, make whole-title matches
    # set operations: "godf" starts "The Godfather", "heat" is all of "Heat".
    first = Vocab(group([w[0] if w else "" for w in title_words], rank))
    after = Vocab(group([title_words[i][1] for i in articled], map(rank.__getitem__, articled)))
    lengths = list(map(len, title_words))
    one_word = frozenset(compress(rank, map((1).__eq__, lengths)))
    article_one = frozenset(rank[i] for i in articled if lengths[i] == 2)
    del title_words  # a large temporary: lowers the build's peak memory

    with_original = [i for i, (o, t) in enumerate(zip(originals, titles)) if o and o != t]
    orows = list(map(rank.__getitem__, with_original))
    owords = [words(fold_name(originals[i])) for i in with_original]
    onorm = dict(zip(with_original, map(" ".join, owords)))  # by film, like the columns
    original = Vocab(numerals(postings(owords, orows)))
    ofirst = Vocab(group([w[0] if w else "" for w in owords], orows))
    oone_word = frozenset(compress(orows, map((1).__eq__, map(len, owords))))
    by_year = Vocab({str(y): rows for y, rows in group(years, rank).items() if y})

    by_director = postings(directors, rank)
    by_actor = postings(cast, rank)
    people = list(dict.fromkeys(chain(by_director, by_actor)))
    director_rows = [tuple(by_director.get(p, ())) for p in people]
    cast_rows = [tuple(by_actor.get(p, ())) for p in people]
    del by_director, by_actor
    by_name = Vocab(words_of(people))
    by_keyword = postings(keywords, rank)
    return Columns(
        order=order, ids=ids, titles=titles, folded=folded, origin=origin, norm=norm, bare=bare,
        onorm=onorm, title=title, first=first, after=after, one_word=one_word,
        article_one=article_one, original=original, ofirst=ofirst, oone_word=oone_word,
        years=by_year, people_names=people, people=by_name,
        director_rows=director_rows, cast_rows=cast_rows,
        keywords=Vocab(words_of(list(by_keyword))),
        keyword_rows=list(map(tuple, by_keyword.values())),
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

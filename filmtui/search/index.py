"""The search index: built once from the films, then queried on every keystroke."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

from filmtui.models import FilmSummary
from filmtui.search.columns import Columns, build
from filmtui.search.found import Found
from filmtui.search.ranking import Ranker, merged
from filmtui.search.records import Match
from filmtui.search.terms import words as words_in
from filmtui.search.typos import FEW, TitleLikeness
from filmtui.search.vocabulary import collector_paused
from filmtui.text import fold


class SearchIndex:
    """Everything search needs about a set of films: built once, queried on every keystroke."""

    def __init__(self, summaries: Iterable[FilmSummary], columns: Columns | None = None) -> None:
        if columns is None:
            with collector_paused():
                columns = build(list({s.id: s for s in summaries}.values()))
        self._columns = columns
        self._order = columns.order  # row -> film, the tie-break order
        self._ranker = Ranker(columns)
        self._likeness = TitleLikeness(columns)  # for closest(), prepared on first use

    @classmethod
    def from_columns(cls, columns: Columns) -> SearchIndex:
        """An index over columns built before (and kept on disk: see store/derived.py)."""
        return cls((), columns)

    @property
    def columns(self) -> Columns:
        """What the index holds: built once, never changed by a search (safe to save)."""
        return self._columns

    def __len__(self) -> int:
        return len(self._columns.ids)

    def search(self, query: str, limit: int | None = None, *, quick: bool = False) -> list[Match]:
        """Films matching every word of `query`, best first; [] for an empty query.

        Typo-tolerant matches are added, below all exact ones, when fewer than five films match.
        The cost grows with the number of matches returned: pass `limit` when only the first
        screenful is shown. `quick` (a keystroke's first screenful) leaves out the whole titles
        like the query until they are sorted for comparing, which at a million films takes a
        worker 1.5 s the first time: the full search adds them.
        """
        return list(self.results(query, limit, quick=quick))

    def results(self, query: str, limit: int | None = None, *, quick: bool = False) -> Sequence[Match]:
        """As `search`, with each match made only when it is read (see `Found`): for the whole
        result of a short query over a big collection, of which a screenful is shown."""
        folded = fold(query)
        words = list(dict.fromkeys(self._query_words(folded)))
        if not words or (limit is not None and limit <= 0):
            return []
        # At least FEW, so "fewer than FEW found" reads the same for a limited search.
        found: Sequence[Match] = self._matches(words, folded, None if limit is None else max(limit, FEW))
        better = self._ranker.whole_person(words)
        if len(found) < FEW and not (quick and not self._likeness.prepared):
            better.update(self._likeness.close_titles(words, found))
        if better:
            found = merged(list(found), better)
        return found if limit is None else found[:limit]

    def closest(self, query: str, limit: int = 5) -> list[int]:
        """Ids of the `limit` titles most like `query`, for "did you mean" suggestions.

        Always returns films when the index has any, however poor the likeness.
        """
        ids = self._columns.ids
        if not ids or limit <= 0:
            return []
        self._likeness.prepare()
        wanted = " ".join(self._query_words(fold(query)))
        if not wanted:
            return [ids[film] for film in self._order[:limit]]
        return [ids[film] for film, _ in self._likeness.likeliest(wanted, limit)]

    def _query_words(self, folded: str) -> list[str]:
        """The query's words as titles are indexed: initialisms as one word ("l.a." and "l a"
        are "la", when some title has that word)."""
        joined: list[str] = []
        for single, run in groupby(words_in(folded), key=lambda w: len(w) == 1):
            letters = list(run)
            if single and len(letters) > 1 and self._columns.title.exactly("".join(letters)):
                joined.append("".join(letters))
            else:
                joined += letters
        return joined

    def _matches(self, words: list[str], folded: str, limit: int | None) -> Found:
        """The films every word matches, best first, as the ranking orders them."""
        phrase = " ".join(folded.split())
        with collector_paused():
            return Found(self._columns, phrase, self._ranker.rank(words, limit), limit)

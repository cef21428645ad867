"""Finding films as the user types: an in-memory index over titles, people, keywords and years.

Domain layer: plain data in, plain data out; no UI, storage or network imports here.

Per field the index keeps a sorted vocabulary of distinct folded words, each with the films (or
people, or keywords) it occurs in. A query word then costs a binary search for word starts, one
`str.find` pass over the vocabulary for matches inside words, and set unions: the work grows
with the number of matches, not the number of films.

By job: `terms` (words as search sees them), `vocabulary` (sorted words and bulk postings),
`columns` (what the index holds, built in bulk), `kinds` (how a word can match, and its score),
`ranking` (the order of results, with the one title scorer), `typos` (typo-tolerant matching
and whole-title likeness), `highlight` (spans in the title as given), `records` (`Match` and
the named records on the way to it) and `index` (`SearchIndex`, tying them together).
"""

from __future__ import annotations

from filmtui.search.index import SearchIndex
from filmtui.search.records import Match

__all__ = ["Match", "SearchIndex"]

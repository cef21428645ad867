"""Putting matches in order: one word, several words (a film scores the mean of its words), the
whole query as a title or a person's name, and typo-tolerant matches after all exact ones.

Equal scores go by the row number (catalogue films first, then popularity, then title). A
limited search (the first screenful) takes its score levels best first and stops at the
limit, leaving the kinds of match below it (often people and keywords, the big ones) unbuilt.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain, compress, filterfalse, groupby, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from filmtui.search.columns import Columns
from filmtui.search.kinds import (
    BARE, ORIGINAL, ORIGINAL_START, START, WHOLE, Word, Words, exact_groups, exact_kinds,
)
from filmtui.search.packed import (
    ROWS, Bare, RowSet, Sparse, Texts, bare, mark, marked_in_all, meet, without,
)  # fmt: skip
from filmtui.search.records import (
    Block, Group, Key, Kind, Match, Ranked, Scored, SortedStarts, Way,
)  # fmt: skip
from filmtui.search.terms import fold_name, words as words_in
from filmtui.search.typos import FEW, MIN_FUZZY, fuzzy_groups
from filmtui.search.vocabulary import TOP, group

_PEOPLE_SCAN = 2000  # people sharing a query's exact name words checked for the whole name
# A query that is one person's name beats its words found in different people ("al pacino" is
# Al Pacino, not a film by Al Hee-ae and Val Pacino): the whole name, then its start, above
# any word-by-word person match (62) and below every title match (68).
_PERSON_WHOLE = 66.0
_PERSON_START = 64.5
# Combinations of match kinds a limited several-word search looks at one by one before it ranks
# everything at once instead: past this the results are sparse and the one-pass way is cheaper.
_COMBOS = 48
# A word matching fewer rows than 1/_FEW_ROWS of all: the rows every word matches are found from
# its rows through a set (~200 ns a row), else from all words' marks at once (~12 ns a row of all).
_FEW_ROWS = 32
_SCAN = 2000  # titles starting with a query's first word checked one by one; more, and looked up


class Ranker:
    """Ranks the rows a query matches, over one index's columns."""

    __slots__ = ("_columns", "_words", "_starts")

    def __init__(self, columns: Columns) -> None:
        self._columns = columns
        self._words = Words(columns)
        self._starts: dict[str, list[SortedStarts]] = {}  # titles starting with a common word

    def rank(self, words: list[str], limit: int | None) -> Iterator[Ranked]:
        """The rows every word matches, best first, in runs alike in score, field, highlights."""
        if len(words) == 1:
            if limit is not None:
                top = self._rank_one_top(words[0], limit)
                if top is not None:
                    return iter(top)
            return self._rank_one(words[0], limit)
        self._words.keep(words)
        if limit is None:
            return self._rank_many(words)
        return self._rank_top(words)

    def _rank_one(self, word: str, limit: int | None = None) -> Iterator[Ranked]:
        """A one-word query, kind by kind, best first: each kind's rows not in a better kind.
        Lazy, so a `limit` stops the work early."""
        runs = _kind_runs(exact_kinds(self._columns, word, whole=True), word, len(self._columns.order))
        head: list[Ranked] = []
        for run in runs:
            head.append(run)
            if sum(len(r.rows) for r in head) >= FEW:
                return chain(head, runs)
        if len(word) >= MIN_FUZZY:  # few exact matches: typo-tolerant ones join in
            return self._rank_one_typos(word, limit)
        return iter(head)

    def _rank_one_typos(self, word: str, limit: int | None = None) -> Iterator[Ranked]:
        """A one-word query with fewer than FEW exact matches, and typo-tolerant ones: groups
        of rows as sets, best first, those of equal scores interleaved; with `limit`, a run
        longer than the rows still wanted holds only its first ones (they end the search)."""
        c = self._columns
        groups = chain(exact_groups(c, word), fuzzy_groups(c, word))
        wanted = limit
        # Blocks of equal score are cut from the groups as they come, not from their disjoint
        # rows: finding where a block ends then looks at the next group's score only, and its
        # rows (a typo's keyword at a million films: 73,000) are compared with the rows before
        # only if the search goes on to it (a limited one most often stops at the first).
        disjoint = _Disjoint(len(c.order))
        for _, same in groupby(groups, key=attrgetter("fuzzy", "score")):
            block = [group for group in map(disjoint.fresh, same) if group.rows]
            if len(block) == 1:
                group = block[0]
                if wanted is not None and len(group.rows) > wanted:
                    yield Ranked(heapq.nsmallest(wanted, group.rows), group.score, group.field,
                                 group.needles)
                    return
                yield Ranked(sorted(group.rows), group.score, group.field, group.needles)
            elif block:  # equal scores from different fields (typo matches): interleave by row
                yield from _interleaved([(group.rows, group) for group in block])
            if wanted is not None:
                wanted -= sum(len(group.rows) for group in block)
                if wanted <= 0:
                    return

    def _rank_one_top(self, word: str, limit: int) -> list[Ranked] | None:
        """The best `limit` rows of a one-word query, kind by kind, each kind's smallest rows
        read without making all of them (one letter at a million films is 150,000 rows).

        The same rows as `_rank_one` for a search with this limit: exact kinds have scores of
        their own, so each is one run in row order. None when fewer than FEW rows match
        exactly (typo matches are wanted then: `_rank_one` does that).
        """
        runs: list[Ranked] = []
        taken: set[int] = set()
        for score, field, find, _, smallest, _ in exact_kinds(self._columns, word, whole=True):
            hits = find()
            if not hits:
                continue
            want = limit - len(taken)
            # Rows of better kinds are theirs: read past as many as were taken.
            rows = [row for row in smallest(hits, want + len(taken)) if row not in taken][:want]
            if rows:
                runs.append(Ranked(rows, score, field, (word,)))
                taken.update(rows)
                if len(taken) >= limit:
                    break
        return runs if len(taken) >= FEW else None

    def _rank_many(self, words: list[str]) -> Iterator[Ranked]:
        """Several words: each must match somewhere; a film scores the mean of its words."""
        size = len(self._columns.order)
        marked = [self._marked(w, size, fuzzy=False) for w in words]
        found = _all_of(marked, size)
        if len(found) < FEW and any(len(w) >= MIN_FUZZY for w in words):
            marked = [self._marked(w, size, fuzzy=len(w) >= MIN_FUZZY) for w in words]
            found = _all_of(marked, size)
        # Split the rows by the best way each word matched them: rows alike in every word form a
        # block sharing score, field and highlights. Read off the marks in C, not a loop in Python.
        combos = group(zip(*[map(m.best.__getitem__, found) for m in marked]), found)
        ranked: list[Block] = []
        for combo, alike_rows in combos.items():
            chosen = [m.ways[at - 1] for m, at in zip(marked, combo)]
            fuzzy = any(w.fuzzy for w in chosen)
            score = sum(w.score for w in chosen) / len(chosen)
            needles = tuple(n for w in chosen if w.field == "title" for n in w.needles)
            field = max(chosen, key=attrgetter("score")).field
            ranked.append(Block(Key(fuzzy, score, field, needles), frozenset(alike_rows)))
        del combos
        # Blocks alike in all but their rows go out as one.
        alike: dict[Key, frozenset[int]] = defaultdict(frozenset)
        for key, rows in self._whole_title(words, RowSet.of(found, size), ranked):
            alike[key] |= rows
        # Best first; blocks with equal scores interleave by row, the tie-break.
        order = sorted(alike, key=lambda key: (key.fuzzy, -key.score))
        for _, same in groupby(order, key=attrgetter("fuzzy", "score")):
            keys = list(same)
            if len(keys) == 1:
                key = keys[0]
                yield Ranked(sorted(alike[key]), key.score, key.field, key.needles)
            else:
                yield from _interleaved([(alike[key], key) for key in keys])

    def _rank_top(self, words: list[str]) -> Iterator[Ranked]:
        """`_rank_many`'s order, found best first and lazily, for a limited search.

        A film's score is the mean of its words' best kinds, so the combinations of kinds (one
        per word) can be taken in order of their mean without looking any rows up; each score
        level is then the films in all of its kinds but in no better kind of any word. The
        caller stops at its limit, so the kinds below it are never looked up (people and
        keywords are most of the cost). Titles starting with the whole query come first, as in
        `_whole_title`; too few exact matches, or too many combinations to try one by one, and
        the ranking is `_rank_many`'s own.
        """
        entries = [self._words[w] for w in words]
        better = self._title_starts(words)
        moved: dict[Scored, list[int]] = defaultdict(list)
        for row, scored in better.items():
            moved[scored].append(row)
        needles = tuple(words)
        head: list[Ranked] = []  # held back until it is sure no typo matches join in
        for scored in sorted(moved, key=lambda scored: -scored.score):
            head.append(Ranked(sorted(moved[scored]), scored.score, scored.field, needles))
        count = len(better)
        typos = any(len(w) >= MIN_FUZZY for w in words)
        done = 0  # rows handed out
        for level in chain([[]], _levels(entries, frozenset(better))):
            if level is None:  # too many combinations: rank everything at once
                break
            head += level
            count += sum(len(ranked.rows) for ranked in level)
            if count >= FEW or not typos:  # no typo matches: what is held back is sure
                for ranked in head:
                    done += len(ranked.rows)
                    yield ranked
                head = []
        else:
            if count >= FEW or not typos:
                return
        for ranked in self._rank_many(words):  # the same order, from the top
            if done >= len(ranked.rows):
                done -= len(ranked.rows)
                continue
            yield ranked._replace(rows=ranked.rows[done:])
            done = 0

    def _title_starts(self, words: list[str]) -> dict[int, Scored]:
        """The rows whose title starts with the whole query, and the score that gives them:
        `_whole_title`'s, found without the query's matches (such a title matches every word
        of it at a word start anyway)."""
        c, phrase, head = self._columns, " ".join(words), words[0]
        first: Sequence[int] = c.first.exactly(head)
        after: Sequence[int] = c.after.exactly(head)
        originals: Sequence[int] = c.ofirst.exactly(head)
        if len(first) + len(after) + len(originals) > _SCAN:  # "the ...": look them up instead
            first, after, originals = self._sorted_starting(head, phrase, (first, after, originals))
        return title_scores(c, phrase, chain(first, after), originals)

    def _sorted_starting(
        self, head: str, phrase: str, kinds: tuple[Sequence[int], ...]
    ) -> list[Sequence[int]]:
        """Of `kinds` (rows whose title, title after its article, original title start with the
        word `head`), those starting with `phrase`: by binary search in those titles, sorted on
        the first query starting with `head` and kept (few words start thousands of titles)."""
        starts = self._starts.get(head)
        if starts is None:
            c = self._columns
            # The original titles are kept for some films only, the others for all: all index
            # by film.
            texts: tuple[Texts | Bare | Sparse, ...] = (c.norm, c.bare, c.onorm)
            order = c.order
            starts = []
            for rows, text in zip(kinds, texts):
                keys = [text[order[row]] for row in rows]
                at = sorted(range(len(keys)), key=keys.__getitem__)
                ordered = list(map(keys.__getitem__, at)), list(map(rows.__getitem__, at))
                starts.append(SortedStarts(*ordered))
            starts = self._starts.setdefault(head, starts)
        end = phrase + TOP
        return [rows[bisect_left(keys, phrase) : bisect_left(keys, end)] for keys, rows in starts]

    def _marked(self, word: str, size: int, *, fuzzy: bool) -> _Marked:
        """For each of `size` rows, 1 + the place of the best way `word` matches it (0: none),
        marked a way at a time, worst first, each way's rows read and let go. Kept with the
        word for the next keystrokes ("night c" -> "night ci"): a byte a row."""
        entry = self._words[word]
        marked = entry.marked.get(fuzzy)
        if marked is not None:
            return marked
        ways, lists = self._words.ways(word, fuzzy=fuzzy)
        best = bytearray(size)
        if len(ways) > 255:  # not one byte a row (never so many): only the first 255 count
            del ways[255:], lists[255:]
        total = 0
        kept: list[Collection[int]] = []
        for at in reversed(range(len(ways))):
            rows = lists[at]()
            mark(best, rows, at + 1)
            total += len(rows)
            if total * _FEW_ROWS < size:  # few: kept, to start the rows every word matches from
                kept.append(rows)
        made = _Marked(ways, bytes(best), total, kept if total * _FEW_ROWS < size else None)
        return entry.marked.setdefault(fuzzy, made)

    def _whole_title(self, words: list[str], found: RowSet, ranked: list[Block]) -> list[Block]:
        """`ranked` with the rows whose title is, or starts with, the whole query moved up.

        The whole query as the title beats any word-by-word reading ("the godfather").
        """
        c, head = self._columns, words[0]
        # Such a title starts with the query's first word, whole, perhaps after an article.
        titled = found.intersection(c.first.exactly(head))
        titled = titled.union(found.intersection(c.after.exactly(head)))
        originals = found.intersection(c.ofirst.exactly(head))
        better = title_scores(c, " ".join(words), titled, originals)
        if not better:
            return ranked
        moved: dict[Scored, set[int]] = defaultdict(set)
        kept: list[Block] = []
        for key, rows in ranked:
            if not key.fuzzy:
                up = {row for row in rows.intersection(better) if better[row].score >= key.score}
                for row in up:
                    moved[better[row]].add(row)
                rows = rows.difference(up)
            if rows:
                kept.append(Block(key, rows))
        needles = tuple(words)
        return kept + [
            Block(Key(False, *scored, needles), frozenset(rows)) for scored, rows in moved.items()
        ]

    def whole_person(self, words: list[str]) -> dict[int, Scored]:
        """Film id -> score and field for the films of a person whose whole name is the query,
        or starts with it (the last word may be unfinished): "al pacino", "michael ma"."""
        if len(words) < 2:
            return {}
        c = self._columns
        people = c.people
        if not people.starting(words[-1]):  # "mann 1995": no name goes on that way
            return {}
        sets = sorted((people.exactly(w) for w in words[:-1]), key=len)
        if not sets[0] or len(sets[0]) > _PEOPLE_SCAN:
            return {}
        candidates = frozenset(sets[0]).intersection(*sets[1:])
        phrase = " ".join(words)
        found: dict[int, Scored] = {}
        for person in candidates:
            name = " ".join(words_in(fold_name(c.people_names[person])))
            if name == phrase:
                score = _PERSON_WHOLE
            elif name.startswith(phrase):
                score = _PERSON_START
            else:
                continue
            for rows, field, bonus in (
                (c.director_rows[person], "director", 0.0),
                (c.cast_rows[person], "cast", -1.0),
                (c.crew_rows[person], "crew", -3.0),
            ):
                for row in rows:
                    film = c.ids[c.order[row]]
                    if found.get(film, (0.0,))[0] < score + bonus:
                        found[film] = Scored(score + bonus, field)
        return found


def title_scores(
    columns: Columns, phrase: str, titled: Iterable[int], originals: Iterable[int]
) -> dict[int, Scored]:
    """The one title scorer for a several-word query: of the rows `titled`, those whose title
    is the whole `phrase`, is it after a leading article, or starts with it; of `originals`,
    those whose original title is or starts with it (a title's own score wins)."""
    order, norm, onorm = columns.order, columns.norm, columns.onorm
    better: dict[int, Scored] = {}
    for row in titled:
        title = norm[order[row]]
        plain = bare(title)  # from the title at hand, not looked up a second time
        if phrase == title:
            better[row] = WHOLE
        elif phrase == plain:
            better[row] = BARE
        elif title.startswith(phrase) or plain.startswith(phrase):
            better[row] = START
    for row in originals:
        title = onorm[order[row]]
        if row not in better and title.startswith(phrase):
            better[row] = ORIGINAL if title == phrase else ORIGINAL_START
    return better


def merged(matches: list[Match], better: dict[int, Scored]) -> list[Match]:
    """`matches` (best first) with the films in `better` at their score there, where that beats
    their own; ties keep the matches first, then the rest by popularity (the index's order)."""
    kept = [m for m in matches if m.id not in better or m.score >= better[m.id].score]
    present = {m.id for m in kept}
    rank = {film: at for at, film in enumerate(better)}
    added = sorted(
        (Match(film, *scored, ()) for film, scored in better.items() if film not in present),
        key=lambda m: (-m.score, rank[m.id]),
    )
    result: list[Match] = []
    at = 0
    for match in kept:
        while at < len(added) and added[at].score > match.score:
            result.append(added[at])
            at += 1
        result.append(match)
    return result + added[at:]


def _levels(entries: list[Word], skip: frozenset[int]) -> Iterator[list[Ranked] | None]:
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
        found: list[tuple[int, Key]] = []
        for combo in level:
            kinds = [word_kinds[at] for word_kinds, at in zip(alive, combo)]
            sets = sorted((e.rows(at) for e, at in zip(entries, kinds)), key=len)
            rows = meet(sets) if sets[0] else frozenset()
            for entry, word_kinds, at in zip(entries, alive, combo):
                for better in word_kinds[:at]:
                    if not rows:
                        break
                    rows = without(rows, entry.rows(better))
            if rows and skip:
                rows = rows - skip
            if not rows:
                continue
            chosen = [e.kinds[at] for e, at in zip(entries, kinds)]
            score = sum(kind.score for kind in chosen) / size
            field = max(chosen, key=attrgetter("score")).field
            needles = tuple(e.needles[0] for e, k in zip(entries, chosen) if k.field == "title")
            found += zip(rows, repeat(Key(False, score, field, needles)))
        if not found:
            continue
        found.sort(key=itemgetter(0))
        ranked: list[Ranked] = []
        for key, run in groupby(found, key=itemgetter(1)):
            ranked.append(Ranked([row for row, _ in run], key.score, key.field, key.needles))
        yield ranked


class _Disjoint:
    """Groups made disjoint in the order given: each row in the first (best) group it occurs
    in only. The rows seen are marked a byte each, not kept in a set (at a million films a
    short word's groups hold most of them; a set of them was some 50 MB more at the peak), and
    a group's rows are marked only when the next group is asked for."""

    __slots__ = ("_seen", "_last", "_any")

    def __init__(self, size: int) -> None:
        self._seen = bytearray(size)
        self._last: Collection[int] = ()
        self._any = False

    def fresh(self, group: Group) -> Group:
        """`group` without the rows of the groups before it (it may come out empty)."""
        seen = self._seen
        if self._last:
            mark(seen, self._last)
            self._any = True
        rows = frozenset(filterfalse(seen.__getitem__, group.rows)) if self._any else group.rows
        self._last = rows
        return group if len(rows) == len(group.rows) else replace(group, rows=rows)


def _kind_runs(kinds: Iterable[Kind], word: str, size: int) -> Iterator[Ranked]:
    """Each kind's rows not in a better kind (of `size` rows in all), as a run in row order;
    kinds without such rows left out. Sorted arrays made through a byte a row, not sets: a
    short word's kinds are most of a million films each, and sets of them were some 50 MB."""
    seen = bytearray(size)
    for kind in kinds:
        hits = kind.find()
        rows = _fresh(kind.every(hits), seen) if hits else ()
        if rows:
            yield Ranked(rows, kind.score, kind.field, (word,))


def _fresh(rows: Collection[int], seen: bytearray) -> array:
    """Of `rows` (a row may repeat; any order), those not `seen`, sorted, each once; they are
    marked seen. Many rows are marked a byte each and read back in order, not put in a set."""
    size = len(seen)
    if len(rows) * 8 < size:
        fresh = array(ROWS, sorted(set(filterfalse(seen.__getitem__, rows))))
    else:
        marks = bytearray(size)
        mark(marks, rows)
        fresh = array(ROWS, filterfalse(seen.__getitem__, compress(range(size), marks)))
    mark(seen, fresh)
    return fresh


def _interleaved(blocks: list[tuple[frozenset[int], Group | Key]]) -> Iterator[Ranked]:
    """The rows of equally scored blocks (rows, and what they share) in row order, the
    tie-break, in runs of rows of the same block.

    Runs, not a row at a time: a row alone costs a `Ranked` and a pass of building matches.
    """
    pairs = ((row, at) for at, (rows, _) in enumerate(blocks) for row in rows)
    for at, run in groupby(sorted(pairs, key=itemgetter(0)), key=itemgetter(1)):
        alike = blocks[at][1]
        yield Ranked([row for row, _ in run], alike.score, alike.field, alike.needles)


class _Marked(NamedTuple):
    """How a word of several matched each row: see `Ranker._marked`."""

    ways: list[Way]
    best: bytes
    total: int  # rows read (a row may recur)
    lists: list[Collection[int]] | None  # the rows read, when few


def _all_of(marked: list[_Marked], size: int) -> list[int]:
    """Rows matched by every word, ascending: from the word with the fewest rows, those
    every other word marks; or, when every word has many, the rows all of them mark."""
    first = min(marked, key=attrgetter("total"))
    if first.lists is not None:
        rows = sorted(set(chain.from_iterable(first.lists)))
        for other in marked:
            if other is not first:
                rows = list(compress(rows, map(other.best.__getitem__, rows)))
        return rows
    return marked_in_all([m.best for m in marked])

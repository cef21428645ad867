"""Search as a user meets it: what is found for what they type, in what order, what lights up."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

import pytest

import filmtui.search as search_module
from filmtui.browse import match_ids
from filmtui.models import FilmSummary
from filmtui.search import Match, SearchIndex

FILMS = [
    FilmSummary(
        238, "The Godfather", year=1972, directors=("Francis Ford Coppola",),
        cast=("Marlon Brando", "Al Pacino", "James Caan"), popularity=90.0, keywords=("mafia",),
    ),
    FilmSummary(
        949, "Heat", year=1995, directors=("Michael Mann",), cast=("Al Pacino", "Robert De Niro"),
        popularity=60.0, keywords=("heist", "los angeles"),
    ),
    FilmSummary(
        807, "Se7en", year=1995, directors=("David Fincher",), cast=("Brad Pitt", "Morgan Freeman"),
        popularity=70.0,
    ),
    FilmSummary(
        1538, "Collateral", year=2004, directors=("Michael Mann",), cast=("Tom Cruise",),
        popularity=40.0,
    ),
    FilmSummary(
        52, "Nymphomaniac", year=2013, directors=("Lars von Trier",), cast=("Stellan Skarsgård",),
        popularity=20.0,
    ),
    FilmSummary(
        15, "Army of Shadows", original_title="L'Armée des ombres", year=1969, popularity=10.0,
    ),
    FilmSummary(16, "Café Society", year=2016, popularity=5.0),
    FilmSummary(17, "Straße der Sünde", year=1950, popularity=1.0),
    FilmSummary(18, "[bold]x[/]", popularity=0.5),
    FilmSummary(19, "Scarface", year=1983, cast=("Al Pacino",), popularity=50.0),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(FILMS)


def ids(matches: list[Match]) -> list[int]:
    return [m.id for m in matches]


def title_of(film_id: int) -> str:
    return next(f.title for f in FILMS if f.id == film_id)


def highlighted(match: Match) -> list[str]:
    return [title_of(match.id)[a:b] for a, b in match.spans]


def test_title_kinds_rank_exact_then_prefix_then_word_then_inside_whatever_the_popularity() -> None:
    index = SearchIndex([
        FilmSummary(1, "Wheat Fields", popularity=99.0),  # "heat" inside a word
        FilmSummary(2, "Dead Heat", popularity=50.0),  # a word starts with it
        FilmSummary(3, "Heatwave", popularity=10.0),  # the title starts with it
        FilmSummary(4, "Heat", popularity=1.0),  # the whole title
    ])
    found = index.search("heat")
    assert ids(found) == [4, 3, 2, 1]
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert len({m.score for m in found}) == 4


def test_a_title_match_outranks_a_person_and_a_person_outranks_a_keyword() -> None:
    index = SearchIndex([
        FilmSummary(1, "Tales", keywords=("stone age",), popularity=99.0),
        FilmSummary(2, "Tales", cast=("Sharon Stone",), popularity=50.0),
        FilmSummary(3, "Stone Cold", popularity=1.0),
    ])
    found = index.search("stone")
    assert ids(found) == [3, 2, 1]
    assert [m.field for m in found] == ["title", "cast", "keyword"]


def test_equal_matches_go_by_popularity_then_title() -> None:
    index = SearchIndex([
        FilmSummary(1, "Night B", popularity=5.0),
        FilmSummary(2, "Night A", popularity=5.0),
        FilmSummary(3, "Night C", popularity=9.0),
        FilmSummary(4, "Night D"),  # popularity unknown: last
    ])
    assert ids(index.search("night")) == [3, 2, 1, 4]


def test_a_leading_article_does_not_hide_a_title() -> None:
    index = SearchIndex([
        FilmSummary(1, "Godfather's Revenge", popularity=99.0),
        FilmSummary(2, "The Godfather", popularity=1.0),
    ])
    found = index.search("godfather")
    assert ids(found) == [2, 1]
    assert found[0].spans == ((4, 13),)


def test_case_and_accents_are_ignored_both_ways(index: SearchIndex) -> None:
    assert 52 in ids(index.search("skarsgard"))
    assert ids(index.search("CAFE"))[:1] == [16]
    assert ids(index.search("café"))[:1] == [16]
    assert ids(index.search("armee"))[:1] == [15]


def test_one_letter_alone_looks_at_titles_only_but_among_other_words_finds_people() -> None:
    index = SearchIndex([
        FilmSummary(1, "Tales", cast=("Harvey Keitel",)),
        FilmSummary(2, "Hard Boiled", cast=("Chow Yun-fat",)),
    ])
    assert ids(index.search("h")) == [2]
    assert ids(index.search("ha")) == [2, 1]
    assert ids(index.search("h keitel")) == [1]


def test_a_person_finds_their_films_and_says_how(index: SearchIndex) -> None:
    pacino = index.search("pacino")
    assert set(ids(pacino)) == {238, 949, 19}
    assert {m.field for m in pacino} == {"cast"}
    assert all(m.spans == () for m in pacino)
    mann = index.search("mann")
    assert set(ids(mann)) == {949, 1538}
    assert {m.field for m in mann} == {"director"}


def test_every_word_must_match_somewhere(index: SearchIndex) -> None:
    assert ids(index.search("heat pacino")) == [949]
    assert ids(index.search("mann 1995")) == [949]
    assert ids(index.search("al pa")) == [238, 949, 19]
    assert index.search("heat brando") == []


def test_equal_scores_from_different_fields_are_all_kept_and_ordered_by_popularity() -> None:
    index = SearchIndex([
        FilmSummary(1, "Heron", cast=("Tom Campbell",), popularity=1.0),  # inside title + name
        # both words start a name (two people's: one person's whole name would rank higher)
        FilmSummary(2, "Tales", cast=("Ron Smith", "Tom Bell"), popularity=2.0),
        FilmSummary(3, "Tales", cast=("Ron Smith", "Tom Bell"), popularity=0.5),
    ])
    found = index.search("ron bell")
    assert ids(found) == [2, 1, 3]
    assert [m.field for m in found] == ["cast", "title", "cast"]
    assert found[0].score == found[1].score == found[2].score


def test_the_whole_title_typed_out_wins(index: SearchIndex) -> None:
    found = index.search("the godfather")
    assert ids(found) == [238]
    assert found[0].score == 100.0
    assert highlighted(found[0]) == ["The Godfather"]


def test_typos_still_find_titles_and_people(index: SearchIndex) -> None:
    assert ids(index.search("godfahter"))[:1] == [238]
    assert set(ids(index.search("pachino"))) == {238, 949, 19}
    assert 807 in ids(index.search("seven"))
    assert ids(index.search("heat pachino")) == [949]


def test_typo_matches_come_after_every_exact_one() -> None:
    index = SearchIndex([
        FilmSummary(1, "Casino", popularity=1.0),
        FilmSummary(2, "Casini", popularity=99.0),  # one letter off, far more popular
    ])
    found = index.search("casino")
    assert ids(found) == [1, 2]
    assert found[0].score > found[1].score


def test_typo_matches_come_after_exact_ones_with_several_words_too() -> None:
    index = SearchIndex([
        FilmSummary(1, "Tales", keywords=("casino", "royale"), popularity=1.0),  # weak but exact
        FilmSummary(2, "Royale Casini", popularity=99.0),  # strong title, one word mistyped
    ])
    assert ids(index.search("casino royale")) == [1, 2]


def test_no_typo_matches_when_enough_exact_ones() -> None:
    films = [FilmSummary(i, f"Casino {i}") for i in range(1, 6)] + [FilmSummary(9, "Casini")]
    index = SearchIndex(films)
    assert 9 not in ids(index.search("casino"))


def test_spans_mark_the_matched_text_in_the_title(index: SearchIndex) -> None:
    assert index.search("godf")[0].spans == ((4, 8),)
    assert highlighted(index.search("heat")[0]) == ["Heat"]
    both = index.search("heat pacino")[0]
    assert both.field == "title" and highlighted(both) == ["Heat"]


def test_spans_in_accented_titles_cover_the_characters_as_written(index: SearchIndex) -> None:
    assert highlighted(index.search("sunde")[0]) == ["Sünde"]
    assert highlighted(index.search("strasse")[0]) == ["Straße"]  # ß folds to two letters
    assert highlighted(index.search("cafe")[0]) == ["Café"]


def test_spans_cover_a_combining_accent() -> None:
    title = "Cafe\u0301 Noir"  # the accent as a separate character
    index = SearchIndex([FilmSummary(1, title)])
    (match,) = index.search("cafe")
    (span,) = match.spans
    assert title[span[0] : span[1]] == "Cafe\u0301"
    (noir,) = index.search("noir")
    assert noir.spans == ((6, 10),)


def test_a_title_written_without_spaces_is_found_by_any_part() -> None:
    index = SearchIndex([FilmSummary(1, "東京物語", original_title="Tokyo Story")])
    (match,) = index.search("物語")
    assert (match.field, match.spans) == ("title", ((2, 4),))
    assert ids(index.search("tokyo")) == [1]


def test_markup_in_a_title_is_plain_text(index: SearchIndex) -> None:
    found = index.search("[bold]x[/]")
    assert ids(found) == [18]
    assert highlighted(found[0]) == ["[bold]x[/]"]
    assert 18 in ids(index.search("bold"))


@pytest.mark.parametrize("query", ["", "   ", "!!!", "[/]"])
def test_a_query_with_no_words_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_limit_keeps_the_best(index: SearchIndex) -> None:
    everything = index.search("pacino")
    assert index.search("pacino", limit=2) == everything[:2]
    assert index.search("pacino", limit=0) == index.search("pacino", limit=-1) == []


def test_years_keywords_and_original_titles_are_searchable(index: SearchIndex) -> None:
    assert set(ids(index.search("1995"))) == {949, 807}
    assert {m.field for m in index.search("1995")} == {"year"}
    assert [(m.id, m.field) for m in index.search("heist")] == [(949, "keyword")]
    (army,) = index.search("armee des ombres")
    assert (army.id, army.field, army.spans) == (15, "original_title", ())


def test_typing_letter_by_letter_answers_as_a_fresh_index_would(index: SearchIndex) -> None:
    typed = "heat pacino"
    for end in range(1, len(typed) + 1):
        assert index.search(typed[:end]) == SearchIndex(FILMS).search(typed[:end]), typed[:end]


def test_closest_suggests_titles_for_an_unknown_film(index: SearchIndex) -> None:
    assert index.closest("the godfahter part")[:1] == [238]
    assert index.closest("collaterall", limit=1) == [1538]
    assert index.closest("armee des ombre", limit=1) == [15]  # original titles count too
    assert len(set(index.closest("a", limit=5))) == 5
    assert len(index.closest("zzzzqqq")) == 5
    assert len(index.closest("")) == 5
    assert SearchIndex([]).closest("heat") == []


def test_size_counts_films_once() -> None:
    assert len(SearchIndex(FILMS + FILMS[:3])) == len(FILMS)
    assert len(SearchIndex([])) == 0 and SearchIndex([]).search("heat") == []


def test_matches_are_immutable(index: SearchIndex) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        index.search("heat")[0].score = 0.0  # type: ignore[misc]


def test_search_stays_out_of_the_ui_storage_and_network_layers() -> None:
    code = (
        "import sys, filmtui.search; print(sorted({'textual', 'tinydb', 'httpx'} & {*sys.modules}))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def _catalogue(size: int, seed: int) -> list[FilmSummary]:
    """Films made of few words, so queries find many at every kind of match, with ties."""
    import random

    rnd = random.Random(seed)
    words = ["heat", "heart", "the", "a", "night", "city", "al", "pa", "pacino", "mann", "alpha",
             "palace", "café", "straße", "1995", "dark", "blood", "hearth", "wheat", "man"]
    people = ["Al Pacino", "Michael Mann", "Alain Delon", "Pam Grier", "Mann Heatley",
              "Stellan Skarsgård", "Heath Ledger", "Palma Night", "Dan Hearst", "Ally Paley"]
    keywords = ["heist", "palace coup", "night city", "alpha male", "hearth", "1995 riots"]

    def title() -> str:
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4))).capitalize()

    return [
        FilmSummary(
            i, title(), original_title=title() if rnd.random() < 0.2 else "",
            year=rnd.choice([1995, 1959, 2001, None]),
            directors=tuple(rnd.sample(people, 1)), cast=tuple(rnd.sample(people, 3)),
            keywords=tuple(rnd.sample(keywords, 2)),
            popularity=rnd.choice([None, 1.0, 2.5, 7.0, 9.0]), editorial=rnd.random() < 0.05,
        )
        for i in range(1, size + 1)
    ]


LIMITED_QUERIES = [
    "al pa", "heat pacino", "mann 1995", "h k", "he a", "the heat", "the night city", "a heat",
    "night city", "heat the", "al pa 19", "dark blood heat", "cafe strasse", "heath al",
    "ea ni", "pal mann", "mann hea", "pacin heat", "heat pachino", "hearth wheat", "xq heat",
    "man man", "the a", "alpha palace 1995 night", "heat heart hearth wheat night", "blod dark",
    # One mistyped word: typo groups cut at the limit, and groups of equal score interleaved.
    "pachino", "nigth", "palaec", "hearht", "heisst", "mannn",
]


@pytest.mark.parametrize(
    ("seed", "scan", "combos"),
    [(1, 2000, 48), (2, 2000, 48), (3, 0, 48), (4, 2000, 0), (5, 0, 100_000)],
    ids=["as-is", "as-is-2", "sorted-titles", "at-once", "one-by-one"],
)
def test_a_limited_search_is_the_head_of_the_full_one(
    seed: int, scan: int, combos: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ways a limited search may take: titles starting with the query checked one by one or
    # looked up in sorted titles; kinds of match combined one by one, or all at once.
    monkeypatch.setattr(search_module.ranking, "_SCAN", scan)
    monkeypatch.setattr(search_module.ranking, "_COMBOS", combos)
    films = _catalogue(600, seed)
    warm = SearchIndex(films)
    for query in LIMITED_QUERIES:
        everything = SearchIndex(films).search(query)
        for limit in (1, 3, 5, 7, 20, 100, 1000):
            fresh = SearchIndex(films).search(query, limit=limit)
            assert fresh == everything[:limit], (query, limit)
            assert warm.search(query, limit=limit) == everything[:limit], (query, limit)
        assert warm.search(query) == everything, query


def test_searches_from_two_threads_at_once_answer_as_one_alone() -> None:
    from concurrent.futures import ThreadPoolExecutor

    films = _catalogue(400, 7)
    expected = {
        (q, limit): SearchIndex(films).search(q, limit=limit)
        for q in LIMITED_QUERIES for limit in (None, 10)
    }
    shared = SearchIndex(films)

    def run(offset: int) -> list[bool]:
        keys = list(expected)[offset:] + list(expected)[:offset]
        return [shared.search(q, limit=limit) == expected[q, limit] for q, limit in keys * 3]

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        with ThreadPoolExecutor(2) as pool:
            assert all(all(ok) for ok in pool.map(run, [0, len(expected) // 2]))
    finally:
        sys.setswitchinterval(interval)


def test_closest_picks_what_comparing_every_title_picks() -> None:
    import random

    from rapidfuzz import fuzz, process

    from filmtui.text import fold

    films = _catalogue(800, 9)
    index = SearchIndex(films)
    # Every title compared, ties to the earlier: titles in tie-break order, then originals.
    rows = [films[at] for at in index._order]
    choices = [(" ".join(re.findall(r"\w+", fold(f.title))), f.id) for f in rows]
    choices += [(" ".join(re.findall(r"\w+", fold(f.original_title))), f.id)
                for f in films if f.original_title and f.original_title != f.title]
    rnd = random.Random(3)
    queries = ["heat pachino", "xq", "the nite city", "cafe strase 1995", "a", "zzzzzzzzzzzzzzzzzz"]
    queries += [title[: rnd.randint(1, len(title))] + "x" for title, _ in rnd.sample(choices, 40)]
    for query in queries:
        for limit in (1, 5, 9):
            wanted = " ".join(re.findall(r"\w+", fold(query)))
            found = process.extract(wanted, [t for t, _ in choices], scorer=fuzz.ratio,
                                    limit=2 * limit)
            expected = list(dict.fromkeys(choices[at][1] for _, _, at in found))[:limit]
            assert index.closest(query, limit) == expected, (query, limit)


def test_a_whole_result_read_lazily_is_the_search_result(index: SearchIndex) -> None:
    # The browser's full view reads matches as rows are drawn: any position, any slice, the
    # same matches (fields, highlights) a list would have.
    for query in ("the", "pacino", "heat", "mann 1995", "godfahter"):
        eager = index.search(query)
        lazy = index.results(query)
        assert len(lazy) == len(eager) and list(match_ids(lazy)) == ids(eager)
        assert list(lazy) == eager
        assert lazy[1:3] == eager[1:3] and lazy[-1] == eager[-1]
        with pytest.raises(IndexError):
            lazy[len(eager)]


def test_the_first_screenful_is_the_head_of_the_whole_result() -> None:
    # A keystroke shows search(q, limit); the worker's full result replaces it: the rows must
    # not jump. Titles repeat words ("Heat Heat"), share sequel numbers (II and 2), and people
    # and years match too, so every kind of match and its shortcut for a limit is crossed.
    import random

    rng = random.Random(7)
    vocab = ["heat", "heart", "heist", "the", "night", "ii", "2", "hell", "harbour", "paris"]
    people = ["Helen Hunt", "Harry Lime", "Paul Newman", "Pam Grier", "Nina Hoss"]
    films = [
        FilmSummary(
            n, " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 4))).title(),
            year=rng.randint(1990, 2010), popularity=rng.random() * 100,
            directors=(rng.choice(people),), cast=tuple(rng.sample(people, 2)),
        )
        for n in range(1, 400)
    ]
    # The most popular films say a word twice: their rows come twice in its list.
    films += [FilmSummary(1000 + n, "Paris Quay Quay", popularity=1000.0 - n) for n in range(50)]
    index = SearchIndex(films)
    queries = ("h", "he", "hea", "heat", "p", "pa", "n", "ni", "2", "ii", "199", "t", "hel", "quay")
    for query in queries:
        whole = index.search(query)
        for limit in (5, 12, 60):
            assert index.search(query, limit=limit) == whole[:limit], (query, limit)

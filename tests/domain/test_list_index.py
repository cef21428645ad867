"""The list read from index.sqlite a page at a time: every sort and filter gives the rows a plain
Python sort and filter of every film would, on a store of a few hundred synthetic films."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from filmtui.browse import Filters
from filmtui.browser import Browser, Rows
from filmtui.store import Store
from filmtui.store.index import title_key

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from make_catalogue import films_of  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from filmtui.store.bulk import build

    root = tmp_path_factory.mktemp("list") / "data"
    build(root, lambda shards: films_of(shards, 400, 11))
    return Store.open(root)


def expected(films, sort: str, keep=lambda f: True, mine=None) -> list[int]:
    """The order filmtui showed when every row was in memory (browse.py before index.sqlite)."""
    by_title = sorted(films, key=lambda f: (title_key(f.title), f.year or 0))
    keys = {
        "title": lambda f: 0,
        "year": lambda f: -(f.year or 0),
        "rating": lambda f: -(f.rating or -1.0),
        "box office": lambda f: -(f.revenue or -1),
        "your rating": lambda f: -(mine or {}).get(f.id, 0),
    }
    return [f.id for f in sorted(by_title, key=keys[sort]) if keep(f)]


def shown(rows) -> list[int]:
    return [f.id for f in rows]


@pytest.mark.parametrize("sort", ["title", "year", "rating", "box office"])
def test_every_sort_reads_the_order_a_full_sort_gives(store: Store, sort: str) -> None:
    films = store.summaries()
    browser = Browser(store.list_index(), build=False)
    rows = browser.view("", sort).rows
    assert len(rows) == len(films) == 441
    assert shown(rows) == expected(films, sort)
    browser.prepare(sort)  # the ids read by a worker: the same rows, read by id
    assert shown(browser.view("", sort).rows) == expected(films, sort)


def test_filters_and_your_rating_run_in_the_index_as_they_did_in_memory(store: Store) -> None:
    films = store.summaries()
    browser = Browser(store.list_index(), build=False)
    genre = browser.genres[0]
    decade = browser.decades[1]
    certification = browser.certifications[0]
    watchlist = frozenset(f.id for f in films[::7])
    mine = {f.id: (f.id % 10) + 1 for f in films[::5]}
    cases = [
        (Filters(genre=genre), lambda f: genre in f.genres),
        (Filters(decade=decade), lambda f: bool(f.year) and f.year // 10 * 10 == decade),
        (Filters(certification=certification), lambda f: f.certification == certification),
        (Filters(only=watchlist), lambda f: f.id in watchlist),
        (Filters(yours="not seen", yours_ids=watchlist), lambda f: f.id not in watchlist),
        (Filters(genre=genre, decade=decade), lambda f: genre in f.genres and f.year // 10 * 10 == decade),
    ]
    for filters, keep in cases:
        for sort in ("title", "year", "your rating"):
            view = browser.view("", sort, filters, mine)
            assert shown(view.rows) == expected(films, sort, keep, mine), (filters, sort)
            assert len(view.rows) == len(expected(films, sort, keep, mine))


def test_a_query_keeps_the_search_order_or_sorts_its_matches_in_the_index(store: Store) -> None:
    films = {f.id: f for f in store.summaries()}
    browser = Browser(store.list_index())
    matches = [m.id for m in browser.index.search("the")]
    assert len(matches) > 20
    assert shown(browser.view("the").rows) == matches
    by_year = shown(browser.view("the", "year").rows)
    assert by_year == expected([films[i] for i in matches], "year")
    kept = shown(browser.view("the", "relevance", Filters(decade=browser.decades[0])).rows)
    assert kept == [i for i in matches if (films[i].year or 0) // 10 * 10 == browser.decades[0]]


def test_rows_read_a_few_pages_not_the_collection(store: Store) -> None:
    rows = Rows(store.list_index(), order="title")
    rows.PAGE, rows.KEEP = 10, 2
    assert rows[0].id == expected(store.summaries(), "title")[0]
    assert rows[-1].id == expected(store.summaries(), "title")[-1]
    rows[200], rows[300]
    assert len(rows._pages) == 2, "only the last pages read are kept"


@pytest.mark.parametrize("ratings, rated", [((None, 0.0, None), False), ((None, 7.1, 0.0), True)])
def test_the_rating_column_shows_only_when_some_film_has_a_tmdb_rating(ratings, rated) -> None:
    from filmtui.models import FilmSummary
    from filmtui.store.index import ListIndex

    rows = [FilmSummary(i + 1, f"Film {i}", rating=r) for i, r in enumerate(ratings)]
    assert Browser(ListIndex.in_memory(rows), build=False).rated is rated


def test_each_connection_keeps_a_small_page_cache(store: Store) -> None:
    # One connection per thread that reads: at SQLite's default 2 MB each they were ~9 MB of
    # the browser's peak at 100,000 films.
    db = store.list_index().db()
    assert db.execute("PRAGMA cache_size").fetchone()[0] == -512

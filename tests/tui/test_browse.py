"""The list's domain helpers without Textual: search, sort and filters combined; people's credits."""

from __future__ import annotations

import subprocess
import sys

from filmtui.browse import Filters
from filmtui.browser import Browser
from filmtui.models import FilmSummary, PersonCredit
from filmtui.people import PeopleIndex, merge_credits

FILMS = [
    FilmSummary(1, "The Alpha", year=1995, directors=("Ann Lee",), cast=("Bo Ek", "Cy Dü"),
                characters=("Hero", ""), genres=("Crime",), certification="R", rating=7.0,
                revenue=100),
    FilmSummary(2, "beta", year=2004, directors=("Ann Lee",), genres=("Drama",), certification="PG",
                rating=8.5),
    FilmSummary(3, "Gamma", year=1999, cast=("Bo Ek",), characters=("Villain",), genres=("Crime",),
                certification="R", revenue=500),
    FilmSummary(4, "An Omega", year=None, genres=("Crime", "Drama")),
]


def titles(rows) -> list[str]:
    return [film.title for film in rows]


def test_sorts_put_unknown_values_last_and_ignore_articles() -> None:
    browser = Browser(FILMS)
    assert titles(browser.view(sort="title").rows) == ["The Alpha", "beta", "Gamma", "An Omega"]
    assert titles(browser.view(sort="relevance").rows) == titles(browser.view(sort="title").rows)
    assert titles(browser.view(sort="year").rows) == ["beta", "Gamma", "The Alpha", "An Omega"]
    assert titles(browser.view(sort="rating").rows) == ["beta", "The Alpha", "Gamma", "An Omega"]
    assert titles(browser.view(sort="box office").rows) == ["Gamma", "The Alpha", "beta", "An Omega"]


def test_your_lists_filter_seen_not_seen_and_rated_and_sort_by_your_rating() -> None:
    browser = Browser(FILMS)
    seen = Filters(yours="seen", yours_ids=frozenset({2, 3}))
    assert titles(browser.view(filters=seen).rows) == ["beta", "Gamma"]
    assert seen.describe() == "seen"
    not_seen = Filters(yours="not seen", yours_ids=frozenset({2, 3}))
    assert titles(browser.view(filters=not_seen).rows) == ["The Alpha", "An Omega"]
    ratings = {3: 9, 4: 2, 1: 9}
    # Ties by title; films you did not rate last; not cached, so a new rating shows at once.
    assert titles(browser.view(sort="your rating", ratings=ratings).rows) == ["The Alpha", "Gamma", "An Omega", "beta"]
    assert titles(browser.view(sort="your rating", ratings={2: 1}).rows)[0] == "beta"
    assert titles(browser.view("ann", sort="your rating", ratings=ratings).rows) == ["The Alpha", "beta"]


def test_filters_combine_with_search_and_sort() -> None:
    browser = Browser(FILMS)
    crime = Filters(genre="Crime")
    assert titles(browser.view(sort="year", filters=crime).rows) == ["Gamma", "The Alpha", "An Omega"]
    assert titles(browser.view(filters=Filters(decade=1990)).rows) == ["The Alpha", "Gamma"]
    assert titles(browser.view(filters=Filters(certification="PG")).rows) == ["beta"]
    view = browser.view("ek", sort="year", filters=crime)
    assert titles(view.rows) == ["Gamma", "The Alpha"]
    assert view.total == 4
    assert not Filters() and Filters(decade=1990)
    assert Filters(genre="Crime", decade=1990, certification="R").describe() == "Crime, 1990s, R"


def test_no_match_suggests_closest_titles_and_spans_come_from_the_search() -> None:
    browser = Browser(FILMS)
    view = browser.view("gamma")
    assert titles(view.rows) == ["Gamma"] and view.match(0, 3).spans == ((0, 5),)
    # In another order than the matches' a row's match is found by its film.
    by_year = browser.view("ek", sort="year")
    by_year.prepare()
    assert [(film.title, by_year.match(at, film.id).field) for at, film in enumerate(by_year.rows)] == [
        ("Gamma", "cast"), ("The Alpha", "cast")]
    assert by_year.match(0, 2) is None  # beta: not matched
    empty = browser.view("xqzw")
    assert empty.rows == [] and 0 < len(empty.suggestions) <= 5
    first = browser.first_matches("a", 1)
    assert len(first.rows) == 1
    assert browser.genres == ["Crime", "Drama"]
    assert browser.decades == [2000, 1990]
    assert browser.certifications == ["PG", "R"]


def test_people_index_credits_directors_and_cast_accent_blind() -> None:
    people = PeopleIndex(FILMS)
    assert people.credits("bo ek") == [
        PersonCredit(3, "Gamma", 1999, "Villain"),
        PersonCredit(1, "The Alpha", 1995, "Hero"),
    ]
    assert people.credits("Cy Du") == [PersonCredit(1, "The Alpha", 1995, "Cast")]
    assert [c.role for c in people.credits("Ann Lee")] == ["Director", "Director"]
    assert people.find("lee") == ["Ann Lee"] and people.find("du") == ["Cy Dü"]
    assert people.name("ann lee") == "Ann Lee"
    known = PersonCredit(2, "beta", 2004, "Editor")
    assert merge_credits(people.credits("Ann Lee"), [known])[0] == PersonCredit(2, "beta", 2004, "Director")
    assert len(merge_credits(people.credits("Ann Lee"), [known])) == 3


def test_domain_helpers_do_not_import_textual() -> None:
    code = (
        "import sys, filmtui.browse, filmtui.people, filmtui.search;"
        "bad = [m for m in ('textual', 'tinydb', 'httpx') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_screens_and_widgets_do_not_import_tinydb_or_httpx() -> None:
    code = (
        "import sys, filmtui.app, filmtui.screens.film_screen, filmtui.screens.list_screen,"
        " filmtui.screens.person_screen, filmtui.screens.help_screen, filmtui.screens.about_screen,"
        " filmtui.screens.filter_dialog, filmtui.widgets.film_list, filmtui.widgets.credit_list,"
        " filmtui.widgets.spoiler_list, filmtui.commands;"
        "bad = [m for m in ('tinydb', 'httpx') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_order_s_ids_are_read_once_however_many_threads_ask() -> None:
    # Keys typed while loading each sent a worker to read the title order's ids: a million
    # films read three times at once held up the echo. The others wait for the one read.
    import threading
    import time

    browser = Browser(FILMS)
    index = browser.list_index
    reads = []
    real = index.iter_ids

    def slow_iter_ids(*args, **kwargs):
        reads.append(1)
        time.sleep(0.05)
        return real(*args, **kwargs)

    index.iter_ids = slow_iter_ids  # type: ignore[method-assign]
    threads = [threading.Thread(target=browser.prepare, args=("title",)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reads) == 1
    assert len(browser.order("title").ids()) == len(FILMS)

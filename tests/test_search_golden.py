"""Search ranks as it did: the same films, scores, fields and highlights for every query of the
golden file (tests/data/search-golden.json), on the same fixed synthetic store.

A failure here means a change altered what users see for some query. If that was the intent,
regenerate the file with tests/make_search_golden.py and say so in the commit; if not, it is a bug.
"""

from __future__ import annotations

import json

import pytest
from make_search_golden import CLOSEST, GOLDEN, QUERIES, TOP, answers, films, results

from filmtui.search import SearchIndex


@pytest.fixture(scope="module")
def golden() -> dict[str, object]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def today() -> dict[str, object]:
    return results(SearchIndex(films()))


def test_the_golden_file_covers_every_query(golden: dict[str, object]) -> None:
    assert list(golden["search"]) == QUERIES  # type: ignore[call-overload]
    assert list(golden["closest"]) == CLOSEST  # type: ignore[call-overload]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_finds_what_it_found(
    query: str, golden: dict[str, object], today: dict[str, object]
) -> None:
    expected, found = golden["search"][query], today["search"][query]  # type: ignore[index]
    assert found[f"top{TOP}"] == expected[f"top{TOP}"]
    assert found["all"] == expected["all"]


def test_suggestions_are_what_they_were(
    golden: dict[str, object], today: dict[str, object]
) -> None:
    assert today["closest"] == golden["closest"]


def test_typing_a_query_letter_by_letter_ends_where_typing_it_at_once_does(
    golden: dict[str, object],
) -> None:
    # The index remembers recent query words; after every prefix, the full query answers the same.
    index = SearchIndex(films())
    for query in ["heat pacino", "al pa 19", "no country for old man", "godfahter part"]:
        for end in range(1, len(query)):
            index.search(query[:end], TOP)
        assert answers(index, query) == golden["search"][query]  # type: ignore[index]


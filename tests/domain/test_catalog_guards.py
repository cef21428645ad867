"""Guards on the embedded catalogue: the editor's rules, run on every shipped film.

The fact sheet is kept in tests/data (a copy of shared/catalog-facts/films.json, version 2) so these
checks run anywhere; the seed page is kept only as hashes of its eight-word runs
(tests/copycheck.py).
The rules themselves live in tests/catalog_rules.py, one function each; the tests here run each
rule on each film, with ids like `heat-1995.toml-no-process-words`, so an editor can run one page
(`pytest tests/domain/test_catalog_guards.py -k heat-1995`) or one rule (`-k no-process-words`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import pytest

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

import catalog_rules as rules  # noqa: E402

from filmtui.catalog import load_catalog  # noqa: E402

DATA = TESTS / "data"
SHEET = json.loads((DATA / "catalog-facts.json").read_text())
SEED_RUNS = {line for line in (DATA / "seed-runs.sha1").read_text().split() if len(line) == 40}
FILMS = load_catalog().films
BY_TITLE = {f["title"]: f for f in FILMS}
FACT_RUNS, QUESTION_RUNS = rules.sheet_runs(SHEET)
FILM_FREQUENCY = rules.film_frequency(SHEET)

per_film = pytest.mark.parametrize("film", FILMS, ids=lambda f: f["file"])


def sheet_entry(film: dict) -> dict:
    for entry in SHEET:
        if film["id"] in (entry.get("tmdb_id"), entry.get("tmdb_id_candidate")):
            return entry
    raise AssertionError(f"{film['file']}: id {film['id']} is not in the fact sheet")


def report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


def test_the_catalogue_holds_all_41_films_of_the_fact_sheet() -> None:
    assert load_catalog().problems == []
    assert len(FILMS) == len(SHEET) == 41
    assert {sheet_entry(f)["title"] for f in FILMS} == {e["title"] for e in SHEET}


def test_the_fact_sheet_copy_is_version_2() -> None:
    for entry in SHEET:
        assert entry["premise"]["text"], entry["title"]
        assert 6 <= len(entry["questions"]) <= 10, entry["title"]
        assert 6 <= len(entry["trivia"]) <= 10, entry["title"]
        assert set(entry["advisories"]["list"]) <= rules.ADVISORIES, entry["title"]
        for key in ("corrections", "better_sources", "cast_characters"):
            assert isinstance(entry[key], list), (entry["title"], key)


ALL_SOURCES = set().union(*(rules.sheet_sources(e) for e in SHEET))


#: Every editor's rule a page must keep, by the name its test id carries.
RULES: dict[str, Callable[[dict], list[str]]] = {
    "written-in-full": rules.written_in_full_problems,
    "six-to-ten-faq-and-trivia": rules.count_problems,
    "one-metadata-question-at-most": rules.metadata_problems,
    "no-trivia-restating-faq-or-synopsis": rules.restated_trivia_problems,
    "sources-from-the-sheet": lambda film: rules.unknown_source_problems(film, ALL_SOURCES),
    "no-denied-source-host": rules.source_problems,
    "no-replaced-source": lambda film: rules.old_source_problems(film, sheet_entry(film)),
    "no-process-words": rules.process_word_problems,
    "sheet-spoilers-flagged": lambda film: rules.spoiler_problems(
        film, sheet_entry(film), FILM_FREQUENCY
    ),
    "no-copied-sentence": lambda film: rules.copy_problems(
        film, FACT_RUNS, QUESTION_RUNS, SEED_RUNS
    ),
    "complexity-no-template": lambda film: rules.template_problems(film, FILMS),
    "advisories-from-the-sheet": lambda film: rules.advisory_problems(film, sheet_entry(film)),
    "facts-agree-with-corrections": lambda film: rules.fact_problems(film, sheet_entry(film)),
    "cast-in-billing-order": lambda film: rules.cast_order_problems(film, sheet_entry(film)),
    "characters-from-the-sheet": lambda film: rules.character_problems(film, sheet_entry(film)),
}


@pytest.mark.parametrize("rule", RULES)
@per_film
def test_the_page_keeps_the_rule(film: dict, rule: str) -> None:
    problems = RULES[rule](film)
    assert not problems, report(problems)


def test_every_correction_of_a_checked_field_is_applied() -> None:
    named = {(e["title"], name) for e in SHEET for name in rules.corrected_fields(e)}
    missing = named - set(rules.CORRECTED)
    assert not missing, f"corrections not yet read into catalog_rules.CORRECTED: {missing}"


# --- across films ---------------------------------------------------------------------------------


def films_of(name: str) -> set[str]:
    return {
        f["title"] for f in FILMS if name in {c["name"] for c in f["cast"]} | set(f["directors"])
    }


def test_the_same_person_is_one_person_across_films() -> None:
    assert {"Heat", "The Godfather", "Scarface", "Dog Day Afternoon", "The Insider"} <= films_of(
        "Al Pacino"
    )
    assert {
        "Heat",
        "Taxi Driver",
        "Goodfellas",
        "Casino",
        "The Godfather Part II",
        "Once Upon a Time in America",
        "The Untouchables",
        "Ronin",
    } <= films_of("Robert De Niro")
    assert {"Heat", "Thief", "Manhunter", "Collateral"} <= films_of("Michael Mann")


def test_collections_link_related_films() -> None:
    assert (
        BY_TITLE["The Godfather"]["collection"] == BY_TITLE["The Godfather Part II"]["collection"]
    )
    assert BY_TITLE["Heat"]["collection"] == BY_TITLE["L.A. Takedown"]["collection"]

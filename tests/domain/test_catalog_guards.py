"""Guards on the embedded catalogue: our words only, facts that match the fact sheet, people linked.

The fact sheet is kept in tests/data (a copy of shared/catalog-facts/films.json) so these checks run
anywhere; the seed page is kept only as hashes of its eight-word runs (see tests/copycheck.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copycheck import digest, runs, words  # noqa: E402

from filmtui.catalog import load_catalog  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
SHEET = json.loads((DATA / "catalog-facts.json").read_text())
SEED_RUNS = {line for line in (DATA / "seed-runs.sha1").read_text().split() if len(line) == 40}
FILMS = load_catalog().films
BY_TITLE = {f["title"]: f for f in FILMS}


def sheet_entry(film: dict) -> dict:
    for entry in SHEET:
        if film["id"] in (entry.get("tmdb_id"), entry.get("tmdb_id_candidate")):
            return entry
    raise AssertionError(f"{film['file']}: id {film['id']} is not in the fact sheet")


def our_texts(film: dict) -> list[str]:
    texts = [film.get("blurb", ""), film.get("synopsis", ""), film.get("complexity", "")]
    texts += [f"{item['question']} {item['answer']}" for item in film.get("faq", [])]
    texts += [item["text"] for item in film.get("trivia", [])]
    return texts


def test_the_catalogue_holds_all_41_films_of_the_fact_sheet() -> None:
    assert load_catalog().problems == []
    assert len(FILMS) == len(SHEET) == 41
    assert {sheet_entry(f)["title"] for f in FILMS} == {e["title"] for e in SHEET}


FACT_RUNS = set().union(*(runs(fact["text"]) for entry in SHEET for fact in entry.get("facts", [])))


@pytest.mark.parametrize("film", FILMS, ids=lambda f: f["file"])
def test_no_sentence_is_copied(film: dict) -> None:
    for text in our_texts(film):
        for run in runs(text):
            assert digest(run) not in SEED_RUNS, f"shared with the seed page: {run!r}"
            assert run not in FACT_RUNS, f"shared with the fact sheet: {run!r}"


def test_the_copy_check_catches_a_copied_sentence() -> None:
    seed_like = "the fact sheet " + SHEET[0]["facts"][0]["text"]
    assert any(run in FACT_RUNS for run in runs(seed_like))


@pytest.mark.parametrize("film", FILMS, ids=lambda f: f["file"])
def test_facts_agree_with_the_fact_sheet(film: dict) -> None:
    entry = sheet_entry(film)
    assert film["title"] == entry["title"]
    assert film["year"] == entry["year"]
    assert film["directors"] == entry["directors"]
    assert film.get("runtime") == entry["runtime_minutes"]
    if "imdb_id" in film:
        assert film["imdb_id"] == entry["imdb_id"]
    if "budget" in film:
        assert film["budget"] == entry["budget_usd"]
    if "revenue" in film:
        assert film["revenue"] == entry["box_office_worldwide_usd"]
    if "certification" in film:
        assert film["certification"] == entry["mpaa_rating"]
        if not entry.get("mpaa_rating_verified"):
            assert "certification" in film.get("unverified", [])
    if "release_date" in film:
        # The US date, which a note gives when the sheet's own date is a premiere elsewhere.
        assert film["release_date"] in (entry["release_date"], *_dates_in(entry.get("release_note")))
    if not entry.get("tmdb_id_verified", True):
        assert "id" in film.get("unverified", [])


def _dates_in(note: str | None) -> list[str]:
    import re

    return re.findall(r"\d{4}-\d{2}-\d{2}", note or "")


@pytest.mark.parametrize("film", FILMS, ids=lambda f: f["file"])
def test_cast_follows_the_sheet_and_never_invents_a_character(film: dict) -> None:
    entry = sheet_entry(film)
    sheet = [(c["name"], c.get("character") or "") for c in entry["cast"]]
    ours = [(c["name"], c["character"]) for c in film["cast"]]
    assert [name for name, _ in ours] == [name for name, _ in sheet][: len(ours)]
    for (name, character), (_, known) in zip(ours, sheet):
        # Blank, the sheet's name, or the confirmed part of it ("Mike" of "Mike Dorsett").
        assert set(character.split()) <= set(known.split()), f"{name}: {character!r} vs {known!r}"


@pytest.mark.parametrize("film", FILMS, ids=lambda f: f["file"])
def test_every_film_is_written_in_full(film: dict) -> None:
    assert len(film["faq"]) >= 4 and len(film["trivia"]) >= 4
    assert 60 <= len(words(film["synopsis"])) <= 120
    assert film["blurb"] and film["complexity"] and film["advisories"]
    sources = {s for e in SHEET for s in e.get("sources", [])}
    sources |= {f["source"] for e in SHEET for f in e.get("facts", [])}
    for item in film["faq"] + film["trivia"]:
        assert item["source"] in sources, f"{film['file']}: unknown source {item['source']}"


def films_of(name: str) -> set[str]:
    return {f["title"] for f in FILMS if name in {c["name"] for c in f["cast"]} | set(f["directors"])}


def test_the_same_person_is_one_person_across_films() -> None:
    assert {"Heat", "The Godfather", "Scarface", "Dog Day Afternoon", "The Insider"} <= films_of(
        "Al Pacino"
    )
    assert {"Heat", "Taxi Driver", "Goodfellas", "Casino", "The Godfather Part II",
            "Once Upon a Time in America", "The Untouchables", "Ronin"} <= films_of("Robert De Niro")
    assert {"Heat", "Thief", "Manhunter", "Collateral"} <= films_of("Michael Mann")


def test_collections_link_related_films() -> None:
    assert BY_TITLE["The Godfather"]["collection"] == BY_TITLE["The Godfather Part II"]["collection"]
    assert BY_TITLE["Heat"]["collection"] == BY_TITLE["L.A. Takedown"]["collection"]

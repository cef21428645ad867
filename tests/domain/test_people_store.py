"""People fetched from TMDB are stored in people.json: found by name again, and a damaged file
is set aside (never a crash), the films untouched."""

from __future__ import annotations

from pathlib import Path

from filmtui.models import BIOGRAPHY_LENGTH
from filmtui.store import Store
from filmtui.tmdb.people import map_person
from tmdb.server import sample


def test_a_person_is_stored_and_found_by_name_with_every_credit(data_dir: Path) -> None:
    store = Store.open(data_dir)
    doc = map_person(sample("person_287_append_movie_credits_etc.json"), 287, "2026-12-01T10:00:00+00:00")
    store.write_person(doc)
    person = Store.open(data_dir).person("brad pitt")
    assert person is not None and person.tmdb_id == 287 and person.birthday == "1963-12-18"
    assert person.known_for == "Acting" and person.place_of_birth == "Shawnee, Oklahoma, USA"
    assert len(person.cast) == 95 - _repeats(doc) and person.crew
    years = [c.year for c in person.cast if c.year]
    assert years == sorted(years)
    assert len(person.biography) <= BIOGRAPHY_LENGTH
    assert any(c.title == "Fight Club" and c.role == "Tyler Durden" for c in person.cast)


def _repeats(doc: dict) -> int:
    raw = sample("person_287_append_movie_credits_etc.json")["movie_credits"]["cast"]
    return len(raw) - len({(c["id"], c.get("character") or "") for c in raw})


def test_a_damaged_people_file_is_set_aside(data_dir: Path) -> None:
    store = Store.open(data_dir)
    (data_dir / "people.json").write_text("{not json")
    assert store.person("Brad Pitt") is None
    assert any("people.json was damaged" in notice for notice in store.notices)
    assert list(data_dir.glob("people.json.corrupt-*"))
    store.write_person({"id": 1, "name": "George Lucas", "cast": [], "crew": []})
    assert Store.open(data_dir).person("George Lucas").tmdb_id == 1

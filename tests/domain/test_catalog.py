"""The catalogue loader: every film file read, every bad one named with its field and fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmtui.catalog import REQUIRED, load_catalog


def test_embedded_catalogue_loads_without_problems() -> None:
    loaded = load_catalog()
    assert loaded.problems == []
    heat = next(f for f in loaded.films if f["id"] == 949)
    assert heat["title"] == "Heat"
    assert heat["directors"] == ["Michael Mann"]
    assert heat["budget"] == 60_000_000


def test_every_film_has_every_field_or_a_reason() -> None:
    for film in load_catalog().films:
        for name in REQUIRED:
            assert name in film or name in film.get("missing", {}), (film["file"], name)


def _break(catalog: Path, name: str, old: str, new: str) -> None:
    path = catalog / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("runtime = 170", 'runtime = "long"', "heat-1995.toml: field 'runtime': expected a positive whole number, got 'long'"),
        ("year = 1995", "year = 19955", "heat-1995.toml: field 'year': expected a year, got 19955"),
        ("id = 949", "", "heat-1995.toml: field 'id' is missing"),
        ('release_date = "1995-12-15"', 'release_date = "15/12/1995"', "heat-1995.toml: field 'release_date': expected a date like 1995-12-15, got '15/12/1995'"),
        ("spoiler = false", 'spoiler = "yes"', "heat-1995.toml: field 'faq': item 1, 'spoiler': expected true or false, got 'yes'"),
        ('title = "Heat"', 'title = "Heat"\nrating = 9', "heat-1995.toml: unknown field 'rating'"),
        ('title = "Heat"', 'title = "Heat', "heat-1995.toml: not valid TOML"),
    ],
)
def test_a_broken_file_is_named_and_the_rest_still_loads(
    catalog: Path, old: str, new: str, message: str
) -> None:
    total = len(load_catalog(catalog).films)
    _break(catalog, "heat-1995.toml", old, new)
    loaded = load_catalog(catalog)
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(message)
    assert len(loaded.films) == total - 1
    assert 949 not in {f["id"] for f in loaded.films}


def test_a_duplicate_id_is_reported_and_the_first_file_kept(catalog: Path) -> None:
    (catalog / "zz-copy.toml").write_text((catalog / "heat-1995.toml").read_text())
    loaded = load_catalog(catalog)
    assert loaded.problems == ["zz-copy.toml: field 'id': 949 is already used by heat-1995.toml"]
    assert [f["file"] for f in loaded.films if f["id"] == 949] == ["heat-1995.toml"]


def test_a_missing_required_field_needs_a_reason(catalog: Path) -> None:
    _break(catalog, "heat-1995.toml", "budget = 60000000", "")
    assert load_catalog(catalog).problems == [
        "heat-1995.toml: field 'budget' is missing (fill it, or give a reason in [missing])"
    ]
    text = (catalog / "heat-1995.toml").read_text()
    (catalog / "heat-1995.toml").write_text(text + '\n[missing]\nbudget = "Not published."\n')
    assert load_catalog(catalog).problems == []


def test_a_file_that_is_not_utf8_is_reported(catalog: Path) -> None:
    (catalog / "bad.toml").write_bytes(b'title = "\xff\xfe"\n')
    problems = load_catalog(catalog).problems
    assert len(problems) == 1 and problems[0].startswith("bad.toml: ")

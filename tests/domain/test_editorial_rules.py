"""One set of page rules for shipped and editors' files alike (filmtui.editorial.check_page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmtui.catalog import catalog_files
from filmtui.editorial import Page, Pages, check_page, with_page
from filmtui.models import Film

SHIPPED = catalog_files()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_page_passes_the_rules_an_editor_is_held_to(path: Path) -> None:
    fields, problems = check_page(path.read_text(encoding="utf-8"), path, shipped=True)
    assert problems == []
    assert fields is not None and fields["faq"] and all(i["source"] for i in fields["faq"])


def test_a_shipped_file_must_hold_every_field() -> None:
    text = 'id = 1\ntitle = "X"\nyear = 2000\n'
    _, problems = check_page(text, Path("x.toml"), shipped=True)
    assert any("field 'synopsis' is missing" in p.message for p in problems)
    _, as_editor = check_page(text, Path("x.toml"))
    assert as_editor == []  # an editor's page needs only its id


def test_a_page_is_read_again_once_its_file_changes(tmp_path: Path) -> None:
    pages = Pages(tmp_path)
    film = Film(949, "Heat", blurb="Shipped.")
    assert pages.apply(film).blurb == "Shipped."
    (tmp_path / "heat.toml").write_text('id = 949\nblurb = "First."\n')
    assert pages.apply(film).blurb == "First."
    (tmp_path / "heat.toml").write_text('id = 949\nblurb = "Second, longer."\n')
    assert pages.apply(film).blurb == "Second, longer."
    (tmp_path / "heat.toml").write_text('id = 949\nblurb = 3\n')
    assert pages.apply(film).blurb == "Shipped."  # a bad page is not used
    assert pages.current().problems


def test_a_page_sets_only_what_it_gives() -> None:
    film = Film(949, "Heat", blurb="B", overview="O", complexity="C", advisories=["Strong violence"])
    mine = with_page(film, Page(949, Path("p"), {"id": 949, "synopsis": "Mine."}).fields)
    assert (mine.blurb, mine.overview, mine.complexity, mine.advisories) == (
        "B", "Mine.", "C", ["Strong violence"])

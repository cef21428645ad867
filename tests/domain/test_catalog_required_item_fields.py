"""A [[faq]] item without its question is refused by the loader, and never reaches the store.

Issue 15: a mutant loader that accepted such an item passed every test, and the store then failed
with a TypeError. These tests load a real catalogue file with the field taken out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from filmtui.catalog import load_catalog
from filmtui.locations import catalog_dir
from filmtui.store import Store

HEAT = 949


def _without_first(folder: Path, field: str) -> None:
    """Copy Heat and Thief into `folder`, Heat without the first `field = ...` line of an item."""
    folder.mkdir()
    for name in ("heat-1995.toml", "thief-1981.toml"):
        shutil.copy(catalog_dir() / name, folder / name)
    path = folder / "heat-1995.toml"
    lines = path.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith(f"{field} = "))
    path.write_text("".join(lines[:first] + lines[first + 1 :]))


@pytest.mark.parametrize(
    ("field", "table"), [("question", "faq"), ("answer", "faq"), ("text", "trivia")]
)
def test_an_item_missing_its_text_is_one_line_naming_the_field(
    tmp_path: Path, field: str, table: str
) -> None:
    folder = tmp_path / "catalog"
    _without_first(folder, field)
    loaded = load_catalog(folder)
    assert loaded.problems == [f"heat-1995.toml: field '{table}': item 1: '{field}' is missing"]
    assert [f["file"] for f in loaded.films] == ["thief-1981.toml"]


def test_the_store_is_not_handed_a_faq_item_without_a_question(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = tmp_path / "catalog"
    _without_first(folder, "question")
    store = Store.open(data_dir, folder)
    assert store.film(HEAT) is None
    thief = load_catalog(folder).films[0]
    assert store.film(thief["id"]).title == "Thief"
    assert store.notices == [
        "catalogue: heat-1995.toml: field 'faq': item 1: 'question' is missing"
    ]

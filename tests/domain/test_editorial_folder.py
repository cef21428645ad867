"""The editor's folder is listed again only when it changes (the film page asks on every open),
and a page saved meanwhile, however it is saved, still shows the next time the film is opened."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import filmtui.editorial as editorial
from filmtui.editorial import Pages
from filmtui.models import Film

HEAT = Film(949, "Heat", blurb="Shipped.")
CASINO = Film(524, "Casino", blurb="Shipped.")


def settle(folder: Path) -> None:
    """Make the folder's last change a minute old, as it is between an editor's saves."""
    past = time.time() - 60
    os.utime(folder, (past, past))


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every listing of the folder Pages makes, counted."""
    made: list[Path] = []
    real = editorial.page_files

    def counted(folder: Path) -> list[Path]:
        made.append(folder)
        return real(folder)

    monkeypatch.setattr(editorial, "page_files", counted)
    return made


def test_an_unchanged_folder_is_not_listed_again(tmp_path: Path, listings: list[Path]) -> None:
    (tmp_path / "heat.toml").write_text('id = 949\nblurb = "Ours."\n')
    settle(tmp_path)
    pages = Pages(tmp_path)
    for _ in range(5):
        assert pages.apply(HEAT).blurb == "Ours."
    assert len(listings) == 1


def test_pages_saved_meanwhile_show_on_the_next_open(tmp_path: Path, listings: list[Path]) -> None:
    (tmp_path / "heat.toml").write_text('id = 949\nblurb = "Ours."\n')
    settle(tmp_path)
    pages = Pages(tmp_path)
    assert pages.apply(CASINO).blurb == "Shipped."

    (tmp_path / "casino.toml").write_text('id = 524\nblurb = "New page."\n')  # a new file
    assert pages.apply(CASINO).blurb == "New page."
    settle(tmp_path)

    (tmp_path / "casino.toml").write_text('id = 524\nblurb = "Edited in place, longer."\n')
    settle(tmp_path)  # saving in place leaves the folder as it was
    assert pages.apply(CASINO).blurb == "Edited in place, longer."

    (tmp_path / "casino.tmp").write_text('id = 524\nblurb = "Renamed into place."\n')
    os.replace(tmp_path / "casino.tmp", tmp_path / "casino.toml")  # an atomic save
    assert pages.apply(CASINO).blurb == "Renamed into place."

    (tmp_path / "casino.toml").unlink()
    assert pages.apply(CASINO).blurb == "Shipped."
    assert pages.apply(HEAT).blurb == "Ours."


def test_a_folder_changed_just_now_is_listed_again_whatever_its_mtime(tmp_path: Path) -> None:
    # On a filesystem with coarse timestamps, a file added in the same tick leaves the folder's
    # mtime as it was: a listing of a folder that recent is not trusted.
    (tmp_path / "heat.toml").write_text('id = 949\nblurb = "Ours."\n')
    stamp = tmp_path.stat().st_mtime_ns
    pages = Pages(tmp_path)
    assert pages.apply(CASINO).blurb == "Shipped."
    (tmp_path / "casino.toml").write_text('id = 524\nblurb = "Same tick."\n')
    os.utime(tmp_path, ns=(stamp, stamp))
    assert pages.apply(CASINO).blurb == "Same tick."


def test_a_folder_made_after_the_first_look_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "editorial"
    pages = Pages(folder)
    assert pages.apply(HEAT).blurb == "Shipped."
    folder.mkdir()
    (folder / "heat.toml").write_text('id = 949\nblurb = "Ours."\n')
    assert pages.apply(HEAT).blurb == "Ours."

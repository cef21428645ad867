"""Fixtures shared by every test: each test gets its own folders and none of the machine's config."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from filmtui.locations import catalog_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every filmtui folder into the test's temp dir and hide the developer's credentials."""
    for name in ("DATA", "CONFIG", "CACHE"):
        folder = tmp_path / name.lower()
        monkeypatch.setenv(f"FILMTUI_{name}_DIR", str(folder))
    monkeypatch.setenv("FILMTUI_EDITORIAL_DIR", str(tmp_path / "editorial"))
    for name in ("TMDB_READ_ACCESS_TOKEN", "TMDB_API_KEY", "FILMTUI_TMDB_URL", "FILMTUI_LANGUAGE",
                 "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.fixture
def data_dir(isolated_env: Path) -> Path:
    """The store folder filmtui uses in this test."""
    return isolated_env / "data"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A private copy of the embedded catalogue that a test may edit or break."""
    target = tmp_path / "catalog"
    shutil.copytree(catalog_dir(), target)
    return target

"""TUI fixtures: a real Store built from a small fixed test catalogue, and ways to let the app settle.

The catalogue lives in tests/tui/data/catalog so the snapshots do not change when the editors
change data/. The shared conftest already points every filmtui folder into the test's temp dir
(so no user config or data is read); here colour is switched back on, because the snapshots
should show highlights, and the cursor stops blinking so each screenshot is the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.store import Store

TUI_CATALOG = Path(__file__).parent / "data" / "catalog"


@pytest.fixture(autouse=True)
def colour(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour, whatever the shared conftest or the terminal says."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name in ("TEXTUAL", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store(data_dir: Path) -> Store:
    """A store seeded from the test catalogue, in this test's temp folder."""
    return Store.open(data_dir, catalog=TUI_CATALOG)


@pytest.fixture
def app(store: Store) -> FilmApp:
    """The app on the test store."""
    return FilmApp(Library(store))

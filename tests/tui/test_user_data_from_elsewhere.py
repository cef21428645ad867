"""The user's data changed outside the browser (another terminal, a repaired file) reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest

import filmtui.load_flow as load_flow
from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.store import Store

from tui_helpers import open_by_search, press, screen_text, settle

TUI_CATALOG = Path(__file__).parent / "data" / "catalog"


async def test_a_rating_from_another_terminal_shows_without_a_restart(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_flow, "MINE_WATCH", 0.2)
    app = FilmApp(Library(store))
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "heat")
        assert "your rating 7/10" not in screen_text(pilot)
        Store.open(data_dir, catalog=TUI_CATALOG).set_user(949, rating=7, watchlist=True)
        for _ in range(20):  # the watch looks every 0.2 s here
            await pilot.pause(0.1)
            await settle(pilot)
            if "your rating 7/10" in screen_text(pilot):
                break
        assert "your rating 7/10" in screen_text(pilot)
        await press(pilot, "escape")
        assert 949 in app.library.watchlist

"""`x` on a film page saves the Markdown page with where to watch in the user's region."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.store import Store, TmdbUpdate

from tui_helpers import open_by_search, press


async def test_the_saved_page_says_where_to_watch_in_the_region(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILMTUI_REGION", "GB")
    store.write_tmdb([TmdbUpdate(949, {
        "id": 949, "title": "Heat", "year": 1995, "refreshed_at": "2026-11-30T10:00:00+00:00",
        "providers": {"US": {"link": "", "flatrate": ["Max"]},
                      "GB": {"link": "", "flatrate": ["Netflix"], "rent": ["Apple TV"]}},
    })])
    app = FilmApp(Library(store))
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "x")
        page = (data_dir / "pages" / "heat-1995.md").read_text()
    assert ("- **Watch:** Stream: Netflix · Rent: Apple TV (in GB, as of 2026-11-30). "
            "Streaming data from JustWatch.") in page
    assert "Max" not in page
    assert "- TMDB: <https://www.themoviedb.org/movie/949>" in page

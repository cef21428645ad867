"""The poster screen's source: cache first, TMDB with a key, and one calm line for each failure."""

from __future__ import annotations

import pytest

from filmtui.poster_fetch import NO_POSTER, PosterUnavailable, poster_cells
from filmtui.tmdb.posters import PosterCache

from .server import POSTER_BOTTOM, POSTER_TOP, FakeTmdb

HEAT = "/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg"


def near(colour, expected, slack=12) -> bool:
    return colour is not None and all(abs(a - b) <= slack for a, b in zip(colour, expected))


def test_downloaded_then_drawn_then_drawn_again_from_the_cache(tmdb_env: FakeTmdb, monkeypatch) -> None:
    path, grid = poster_cells(HEAT, 20, 15)
    assert len(grid) == 15 and len(grid[0]) == 20
    assert near(grid[0][0][0], POSTER_TOP) and near(grid[-1][0][1], POSTER_BOTTOM)
    tmdb_env.reset_log()
    monkeypatch.delenv("TMDB_READ_ACCESS_TOKEN")  # no key, and the server is not asked
    assert poster_cells(HEAT, 20, 15) == (path, grid)
    assert tmdb_env.requests == []


@pytest.mark.parametrize("poster_path", [None, ""])
def test_a_film_without_a_poster_says_how_to_get_one(poster_path) -> None:
    with pytest.raises(PosterUnavailable, match="press u"):
        poster_cells(poster_path, 20, 15)
    assert "press u" in NO_POSTER


def test_no_key_and_nothing_cached_names_what_to_set() -> None:
    with pytest.raises(PosterUnavailable, match="TMDB_READ_ACCESS_TOKEN"):
        poster_cells(HEAT, 20, 15)


def test_an_image_tmdb_lacks_is_one_line(tmdb_env: FakeTmdb) -> None:
    tmdb_env.missing_images.add(HEAT)
    with pytest.raises(PosterUnavailable, match="TMDB has no such poster") as caught:
        poster_cells(HEAT, 20, 15)
    assert "\n" not in str(caught.value)


def test_a_damaged_cached_poster_is_replaced_when_online(config, tmdb_env: FakeTmdb) -> None:
    cached = PosterCache(config).path_for(HEAT)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"half a poster")
    path, grid = poster_cells(HEAT, 20, 15)
    assert path == cached and near(grid[0][0][0], POSTER_TOP)
    assert tmdb_env.hits(f"/t/p/w342{HEAT}") == 1


def test_a_damaged_cached_poster_offline_is_said_and_kept(config, tmdb_env: FakeTmdb, monkeypatch) -> None:
    cached = PosterCache(config).path_for(HEAT)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"half a poster")
    monkeypatch.setenv("FILMTUI_TMDB_URL", "http://127.0.0.1:9/3")  # nothing listens there
    with pytest.raises(PosterUnavailable, match="not a readable image") as caught:
        poster_cells(HEAT, 20, 15)
    assert "cannot be reached" in str(caught.value)
    assert cached.read_bytes() == b"half a poster"  # the user's file, left as it was

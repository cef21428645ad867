"""The poster screen (p on a film page) against the loopback TMDB stand-in: drawn from a download,
drawn again from the cache with the server gone, and one calm line for each way there is none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from filmtui.app import FilmApp
from filmtui.screens import FilmScreen, PosterScreen
from filmtui.widgets.poster_view import PosterView
from tmdb.server import POSTER_BOTTOM, POSTER_TOP, FakeTmdb, point_filmtui_at
from tui_helpers import open_by_search, press, screen_text, settle

TOKEN = "tok-poster-91c2-SECRET-never-shown"


@pytest.fixture
def tmdb(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTmdb]:
    """A server of this test's own (a test may stop it), and filmtui pointed at it."""
    with FakeTmdb(token=TOKEN, api_key=None) as server:
        point_filmtui_at(server, monkeypatch, TOKEN, timeout="2", retries="1")
        yield server


def poster_area(pilot) -> list:
    """The screen's lines where the poster (or its message) is drawn, cropped to that area:
    the box's border is drawn with half blocks too."""
    if not isinstance(pilot.app.screen, PosterScreen):
        return []
    area = pilot.app.screen.query_one(PosterView).region
    strips = pilot.app.screen._compositor.render_strips()
    return [strip.crop(area.x, area.right) for strip in strips[area.y : area.bottom]]


def said(pilot) -> str:
    """The poster area's text as one line, as a person reads a wrapped message."""
    return " ".join(" ".join(strip.text for strip in poster_area(pilot)).split())


def half_blocks(pilot) -> list[list[tuple]]:
    """The drawn poster as rows of (foreground, background) colours, read from the screen."""
    rows = []
    for strip in poster_area(pilot):
        cells = [
            (seg.style.color.triplet, seg.style.bgcolor.triplet)
            for seg in strip
            if seg.style and seg.style.color and seg.style.bgcolor
            for char in seg.text if char == "▀"
        ]
        if cells:
            rows.append(cells)
    return rows


def near(colour, expected, slack=12) -> bool:
    return colour is not None and all(abs(a - b) <= slack for a, b in zip(colour, expected))


async def open_heat(pilot) -> None:
    await open_by_search(pilot, "heat")
    assert isinstance(pilot.app.screen, FilmScreen) and pilot.app.screen.film_id == 949


def assert_poster_drawn(pilot) -> None:
    rows = half_blocks(pilot)
    assert len(rows) > 10, screen_text(pilot)
    view = pilot.app.screen.query_one(PosterView)
    assert len(rows) <= view.size.height and max(map(len, rows)) <= view.size.width
    top, bottom = rows[0][len(rows[0]) // 2], rows[-1][len(rows[-1]) // 2]
    assert near(top[0], POSTER_TOP) and near(top[1], POSTER_TOP)
    assert near(bottom[0], POSTER_BOTTOM) and near(bottom[1], POSTER_BOTTOM)


async def test_p_draws_a_refreshed_films_poster_then_from_the_cache_offline(
    app: FilmApp, tmdb: FakeTmdb
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u", "p")
        assert isinstance(app.screen, PosterScreen)
        assert "Heat (1995)" in screen_text(pilot)
        assert_poster_drawn(pilot)
        assert tmdb.hits("/t/p/w342/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg") == 1
        await press(pilot, "escape")
        assert isinstance(app.screen, FilmScreen)
        tmdb.stop()  # offline from here on
        await press(pilot, "p")
        assert_poster_drawn(pilot)
        await press(pilot, "q")
        assert isinstance(app.screen, FilmScreen)
        assert TOKEN not in screen_text(pilot)


async def test_the_poster_is_drawn_again_to_fit_a_new_size(app: FilmApp, tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u", "p")
        before = len(half_blocks(pilot))
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        after = half_blocks(pilot)
        assert 0 < len(after) < before and len(after) <= app.screen.query_one(PosterView).size.height
        assert_poster_drawn(pilot)


async def test_a_film_without_a_poster_says_how_to_get_one(app: FilmApp, tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)  # the catalogue's Heat: never refreshed, so no poster path
        await press(pilot, "p")
        assert "No poster known for this film yet: press u on its page" in said(pilot)
        assert half_blocks(pilot) == []
        assert not [r for r in tmdb.requests if r["path"].startswith("/t/p/")]
        await press(pilot, "escape")
        assert isinstance(app.screen, FilmScreen)


async def test_no_key_and_nothing_cached_names_what_to_set(
    app: FilmApp, tmdb: FakeTmdb, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u")  # a poster path, but no poster downloaded
        monkeypatch.delenv("TMDB_READ_ACCESS_TOKEN")
        await press(pilot, "p")
        text = said(pilot)
        assert "No TMDB key to download this poster with: set TMDB_READ_ACCESS_TOKEN" in text
        assert "Traceback" not in text and half_blocks(pilot) == []


async def test_offline_and_nothing_cached_says_so(app: FilmApp, tmdb: FakeTmdb) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u")
        tmdb.stop()
        await press(pilot, "p")
        assert "TMDB cannot be reached (offline?) to download this poster." in said(pilot)


async def test_a_poster_tmdb_lacks_is_one_line(app: FilmApp, tmdb: FakeTmdb) -> None:
    tmdb.missing_images.add("/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u", "p")
        assert "TMDB has no such poster any more" in said(pilot)


async def test_a_damaged_cached_poster_is_named_not_deleted(
    app: FilmApp, tmdb: FakeTmdb, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_heat(pilot)
        await press(pilot, "u", "p")
        await press(pilot, "escape")
        from filmtui.config import load_config
        from filmtui.tmdb.posters import PosterCache

        cached = PosterCache(load_config()).cached("/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg")
        cached.write_bytes(b"not a poster")
        monkeypatch.delenv("TMDB_READ_ACCESS_TOKEN")
        await press(pilot, "p")
        assert "is not a readable image" in said(pilot)
        assert cached.read_bytes() == b"not a poster"

"""Your ratings shown as Letterboxd's stars in the browser, when config.toml says so or when the
palette switches them: the film page, the list's Yours column and the Diary follow; the choice
is saved and kept across a restart. Apps are built as `filmtui` builds them (make_app)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input

from filmtui.app import FilmApp
from filmtui.cli import make_app
from filmtui.config import config_path
from filmtui.models import Viewing
from filmtui.screens import DiaryScreen, FilmScreen, ListScreen, RateDialog, SeenDialog
from filmtui.store import Store
from filmtui.widgets import FilmList
from tui_helpers import open_by_search, press, screen_text, settle

from conftest import TUI_CATALOG

HEAT, RED_CIRCLE = 949, 11636


def _app(data_dir: Path) -> FilmApp:
    return make_app(Store.open(data_dir, catalog=TUI_CATALOG))


def _rated(data_dir: Path) -> None:
    store = Store.open(data_dir, catalog=TUI_CATALOG)
    store.update_user(HEAT, lambda d: d.logged(Viewing("2026-11-02", rating=9)))
    store.set_user(HEAT, rating=7)
    store.set_user(RED_CIRCLE, rating=10)


def _flat(pilot) -> str:
    return " ".join(screen_text(pilot).split())


def _yours_column(app: FilmApp) -> list[str]:
    """The list's last column, header first, as drawn."""
    film_list = app.screen.query_one(FilmList)
    return [film_list.render_line(y).text.split()[-1] for y in range(3)]


async def _back_to_every_film(pilot) -> None:
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, ListScreen)
    pilot.app.screen.query_one("#search", Input).value = ""
    await settle(pilot)


async def _sort_by_yours(pilot) -> None:
    for _ in range(5):  # title, year, rating, box office, your rating
        await press(pilot, "s")
    assert "sort: your rating" in _flat(pilot)


def _config(text: str) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(text)


async def _palette(pilot, words: str) -> None:
    await press(pilot, "ctrl+p")
    await pilot.press(*words)
    await pilot.pause(0.5)  # the palette searches on a short timer
    await press(pilot, "enter")


async def test_with_stars_set_the_film_page_list_and_diary_show_stars(data_dir: Path) -> None:
    _rated(data_dir)
    _config('[ui]\nratings = "stars"\n')
    app = _app(data_dir)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_by_search(pilot, "heat")
        assert isinstance(app.screen, FilmScreen)
        page = _flat(pilot)
        assert "Yours Your rating ★★★½ · seen 2026-11-02" in page and "2026-11-02 · ★★★★½" in page
        assert "7/10" not in page and "9/10" not in page
        await _back_to_every_film(pilot)
        await press(pilot, "down")
        await _sort_by_yours(pilot)
        assert _yours_column(app) == ["Yours", "★★★★★", "★★★½"]
        await press(pilot, "f3")
        assert isinstance(app.screen, DiaryScreen)
        assert "Heat (1995) · 2026-11-02 · ★★★★½" in _flat(pilot)
        assert [n.message for n in app._notifications] == []


async def test_the_palette_switches_the_scale_and_it_is_kept_across_a_restart(data_dir: Path) -> None:
    _rated(data_dir)
    _config('# mine\n[ui]\ntheme = "filmtui-dark"  # for night\n')
    app = _app(data_dir)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "down")
        await _sort_by_yours(pilot)
        assert _yours_column(app) == ["Yours", "10/10", "7/10"]  # the default, as before
        await open_by_search(pilot, "heat")
        assert "Your rating 7/10" in _flat(pilot)
        await _palette(pilot, "ratings as stars")
        assert isinstance(app.screen, FilmScreen)
        assert "Your rating ★★★½" in _flat(pilot)  # the open page follows at once
        assert "2026-11-02 · ★★★★½" in _flat(pilot)
        await _back_to_every_film(pilot)
        assert _yours_column(app) == ["Yours", "★★★★★", "★★★½"]  # so does the list
        await pilot.press("q")  # quitting waits for the save
    saved = config_path().read_text()
    assert tomllib.loads(saved)["ui"] == {"theme": "filmtui-dark", "ratings": "stars"}
    assert "# mine" in saved and "# for night" in saved

    app = _app(data_dir)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "down")
        await _sort_by_yours(pilot)
        assert _yours_column(app) == ["Yours", "★★★★★", "★★★½"]  # restored on start
        assert app.theme == "filmtui-dark"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Show ratings as 1-10" in titles and "Show ratings as stars" not in titles
        await _palette(pilot, "ratings as 1-10")
        assert _yours_column(app) == ["Yours", "10/10", "7/10"]
        await pilot.press("q")
    assert tomllib.loads(config_path().read_text())["ui"]["ratings"] == "ten"

    app = _app(data_dir)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_by_search(pilot, "heat")
        assert "Your rating 7/10" in _flat(pilot)


async def test_in_stars_the_rating_and_seen_dialogs_take_stars_and_keep_one_to_ten(data_dir: Path) -> None:
    _rated(data_dir)
    _config('[ui]\nratings = "stars"\n')
    app = _app(data_dir)
    async with app.run_test(size=(110, 40)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "m")
        assert isinstance(app.screen, RateDialog)
        box = app.screen.query_one("#rate-rating", Input)
        assert box.value == "3.5"  # 7, as the page shows it
        assert "Rating in stars, ½ to 5" in _flat(pilot)
        box.value = "6"  # not a number of stars: said, nothing saved
        await press(pilot, "enter")
        assert isinstance(app.screen, RateDialog)
        assert "A rating in stars is ½ to 5" in _flat(pilot)
        box.value = "4½"
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen)
        assert "Your rating ★★★★½" in _flat(pilot)
        await press(pilot, "v")
        assert isinstance(app.screen, SeenDialog)
        app.screen.query_one("#seen-date", Input).value = "2026-11-20"
        app.screen.query_one("#seen-rating", Input).value = "2.5"
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen)
        assert "2026-11-20 · ★★½ · rewatch" in _flat(pilot)
        await pilot.press("q")
    mine = Store.open(data_dir, catalog=TUI_CATALOG).user(HEAT)
    assert mine.rating == 5 and [v.rating for v in mine.diary] == [9, 5]  # stored 1 to 10

"""Snapshots of every screen and tab, on the fixed test catalogue (no clock, no blink, no config).

Regenerate with `pytest tests/tui --snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

from filmtui.app import FilmApp
from tui_helpers import press, settle


def keys(*pressed: str):
    """A run_before that lets the films load, presses `pressed` and waits for the workers."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, *pressed)

    return run_before


def test_list_screen(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys())


def test_list_screen_search_highlight(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"red", "down"))


def test_list_screen_80x24_sorted_by_box_office(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("down", "s", "s", "s", "s"))


def test_empty_search(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"xqzw"))


def test_filter_dialog(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("down", "f"))


def test_film_overview(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"heat", "enter"))


def test_film_overview_80x24(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys(*"heat", "enter"))


def test_film_cast(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"heat", "enter", "2"))


def test_film_faq_with_hidden_spoiler(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"heat", "enter", "3"))


def test_film_trivia_revealed(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"heat", "enter", "4", "down", "r"))


def test_film_empty_tabs(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"takedown", "enter", "3"))


def test_hostile_film(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"[bold]", "enter"))


def test_person_page(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"heat", "enter", "2", "enter"))


def test_help_screen(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 40), run_before=keys("f1"))


def test_help_screen_80x24(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("f1"))


def test_film_faq_80x24(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys(*"heat", "enter", "3"))


def test_person_page_80x24(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys(*"heat", "enter", "2", "enter"))


def test_list_screen_wide(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(180, 40), run_before=keys(*"mann"))


def test_about_screen(app: FilmApp, snap_compare) -> None:
    from pathlib import Path

    from filmtui.screens import AboutScreen

    async def run_before(pilot) -> None:
        await settle(pilot)
        # A fixed folder, not the test's temp one, and no refresh time: nothing here may vary.
        await pilot.app.push_screen(AboutScreen(Path("/home/reader/.local/share/filmtui"), 6, None))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_tmdb_search_dialog_without_a_key(app: FilmApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(100, 32), run_before=keys(*"zzqx", "ctrl+t"))

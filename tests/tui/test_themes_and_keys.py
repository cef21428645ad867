"""Themes and keys of your own: saved to config.toml, kept across a restart, bad ones told once.

Each app here is built as `filmtui` builds it (filmtui.cli.make_app reads config.toml), and a
restart is a second app on the same store and config folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.color import Color
from textual.widgets import Footer

from filmtui.app import FilmApp
from filmtui.cli import make_app
from filmtui.config import config_path
from filmtui.keymap import check_keymap
from filmtui.screens import FilmScreen, HelpScreen, ListScreen, PosterScreen
from filmtui.store import Store
from filmtui.themes import THEMES
from tui_helpers import open_by_search, press, screen_text, settle

from conftest import TUI_CATALOG


def _app(data_dir: Path) -> FilmApp:
    """The browser as a fresh `filmtui` process would open it (the store reopened too)."""
    return make_app(Store.open(data_dir, catalog=TUI_CATALOG))


def _write_config(text: str) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(text)


def _notices(app: FilmApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_theme_switched_with_f3_or_the_palette_is_kept_across_a_restart(data_dir: Path) -> None:
    _write_config("# mine\n[tmdb]\nlanguage = \"de-DE\"  # German titles\n")
    app = _app(data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await press(pilot, "f6")
        assert app.theme == "filmtui-dark"
        await press(pilot, "down", "q")  # quit at once: the save is waited for
    saved = config_path().read_text()
    assert tomllib.loads(saved)["ui"] == {"theme": "filmtui-dark"}
    assert "# mine" in saved and "# German titles" in saved

    app = _app(data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.theme == "filmtui-dark"  # restored on start
        app.theme = "filmtui-light"  # what the palette's theme picker does
        await settle(pilot)
        await pilot.press("down", "q")
    assert tomllib.loads(config_path().read_text())["ui"]["theme"] == "filmtui-light"

    app = _app(data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.theme == "filmtui-light"
        assert _notices(app) == []


async def test_an_unknown_theme_is_one_line_and_the_default_stays(data_dir: Path) -> None:
    _write_config('[ui]\ntheme = "noir-9000"\n')
    app = _app(data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        lines = [line for line in _notices(app) if "theme" in line]
        assert len(lines) == 1 and "noir-9000" in lines[0] and "filmtui-dark" in lines[0]
        assert "\n" not in lines[0]
    assert tomllib.loads(config_path().read_text())["ui"]["theme"] == "noir-9000"  # not overwritten


async def test_a_rebinding_is_shown_in_the_help_and_footer_and_works_after_a_restart(data_dir: Path) -> None:
    _write_config('[keys]\nopen_help = "f5"\nposter = "i, ctrl+o"\n')
    for _ in range(2):  # a restart reads the same table again
        app = _app(data_dir)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            assert _notices(app) == []
            await press(pilot, "down")
            footer = screen_text(pilot).splitlines()[-1]
            assert "f5 Help" in footer and "? Help" not in footer
            await press(pilot, "question_mark")
            assert isinstance(app.screen, ListScreen)  # ? is no longer help
            await press(pilot, "f5")
            assert isinstance(app.screen, HelpScreen)
            shown = screen_text(pilot)
            assert any("F5" in line and "this help" in line and "open_help" in line for line in shown.splitlines())
            assert not any(line.lstrip().startswith("? / F1") for line in shown.splitlines())
            rows = {row.binding_id: row.keys for section in app.screen.sections for row in section.rows}
            assert rows["poster"] == "i / Ctrl+O" and rows["open_help"] == "F5"
            await press(pilot, "escape")
            await open_by_search(pilot, "heat")
            assert isinstance(app.screen, FilmScreen)
            await press(pilot, "p")
            assert isinstance(app.screen, FilmScreen)  # p is no longer the poster
            await press(pilot, "i")
            assert isinstance(app.screen, PosterScreen)
            await press(pilot, "escape")
            await pilot.press("q")


async def test_bad_bindings_are_one_line_each_and_keep_their_defaults(data_dir: Path) -> None:
    _write_config('[keys]\nopn_help = "f5"\nsort = "q"\nfilter = "ctrl+nope"\nopen_about = 7\n'
                  'focus_search = "f8"\n')
    app = _app(data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        lines = [line for line in _notices(app) if "[keys]" in line]
        assert len(lines) == 4 and all("\n" not in line for line in lines)
        assert any("opn_help" in line and "open_help" in line for line in lines)  # did you mean
        assert any("sort" in line and "q" in line and "keeps s, Ctrl+S" in line for line in lines)
        assert any("ctrl+nope" in line for line in lines)
        assert any("open_about" in line for line in lines)
        await press(pilot, "down", "s")  # sort keeps s
        assert app.screen.sort == "title"
        await press(pilot, "f8")  # the good entry beside the bad ones works
        assert app.screen.focused is app.screen.query_one("#search")
        await press(pilot, "f2")  # open_about keeps F2
        assert type(app.screen).__name__ == "AboutScreen"


def test_keymap_checks() -> None:
    usable, problems = check_keymap(FilmApp, {"open_help": "f1", "quit": "f9", "rate": "R"})
    # F1 was open_help's already; R is reveal_all on the same film page.
    assert usable == {"open_help": "f1", "quit": "f9"}
    assert len(problems) == 1 and "rate" in problems[0] and "reveal_all" in problems[0]
    usable, problems = check_keymap(FilmApp, {"quit": "w"})  # the App's keys meet every page's
    assert usable == {} and "watchlist" in problems[0] and "keeps q" in problems[0]
    # Two rebindings swapping keys do not clash.
    usable, problems = check_keymap(FilmApp, {"watchlist": "m", "rate": "w"})
    assert usable == {"watchlist": "m", "rate": "w"} and problems == []
    usable, problems = check_keymap(FilmApp, {"open_help": "?, F8", "poster": " "})
    assert usable == {"open_help": "question_mark,f8"} and "poster" in problems[0]


def _luminance(colour: Color) -> float:
    """WCAG 2 relative luminance."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def _contrast(a: Color, b: Color) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_our_themes_are_registered_and_read_easily() -> None:
    """Text the stylesheet uses keeps 7:1 (WCAG AAA) on every ground it sits on."""
    assert {theme.name for theme in THEMES} == {"filmtui-dark", "filmtui-light"}
    assert {theme.dark for theme in THEMES} == {True, False}
    for theme in THEMES:
        colours = theme.to_color_system().generate()
        for ground in ("background", "surface", "panel"):
            under = Color.parse(colours[ground])
            for text in ("foreground", "text-primary", "text-accent", "text-warning", "text-error"):
                shown = under + Color.parse(colours[text])
                assert _contrast(shown, under) >= 7, (theme.name, text, ground)


async def test_a_theme_that_cannot_be_saved_is_one_line_and_the_file_is_left_alone(data_dir: Path) -> None:
    _write_config("[keys\nopen_help = 'f5'\n")  # broken by hand
    app = _app(data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert len([line for line in _notices(app) if "config.toml" in line]) == 1
        await press(pilot, "f6")
        assert app.theme == "filmtui-dark"  # switched for this run all the same
        failed = [line for line in _notices(app) if line.startswith("theme not saved")]
        assert len(failed) == 1 and "nothing was changed" in failed[0]
        await press(pilot, "f1")  # the broken [keys] table left every default in place
        assert isinstance(app.screen, HelpScreen)
    assert config_path().read_text() == "[keys\nopen_help = 'f5'\n"

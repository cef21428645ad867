"""Your film life in the browser: v logs a viewing, the page shows your history, the Diary and
Recently viewed pages, the list's own filters and sort, and e writes the note in your editor.
All on a real store in the test's folder."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Checkbox, Input, OptionList, Select, Static

from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.models import UserData, Viewing
from filmtui.requests import OpenFilm
from filmtui.screens import DiaryScreen, FilmScreen, FilterDialog, ListScreen, RecentScreen, SeenDialog
from filmtui.store import Store
from filmtui.widgets import FilmList
from tui_helpers import open_by_search, press, screen_text, settle

HEAT, INSIDER, TAKEDOWN, RED_CIRCLE = 949, 9008, 48137, 11636


def flat(pilot) -> str:
    return " ".join(screen_text(pilot).split())


def said(app: FilmApp) -> list[str]:
    return [n.message for n in app._notifications]


def titles(app: FilmApp) -> list[str]:
    return [f.title for f in app.screen.query_one(FilmList).rows]


def rows(app: FilmApp) -> list[str]:
    options = app.screen.query_one("#picked-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def reopened(store: Store) -> FilmApp:
    return FilmApp(Library(Store.open(store.root, store.catalog)))


async def test_v_then_enter_logs_today_and_the_page_shows_the_history_literally(
    app: FilmApp, store: Store
) -> None:
    today = date.today().isoformat()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "v")
        assert isinstance(app.screen, SeenDialog)
        await press(pilot, "enter")  # today, at once
        assert isinstance(app.screen, FilmScreen)
        assert store.user(HEAT).diary == (Viewing(today),)
        assert f"Heat: seen {today}, in your diary" in said(app)
        assert f"Your diary {today}" in flat(pilot)
        assert "Yours Seen" in flat(pilot)

        await press(pilot, "v")  # seen before: a rewatch unless unticked
        dialog = app.screen
        assert isinstance(dialog, SeenDialog) and dialog.query_one("#seen-rewatch", Checkbox).value
        dialog.query_one("#seen-date", Input).value = "2025-13-40"
        await press(pilot, "enter")
        assert isinstance(app.screen, SeenDialog)  # refused, said in a line
        assert "2025-13-40" in str(dialog.query_one("#seen-error", Static).render())
        dialog.query_one("#seen-date", Input).value = "2024-02-29"
        dialog.query_one("#seen-rating", Input).value = "9"
        dialog.query_one("#seen-note", Input).value = "the [bold]coffee[/] \x1b[31mscene"
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen)
        mine = store.user(HEAT)
        assert mine.rating == 9  # a viewing's rating becomes yours
        assert mine.diary[0] == Viewing("2024-02-29", 9, "the [bold]coffee[/] scene", True)
        page = flat(pilot)
        # Newest first, the note as written with the escape dropped.
        assert f"Your diary {today} 2024-02-29 · 9/10 · rewatch · the [bold]coffee[/] scene" in page
        assert "Your rating 9/10 · seen 2 times" in page

        await press(pilot, "v", "escape")  # cancelled: nothing logged
        assert len(store.user(HEAT).diary) == 2


async def test_v_in_the_list_logs_the_highlighted_film_and_types_in_the_search(
    app: FilmApp, store: Store
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "v")  # in the search box it is a letter
        assert app.screen.query_one("#search", Input).value == "v"
        await press(pilot, "escape", "down")
        highlighted = app.screen.query_one(FilmList).highlighted
        assert highlighted is not None
        await press(pilot, "v")
        assert isinstance(app.screen, SeenDialog)
        await press(pilot, "enter")
        assert isinstance(app.screen, ListScreen)
        assert store.user(highlighted.id).seen


async def test_the_diary_lists_viewings_by_month_newest_first_and_opens_a_film(
    app: FilmApp, store: Store
) -> None:
    for film_id, viewing in [
        (HEAT, Viewing("2026-11-02", 8)),
        (INSIDER, Viewing("2026-11-20", note="first line\nsecond line")),
        (HEAT, Viewing("2025-03-01")),
        (TAKEDOWN, Viewing(None)),
    ]:
        store.update_user(film_id, lambda d, v=viewing: d.logged(v))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f3")
        assert isinstance(app.screen, DiaryScreen)
        assert rows(app) == [
            "November 2026",
            "  The Insider (1999) · 2026-11-20 · first line",
            "  Heat (1995) · 2026-11-02 · 8/10",
            "March 2025",
            "  Heat (1995) · 2025-03-01",
            "Undated",
            "  L.A. Takedown (1989) · undated",
        ]
        await press(pilot, "down", "enter")  # the cursor starts on the first film, not a heading
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == HEAT
        await press(pilot, "v", "enter")  # a viewing logged from there joins the diary
        await press(pilot, "escape")
        assert isinstance(app.screen, DiaryScreen)
        assert rows(app)[0] == date.today().strftime("%B %Y")
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)


async def test_the_diary_and_recently_viewed_are_in_the_palette(app: FilmApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"diary")
        await pilot.pause(0.5)  # the palette searches on a short timer
        await press(pilot, "enter")
        assert isinstance(app.screen, DiaryScreen)
        assert "No viewings logged yet: press v" in flat(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"recently")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, RecentScreen)
        assert app.screen_stack[-2] is app.list_screen  # over the list, never stacked on each other


async def test_the_list_filters_seen_not_seen_rated_and_sorts_by_your_rating(
    app: FilmApp, store: Store
) -> None:
    store.update_user(HEAT, lambda d: d.logged(Viewing("2026-11-02")))
    store.set_user(INSIDER, rating=6)
    store.set_user(RED_CIRCLE, rating=9)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)

        async def choose(yours: str | None) -> None:
            await press(pilot, "down", "f")
            assert isinstance(app.screen, FilterDialog)
            app.screen.query_one("#filter-yours", Select).value = Select.NULL if yours is None else yours
            await press(pilot, "ctrl+s")

        await choose("seen")
        assert titles(app) == ["Heat"] and "filter: seen" in flat(pilot)
        await choose("not seen")
        assert "Heat" not in titles(app) and len(titles(app)) == 5
        await choose("rated by you")
        assert titles(app) == ["The Insider", "The Red Circle"]
        app.post_message(OpenFilm(TAKEDOWN))
        await settle(pilot)
        await press(pilot, "m")
        app.screen.query_one("#rate-rating", Input).value = "7"
        await press(pilot, "enter")
        assert store.user(TAKEDOWN).rating == 7
        await press(pilot, "escape")  # the rated list follows the new rating
        assert titles(app) == ["The Insider", "L.A. Takedown", "The Red Circle"]
        await choose(None)
        for _ in range(5):  # title, year, rating, box office, your rating
            await press(pilot, "s")
        assert "sort: your rating" in flat(pilot)
        assert titles(app)[:3] == ["The Red Circle", "L.A. Takedown", "The Insider"]
        film_list = app.screen.query_one(FilmList)
        assert film_list.render_line(0).text.rstrip().endswith("Yours")  # your rating, not TMDB's
        assert film_list.render_line(1).text.rstrip().endswith("9/10")
        assert film_list.render_line(4).text.rstrip().endswith("—")


async def test_recently_viewed_keeps_the_last_pages_across_runs(app: FilmApp, store: Store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "escape")
        await open_by_search(pilot, "insider")
        await press(pilot, "f4")
        assert isinstance(app.screen, RecentScreen)
        assert rows(app) == ["The Insider (1999)", "Heat (1995)"]

    again = reopened(store)
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f4")
        assert rows(again) == ["The Insider (1999)", "Heat (1995)"]
        await press(pilot, "down", "enter")
        assert isinstance(again.screen, FilmScreen) and again.screen.film_id == HEAT
        await press(pilot, "escape")
        assert isinstance(again.screen, RecentScreen)
        assert rows(again) == ["Heat (1995)", "The Insider (1999)"]


async def test_a_damaged_recent_file_costs_the_list_not_the_app(store: Store) -> None:
    (store.root / "recent.json").write_text('{"not": "a list"', encoding="utf-8")
    app = reopened(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f4")
        assert "No film pages opened yet" in flat(pilot)
        app.post_message(OpenFilm(HEAT))
        await settle(pilot)
    assert (store.root / "recent.json").read_text(encoding="utf-8") == f"[{HEAT}]"


# The note in $EDITOR ---------------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test terminal hands itself over to a program as a real one does (no screen to give)."""
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))
    monkeypatch.setattr(HeadlessDriver, "suspend_application_mode", lambda self: None)
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode", lambda self: None)


def editor_script(folder: Path, body: str) -> str:
    script = folder / "stand-in editor"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"'{script}'"  # a path with a space: the variable is split as a shell would


async def test_e_writes_a_multi_line_note_in_the_users_editor(
    app: FilmApp, store: Store, tmp_path: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.set_user(HEAT, note="started here")
    seen = tmp_path / "editor-saw.txt"
    # The editor sees the note as stored, and writes two lines and a control character.
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_script(
        tmp_path, f"cp \"$1\" '{seen}'; printf 'Waingro [b]x[/b]\\n\\033[31mthe diner\\n' > \"$1\""))
    async with app.run_test(size=(100, 60)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "e")
        assert seen.read_text(encoding="utf-8") == "started here"
        assert store.user(HEAT).note == "Waingro [b]x[/b]\nthe diner"
        text = screen_text(pilot)
        assert "Your note    Waingro [b]x[/b]" in text and "\n              the diner" in text
        # VISUAL comes before EDITOR; an editor that fails leaves the note alone.
        monkeypatch.setenv("VISUAL", editor_script(tmp_path, "echo gone > \"$1\"; exit 3"))
        await press(pilot, "e")
        assert store.user(HEAT).note == "Waingro [b]x[/b]\nthe diner"
        assert any("ended with code 3: note not changed" in m for m in said(app))


async def test_e_without_an_editor_says_so_in_one_line(
    app: FilmApp, store: Store, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "e")
        assert isinstance(app.screen, FilmScreen)
        assert [m for m in said(app) if "editor" in m] == [
            "No editor set: set $VISUAL or $EDITOR (for example EDITOR=nano) to write notes in it."
        ]
        monkeypatch.setenv("EDITOR", "/nowhere/editor")
        await press(pilot, "e")
        assert any(m.startswith("Note not saved: Could not start the editor '/nowhere/editor'") for m in said(app))
    assert store.user(HEAT) == UserData()


async def test_m_keeps_a_note_of_several_lines_as_written(app: FilmApp, store: Store) -> None:
    from filmtui.screens import RateDialog

    store.set_user(HEAT, note="first line\nsecond line")
    async with app.run_test(size=(100, 40)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "m")
        assert isinstance(app.screen, RateDialog)
        assert app.screen.query_one("#rate-note", Input).disabled  # e edits it, not a one-line box
        assert "press e on the film page" in flat(pilot)
        app.screen.query_one("#rate-rating", Input).value = "7"
        await press(pilot, "enter")
    assert store.user(HEAT) == UserData(rating=7, note="first line\nsecond line")


async def test_a_recent_file_that_cannot_be_written_is_said_once_and_the_list_still_works(
    store: Store,
) -> None:
    (store.root / "recent.json").mkdir()  # neither readable nor replaceable as a file
    app = reopened(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "escape")
        await open_by_search(pilot, "insider")
        warned = [m for m in said(app) if m.startswith("Could not keep the recently viewed list")]
        assert len(warned) == 1 and "\n" not in warned[0]
        await press(pilot, "f4")
        assert rows(app) == ["The Insider (1999)", "Heat (1995)"]  # for this run

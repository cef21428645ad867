"""Around the pages: help, about, the command palette, start-up notices and hostile text."""

from __future__ import annotations

import io

from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import Input, Static

from filmtui import __version__
from filmtui.app import FilmApp
from filmtui.library import Library
from filmtui.screens import AboutScreen, FilmScreen, HelpScreen, ListScreen, PersonScreen
from filmtui.film_page import TMDB_NOTICE
from filmtui.screens.help_screen import help_text
from filmtui.store import Store, TmdbUpdate
from filmtui.widgets import FilmList
from tui_helpers import open_by_search, press, screen_text, settle


async def test_help_opens_with_question_mark_and_f1_and_lists_keys(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "f1")  # F1 works from the search box
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(help_text(app.screen.sections))
        assert "Ctrl+P" in screen_text(pilot) and "command palette" in screen_text(pilot)
        shown = console.export_text()
        for key in ("Ctrl+P", "PageUp", "PageDown", "Home / g", "Tab", "Shift+Tab", "r ", "[ / Alt+←",
                    "F2", "F3", "? / F1"):
            assert key in shown
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)
        await press(pilot, "question_mark")  # from the search box too: the search ignores "?"
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert app.screen.query_one("#search", Input).value == ""
        await press(pilot, "down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, ListScreen)


async def test_about_shows_version_data_folder_and_tmdb_notice(app: FilmApp, store: Store) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "f2")
        assert isinstance(app.screen, AboutScreen)
        facts = str(app.screen.query_one("#about-facts", Static).render())
        assert __version__ in facts and str(store.root) in facts and "6" in facts
        assert str(app.screen.query_one("#about-tmdb", Static).render()) == TMDB_NOTICE
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)


async def test_about_shows_a_refresh_made_by_another_filmtui_after_start(app: FilmApp, store: Store) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "f2")
        assert "never: run `filmtui refresh`" in str(app.screen.query_one("#about-facts", Static).render())
        await press(pilot, "escape")
        # `filmtui refresh` in another terminal: its own Store on the same folder.
        Store.open(store.root, store.catalog).write_tmdb([TmdbUpdate(949, {"title": "Heat"})])
        await press(pilot, "f2")
        facts = str(app.screen.query_one("#about-facts", Static).render())
        assert "never" not in facts and "UTC (just now)" in facts


async def palette(pilot, query: str) -> CommandPalette:
    await press(pilot, "ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.5)  # the palette searches on a short timer
    await settle(pilot)
    return pilot.app.screen


async def test_palette_opens_a_film_by_name(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await palette(pilot, "insider")
        await press(pilot, "enter")  # the best hit is highlighted
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 9008


async def test_palette_opens_a_person_by_name(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = await palette(pilot, "russell")
        from textual.command import CommandList
        commands = screen.query_one(CommandList)
        prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert prompts[0].startswith("Russell Crowe")  # the person before the films they are in
        assert any(p.startswith("The Insider (1999)") for p in prompts)
        await press(pilot, "enter")
        assert isinstance(app.screen, PersonScreen) and app.screen.person == "Russell Crowe"


async def test_start_up_notices_are_shown_once_as_plain_text(store: Store) -> None:
    app = FilmApp(Library(store), notices=["index.json was unreadable [bold]x[/]"])
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.told == [("index.json was unreadable [bold]x[/]", "warning")]  # said() never parses markup


async def test_markup_and_escapes_in_data_are_shown_as_text(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        film_list = app.screen.query_one(FilmList)
        lines = [film_list.render_line(y).text for y in range(1, 7)]
        assert any("[bold]x[/]" in line and "[red]Evil[/] Director" in line for line in lines)
        assert any("Red Alert" in line and "Esc Ape" in line for line in lines)
        assert not any("\x1b" in line or "\x07" in line for line in lines)

        app.screen.query_one("#search", Input).value = "[bold]"
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 900001
        assert str(app.screen.query_one("#film-title", Static).render()) == "[bold]x[/] (2001)"
        overview = str(app.screen.query_one("#overview-text", Static).render())
        assert "[@click=app.quit]click me[/]" in overview
        assert "[link=https://example.org]not a link[/link] and $variable" in overview
        await press(pilot, "2")
        from filmtui.widgets import CreditList
        credits = app.screen.query_one(CreditList)
        assert str(credits.get_option_at_index(1).prompt) == "[blink]Someone[/]  as [reverse]Role[/]"
        await press(pilot, "3")
        faq = str(app.screen.query_one("#faq-list").get_option_at_index(0).prompt)
        assert "[bold]Q?[/]" in faq and "[red]A.[/]" in faq and "https://example.org/[x]" in faq
        await press(pilot, "escape")

        app.screen.query_one("#search", Input).value = "red alert"
        await settle(pilot)
        await press(pilot, "enter")
        title = str(app.screen.query_one("#film-title", Static).render())
        assert title == "Red Alert (2002)"
        overview = str(app.screen.query_one("#overview-text", Static).render())
        assert "Bell and clear screen." in overview and "\x1b" not in overview and "\x07" not in overview


async def test_a_store_that_cannot_be_read_is_reported_not_left_loading(store: Store, monkeypatch) -> None:
    def broken() -> list:
        raise OSError("index.sqlite: disk on fire")

    monkeypatch.setattr(Store, "list_index", lambda self: broken())
    monkeypatch.setattr(Store, "sound_list_index", lambda self: broken())
    app = FilmApp(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert status.startswith("Could not read the films in ") and "disk on fire" in status
        assert any("disk on fire" in text and severity == "error" for text, severity in app.told)


async def test_palette_system_commands_open_help_and_about(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await palette(pilot, "about filmtui")
        await press(pilot, "enter")
        assert isinstance(app.screen, AboutScreen)


async def quit_with_keys(app: FilmApp, pilot, keys: str) -> None:
    """q and the keys after it, all in one read from the terminal, as a fast typist sends them."""
    from textual import events

    for key in ["q", *keys.split()]:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(200):  # until the app has quit on its own
        if app.return_code is not None:
            break
        await pilot.pause(0.01)


async def test_keys_arriving_with_q_never_raise_while_quitting(app: FilmApp) -> None:
    """The run_test context re-raises anything a handler raised while the app was closing."""
    keys = "2 3 tab r w m p u escape f s question_mark left_square_bracket enter down"
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        assert isinstance(app.screen, FilmScreen)
        await quit_with_keys(app, pilot, keys)
    assert app.return_code == 0
    again = FilmApp(Library(app.library.store()))
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "down")
        await quit_with_keys(again, pilot, "s f enter escape slash h e a t enter 1 2")
    assert again.return_code == 0


async def test_user_data_told_after_quitting_is_dropped_quietly(app: FilmApp) -> None:
    """A save or a look at user.json that ends while the app closes still tells the film page,
    which is gone by then: nothing to redraw, and no traceback on the way out (once a
    KeyError from the removed page's styles, seen as a flaky test under load)."""
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        assert isinstance(app.screen, FilmScreen)
        page = app.screen
    assert not page.is_attached
    for screen in app.page_flow.showing_user_data():
        screen.mine_changed(None)
        screen.mine_changed(949)

"""The list screen driven by keys and the mouse: search, list movement, sort, filter, empty results."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from filmtui.app import FilmApp
from filmtui.results import IndexBuilt
from filmtui.library import Library
from filmtui.screens import FilmScreen, FilterDialog, ListScreen
from filmtui.widgets import FilmList

from tui_helpers import press, screen_text, settle


def titles(app: FilmApp) -> list[str]:
    return [film.title for film in app.screen.query_one(FilmList).rows]


def status(app: FilmApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_starts_on_the_search_box_with_every_film(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        assert app.focused is app.screen.query_one("#search", Input)
        assert status(app) == "6 of 6 films"
        assert titles(app)[1:3] == ["Heat", "The Insider"]  # title order, "The" ignored


async def test_typing_filters_as_you_type_and_marks_the_match(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "h", "e", "a", "t")
        assert titles(app) == ["Heat"]
        assert status(app) == "1 of 6 films"
        film_list = app.screen.query_one(FilmList)
        assert film_list._match(0, 949) == ("title", ((0, 4),))
        row = film_list.render_line(1)
        match_style = film_list.get_component_rich_style("film-list--match", partial=True)
        heat = [seg for seg in row if seg.text == "Heat"]
        assert heat and heat[0].style.bold and heat[0].style.underline
        assert match_style.underline


async def test_search_is_case_and_accent_insensitive_over_people_and_original_titles(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        for query in ("CERCLE", "volonte", "Volonté", "1970"):
            search.value = query
            await settle(pilot)
            assert titles(app) == ["The Red Circle"], query
        search.value = "pacino"
        await settle(pilot)
        assert sorted(titles(app)) == ["Heat", "The Insider"]
        # A film listed for its cast, not its title, says who (accents and case forgiven too).
        film_list = app.screen.query_one(FilmList)
        shown = film_list.render_line(1).text + film_list.render_line(2).text
        assert "Heat · with Al Pacino" in shown and "The Insider · with Al Pacino" in shown
        search.value = "VOLONTE"
        await settle(pilot)
        assert "The Red Circle · with Gian Maria Volonté" in film_list.render_line(1).text
        search.value = "pacinno"  # a typo: the search forgives it, the hint just says why
        await settle(pilot)
        assert "Heat · cast" in film_list.render_line(1).text + film_list.render_line(2).text


async def test_q_types_into_the_search_box_but_quits_from_the_list(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "q")
        assert app.is_running
        assert app.screen.query_one("#search", Input).value == "q"
        await press(pilot, "backspace", "down")
        assert app.focused is app.screen.query_one(FilmList)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_enter_in_the_search_box_opens_the_top_match(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, *"insider", "enter")
        assert isinstance(app.screen, FilmScreen)
        assert app.screen.film_id == 9008


async def test_list_keys_move_the_cursor(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        film_list = app.screen.query_one(FilmList)
        await press(pilot, "down")
        assert app.focused is film_list and film_list.cursor == 0
        await press(pilot, "j", "j")
        assert film_list.cursor == 2
        await press(pilot, "k")
        assert film_list.cursor == 1
        await press(pilot, "G")
        assert film_list.cursor == 5
        await press(pilot, "g")
        assert film_list.cursor == 0
        await press(pilot, "end")
        assert film_list.cursor == 5
        await press(pilot, "home", "pagedown")
        assert film_list.cursor == 5  # a page is longer than six films
        await press(pilot, "pageup")
        assert film_list.cursor == 0
        await press(pilot, "down", "up", "up")
        assert film_list.cursor == 0  # stays on the first film
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 949


async def test_page_keys_scroll_a_long_list(app: FilmApp) -> None:
    async with app.run_test(size=(100, 10)) as pilot:
        await settle(pilot)
        film_list = app.screen.query_one(FilmList)
        # Six films do not fill a page at this height either; make the rows many.
        many = [film._replace(id=film.id * 100 + n) for n in range(50) for film in film_list.rows]
        film_list.show(many)
        await press(pilot, "down", "pagedown")
        assert film_list.show_vertical_scrollbar  # the scrollbar follows the new count
        page = film_list.cursor
        assert 0 < page < len(many) - 1
        await press(pilot, "pagedown")
        assert film_list.cursor == 2 * page
        assert film_list.scroll_offset.y > 0  # the cursor stayed on screen
        await press(pilot, "G")
        assert film_list.cursor == len(many) - 1
        assert round(film_list.scroll_offset.y) == round(film_list.max_scroll_y)
        await press(pilot, "pageup")
        assert film_list.cursor == len(many) - 1 - page
        top = round(film_list.scroll_offset.y)
        assert top <= film_list.cursor < top + film_list.scrollable_content_region.height - 1
        film_list.show(many[:3])
        await settle(pilot)
        assert not film_list.show_vertical_scrollbar
        assert film_list.max_scroll_y == 0


async def test_a_query_longer_than_the_box_keeps_its_end_in_view(app: FilmApp) -> None:
    async with app.run_test(size=(30, 20)) as pilot:
        await settle(pilot)
        query = "heat " * 8 + "mann"
        for key in query:
            await pilot.press("space" if key == " " else key)
        await settle(pilot)
        box = app.screen.query_one("#search", Input)
        assert box.value == query
        assert box.scroll_offset.x > 0
        assert any(line.rstrip(" ▊▎▏▌▐│┃").endswith("heat mann") for line in screen_text(pilot).splitlines()[:4])


async def test_slash_and_escape_move_between_list_and_search(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        await press(pilot, "h", "down")
        assert app.focused is app.screen.query_one(FilmList)
        await press(pilot, "slash")
        assert app.focused is search and search.value == "h"
        await press(pilot, "down", "escape")
        assert app.focused is search and search.value == "h"
        await press(pilot, "escape")
        assert search.value == "" and status(app) == "6 of 6 films"


async def test_s_cycles_the_sort_and_keeps_the_search(app: FilmApp, store) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        sort = app.screen.query_one("#sort-status", Static)
        assert str(sort.render()) == "sort: title A–Z"
        await press(pilot, "down", "s")  # best match -> title
        assert str(sort.render()) == "sort: title A–Z"
        await press(pilot, "s")  # year
        assert titles(app)[:2] == ["Red Alert", "[bold]x[/]"]
        assert str(sort.render()) == "sort: newest first"
        await press(pilot, "s", "s")  # rating, then box office
        assert titles(app)[:2] == ["Heat", "The Insider"]
        assert "Box office" in app.screen.query_one(FilmList).render_line(0).text
        assert "$187.4 million" in app.screen.query_one(FilmList).render_line(1).text
        await press(pilot, "slash", *"mann")
        assert titles(app) == ["Heat", "The Insider", "L.A. Takedown"]  # box office, unknown last
        await press(pilot, "down", "s")
        assert str(sort.render()) == "sort: your rating"
        await press(pilot, "s")
        assert str(sort.render()) == "sort: best match"


async def test_filter_dialog_combines_with_the_search(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "f")
        assert isinstance(app.screen, FilterDialog)
        app.screen.query_one("#filter-genre", Select).value = "Crime"
        app.screen.query_one("#filter-decade", Select).value = 1990
        await pilot.click("#filter-apply")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        assert titles(app) == ["Heat"]
        assert status(app) == "1 of 6 films"
        assert "filter: Crime, 1990s" in str(app.screen.query_one("#sort-status").render())
        await press(pilot, "slash", *"insider")
        assert status(app) == "0 of 6 films"  # a Drama, filtered out
        assert "with filters Crime, 1990s" in app.screen.query_one(FilmList).notice
        await press(pilot, "down", "f")
        await pilot.click("#filter-clear")
        await settle(pilot)
        assert titles(app) == ["The Insider"]
        await press(pilot, "f", "escape")
        assert isinstance(app.screen, ListScreen) and titles(app) == ["The Insider"]


async def test_empty_search_says_so_and_offers_closest_titles(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, *"xqzw")
        assert status(app) == "0 of 6 films"
        notice = "No films match “xqzw”. Press ctrl+t to search TMDB for it. Closest titles:"
        assert app.screen.query_one(FilmList).notice == notice
        assert notice in screen_text(pilot)  # in the list's header line, above the closest titles
        suggestions = app.screen.query_one(FilmList).rows
        assert 0 < len(suggestions) <= 5
        await press(pilot, "enter")  # Enter opens the closest title
        assert isinstance(app.screen, FilmScreen)
        assert app.screen.film_id == suggestions[0].id


async def test_mouse_click_highlights_then_opens(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        film_list = app.screen.query_one(FilmList)
        # Row 3 on screen (below the header) is the third film.
        await pilot.click(FilmList, offset=(5, 3))
        await settle(pilot)
        assert film_list.cursor == 2 and isinstance(app.screen, ListScreen)
        await pilot.click(FilmList, offset=(5, 3))
        await settle(pilot)
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 9008


async def test_typing_before_the_films_load_is_kept(store) -> None:
    app = FilmApp(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        # Whatever arrived first, the query typed is applied once the films are in.
        app.screen.query_one("#search", Input).value = "heat"
        await settle(pilot)
        assert titles(app) == ["Heat"]


async def test_large_collections_show_the_best_matches_first_then_all(
    app: FilmApp, monkeypatch
) -> None:
    # Pretend the six films are a huge collection: the keystroke shows the best match at once
    # and the worker brings the full result and count.
    monkeypatch.setattr(ListScreen, "SYNC_LIMIT", 0)
    monkeypatch.setattr(ListScreen, "FIRST_ROWS", 1)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#search", Input).value = "mann"
        await pilot.pause(0)
        assert titles(app) == ["Heat"]
        assert status(app) == "best 1 of 6 films, searching all…"
        await settle(pilot)
        assert sorted(titles(app)) == ["Heat", "L.A. Takedown", "The Insider"]
        assert status(app) == "3 of 6 films"
        await press(pilot, "down", "s", "s")  # year order needs a pass over every film
        assert titles(app) == ["The Insider", "Heat", "L.A. Takedown"]
        await press(pilot, "slash", *"zzqx")
        assert status(app) == "0 of 6 films"
        assert app.screen.query_one(FilmList).notice.startswith("No films match")


async def test_clearing_the_query_drops_its_waiting_full_search(app: FilmApp, monkeypatch) -> None:
    # At a million films a full search holds the interpreter for up to a second: one for a
    # query already cleared would slow the next keys for nothing.
    monkeypatch.setattr(ListScreen, "SYNC_LIMIT", 0)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        browser = app.screen.browser
        searched: list[str] = []
        real_view = browser.view

        def view(query: str = "", *args, **kwargs):
            searched.append(query)
            return real_view(query, *args, **kwargs)

        monkeypatch.setattr(browser, "view", view)
        box = app.screen.query_one("#search", Input)
        box.value = "mann"
        await pilot.pause(0)
        box.value = ""
        await settle(pilot)
        assert "mann" not in searched
        assert status(app) == "6 of 6 films"


async def test_query_typed_before_the_index_is_built_waits_and_is_then_applied(app: FilmApp) -> None:
    from filmtui.browser import Browser

    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        browser = Browser(app.library.browser.films, build=False)
        screen.set_browser(browser)
        app.library.browser = browser
        screen.query_one("#search", Input).value = "heat"
        await settle(pilot)
        assert status(app) == "Preparing search over 6 films…"
        assert len(titles(app)) == 6
        browser.build_index()
        app.post_message(IndexBuilt())  # as the loading worker says it
        await settle(pilot)
        assert titles(app) == ["Heat"] and status(app) == "1 of 6 films"


async def test_typing_a_letter_in_the_list_searches(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        await press(pilot, "h", "down", "e", "a")
        assert app.focused is search and search.value == "hea"
        await press(pilot, "down", "j")  # list keys still move the cursor
        assert app.focused is app.screen.query_one(FilmList) and search.value == "hea"


async def test_the_promised_keys_work_from_the_search_box_at_start_up(app: FilmApp) -> None:
    """Letters type; ? [ ] are commands there too; sort, filter and quit have Ctrl forms there."""
    from filmtui.screens import HelpScreen

    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert app.focused is search
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape", "f", "s")
        assert isinstance(app.screen, ListScreen) and search.value == "fs"  # letters type
        await press(pilot, "ctrl+u", "ctrl+s")
        assert "sort: title" in str(app.screen.query_one("#sort-status", Static).render())
        await press(pilot, "ctrl+f")
        assert isinstance(app.screen, FilterDialog)
        await press(pilot, "escape")
        app.screen.query_one("#search", Input).value = "heat"
        await settle(pilot)
        await press(pilot, "enter", "escape")  # Heat, then back to the list
        await press(pilot, "right_square_bracket")  # forward again, from the search box
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 949
        await press(pilot, "left_square_bracket")
        assert isinstance(app.screen, ListScreen) and app.focused is search
        await pilot.press("ctrl+q")
        await pilot.pause(0.6)
    assert app.return_code == 0


async def test_the_footer_follows_the_focus_between_the_box_and_the_list(app: FilmApp) -> None:
    # The footer is rebuilt only when its keys change: it must still change when they do.
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        in_box = screen_text(pilot).splitlines()[-1]
        await press(pilot, "down")  # into the list
        in_list = screen_text(pilot).splitlines()[-1]
        assert in_box != in_list
        assert "Open" in in_list
        await press(pilot, "slash")
        assert screen_text(pilot).splitlines()[-1] == in_box



async def test_a_key_and_its_results_are_drawn_in_one_frame(app: FilmApp) -> None:
    """The list changes while the key is handled, before any frame can be drawn: no frame
    shows the new letter above the previous query's rows (as one did, a frame later, when the
    list waited for the box's Changed message)."""
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        search.insert_text_at_cursor("ins")  # what a key does, without yielding to the loop
        assert titles(app) == ["The Insider"]
        assert status(app) == "1 of 6 films"
        search.value = ""
        assert len(titles(app)) == 6

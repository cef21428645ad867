"""Person pages and browser-style history across films and people."""

from __future__ import annotations

from textual.widgets import OptionList, Static, TabbedContent

from filmtui.app import FilmApp
from filmtui.requests import OpenFilm, OpenPerson
from filmtui.screens import FilmScreen, ListScreen, PersonScreen
from tui_helpers import open_by_search, press, settle


def options(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def page(app: FilmApp) -> tuple[str, object] | None:
    screen = app.screen
    if isinstance(screen, FilmScreen):
        return ("film", screen.film_id)
    if isinstance(screen, PersonScreen):
        return ("person", screen.person)
    return None


async def heat_then_pacino(pilot) -> None:
    await open_by_search(pilot, "heat")
    await press(pilot, "2", "enter")


async def test_person_page_lists_films_with_roles(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await heat_then_pacino(pilot)
        assert page(app) == ("person", "Al Pacino")
        assert str(app.screen.query_one("#person-count", Static).render()) == "2 films in the catalogue"
        assert options(app.screen.query_one("#person-films", OptionList)) == [
            "The Insider (1999)  Lowell Bergman",
            "Heat (1995)  Lt. Vincent Hanna",
        ]
        await press(pilot, "enter")
        assert page(app) == ("film", 9008)


async def test_crew_member_page_keeps_the_job_seen_on_the_film(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "2", "end", "enter")
        assert page(app) == ("person", "Elliot Goldenthal")
        # Summaries carry only directors and top cast; the composer credit comes from the film.
        assert options(app.screen.query_one("#person-films", OptionList)) == [
            "Heat (1995)  Original Music Composer"
        ]


async def test_director_page_lists_every_film_directed(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.post_message(OpenPerson("michael mann"))
        await settle(pilot)
        assert options(app.screen.query_one("#person-films", OptionList)) == [
            "The Insider (1999)  Director",
            "Heat (1995)  Director",
            "L.A. Takedown (1989)  Director",
        ]


async def test_back_and_forward_like_a_browser(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await heat_then_pacino(pilot)
        await press(pilot, "enter")  # The Insider
        assert page(app) == ("film", 9008)
        await press(pilot, "escape")
        assert page(app) == ("person", "Al Pacino")
        await press(pilot, "backspace")
        assert page(app) == ("film", 949)
        await press(pilot, "right_square_bracket")
        assert page(app) == ("person", "Al Pacino")
        await press(pilot, "alt+right")
        assert page(app) == ("film", 9008)
        await press(pilot, "right_square_bracket")  # nothing further forward
        assert page(app) == ("film", 9008)
        await press(pilot, "left_square_bracket")
        assert page(app) == ("person", "Al Pacino")
        await press(pilot, "alt+left")
        assert page(app) == ("film", 949)
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)
        await press(pilot, "escape")  # the list is the first page: Esc stays
        assert isinstance(app.screen, ListScreen)
        await press(pilot, "alt+right")
        assert page(app) == ("film", 949)


async def test_back_returns_to_the_tab_and_row_it_left_and_a_new_visit_starts_on_overview(
    app: FilmApp,
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "2", "down", "enter")
        assert page(app) == ("person", "Robert De Niro")
        await press(pilot, "escape")
        assert page(app) == ("film", 949)
        assert app.screen.query_one(TabbedContent).active == "cast"
        await press(pilot, "enter")  # the row left highlighted, and the focus on it
        assert page(app) == ("person", "Robert De Niro")
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, ListScreen)
        await press(pilot, "enter")  # opened anew from the list: a fresh visit
        assert page(app) == ("film", 949)
        assert app.screen.query_one(TabbedContent).active == "overview"


async def test_opening_a_new_page_drops_the_forward_history(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await heat_then_pacino(pilot)
        await press(pilot, "escape")
        assert page(app) == ("film", 949)
        await press(pilot, "1")
        app.post_message(OpenFilm(48137))
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        assert page(app) == ("film", 48137)


async def test_mouse_opens_people_and_films(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await pilot.click("#--content-tab-cast")
        await settle(pilot)
        await pilot.click("#credit-list", offset=(3, 1))  # row 0 is the "Cast" heading
        await settle(pilot)
        assert page(app) == ("person", "Al Pacino")
        await pilot.click("#person-films", offset=(3, 0))
        await settle(pilot)
        assert page(app) == ("film", 9008)


async def test_opening_a_page_over_help_closes_help(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.post_message(OpenFilm(949))
        await settle(pilot)
        await press(pilot, "f1")
        app.post_message(OpenFilm(9008))  # as the command palette would
        await settle(pilot)
        names = [type(screen).__name__ for screen in app.screen_stack]
        assert names == ["ListScreen", "FilmScreen"] and page(app) == ("film", 9008)
        await press(pilot, "f1")
        app.post_message(OpenPerson("Al Pacino"))
        await settle(pilot)
        names = [type(screen).__name__ for screen in app.screen_stack]
        assert names == ["ListScreen", "PersonScreen"]
        await press(pilot, "escape", "escape")
        assert page(app) == ("film", 949)

"""Screens tried alone: handed a small fake film source, in a bare App, asking for what they want
with messages. No store, no TMDB, no FilmApp."""

from __future__ import annotations

from textual.widgets import Static

from fake_films import FakeFilms, ScreenHost, film
from filmtui.film_page import TMDB_NOTICE, TMDB_WORDMARK
from filmtui.requests import OpenPerson, RateFilm, ShowPoster, ToggleWatchlist
from filmtui.screens import FilmScreen, ListScreen
from filmtui.widgets import SpoilerList
from filmtui.widgets.spoiler_list import HIDDEN
from tui_helpers import press, settle

TWIST = "The driver was the client all along."
FIRST = film(
    1, "First [bold]x[/]", tagline="[bold]tag[/] [link=https://x.org]line[/link]",
    faq=[{"question": "Who?", "answer": TWIST, "spoiler": True}],
    cast=[{"name": "Al Pacino", "character": "Hanna"}],
)
SECOND = film(2, "Second", faq=[{"question": "Who else?", "answer": "Another twist.", "spoiler": True}])


def prompts(screen: FilmScreen) -> list[str]:
    faq = screen.query_one("#faq-list", SpoilerList)
    return [str(faq.get_option_at_index(i).prompt) for i in range(faq.option_count)]


async def test_title_and_tagline_with_markup_are_shown_literally() -> None:
    screen = FilmScreen(FakeFilms(FIRST, SECOND))
    async with ScreenHost(screen).run_test(size=(100, 32)) as pilot:
        screen.show_film_id(1)
        await settle(pilot)
        assert str(screen.query_one("#film-title", Static).render()) == "First [bold]x[/]"
        assert str(screen.query_one("#film-tagline", Static).render()) == (
            "[bold]tag[/] [link=https://x.org]line[/link]"
        )


async def test_revealed_spoilers_do_not_carry_to_the_next_film() -> None:
    screen = FilmScreen(FakeFilms(FIRST, SECOND))
    async with ScreenHost(screen).run_test(size=(100, 32)) as pilot:
        screen.show_film_id(1)
        await settle(pilot)
        await press(pilot, "3", "r")
        assert TWIST in prompts(screen)[0]
        screen.show_film_id(2)  # the same screen serves the next film
        await settle(pilot)
        await press(pilot, "3")
        assert HIDDEN in prompts(screen)[0] and "Another twist." not in prompts(screen)[0]
        screen.show_film_id(1)
        await settle(pilot)
        await press(pilot, "3")
        assert HIDDEN in prompts(screen)[0] and TWIST not in prompts(screen)[0]


async def test_the_film_screen_asks_the_app_with_messages() -> None:
    screen = FilmScreen(FakeFilms(FIRST, SECOND))
    host = ScreenHost(screen)
    async with host.run_test(size=(100, 32)) as pilot:
        screen.show_film_id(1)
        await settle(pilot)
        await press(pilot, "w", "m", "p", "2", "enter")
        kinds = [type(m) for m in host.asked]
        assert kinds == [ToggleWatchlist, RateFilm, ShowPoster, OpenPerson]
        person = host.asked[-1]
        assert person.name == "Al Pacino" and person.known[0].film_id == 1


async def test_a_refreshed_film_shows_tmdbs_wordmark_and_notice() -> None:
    refreshed = film(3, "Refreshed", tmdb={"id": 3, "title": "Refreshed", "refreshed_at": "2026-11-30T10:00:00+00:00"})
    screen = FilmScreen(FakeFilms(refreshed))
    async with ScreenHost(screen).run_test(size=(100, 32)) as pilot:
        screen.show_film_id(3)
        await settle(pilot)
        source = str(screen.query_one("#overview-source", Static).render())
        assert TMDB_WORDMARK in source and TMDB_NOTICE in source
        assert "TMDB data from 2026-11-30" in str(screen.query_one("#film-age", Static).render())


async def test_the_list_screen_shows_a_fake_sources_films() -> None:
    films = FakeFilms(FIRST, SECOND)
    screen = ListScreen(films)
    async with ScreenHost(screen).run_test(size=(100, 32)) as pilot:
        assert films.browser is not None
        screen.set_browser(films.browser)
        await settle(pilot)
        assert [f.title for f in screen.view.rows] == ["First [bold]x[/]", "Second"]

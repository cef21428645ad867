"""More like this on the film page: the store's films nearest to the open one, each with why;
Enter opens one. Offline from the local index; an empty tab says why."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from filmtui.app import FilmApp
from filmtui.screens import FilmScreen
from tui_helpers import open_by_search, press, screen_text


def listed(screen: FilmScreen) -> list[str]:
    listing = screen.query_one("#similar-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_heat_lists_la_takedown_with_why_and_enter_opens_it(app: FilmApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_search(pilot, "heat")
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        # Ranked only when the tab is shown: the first time it indexes every film.
        assert listed(screen) == []
        await press(pilot, "5")
        entries = listed(screen)
        assert entries[:2] == ["The Insider (1999)\n  Michael Mann · Al Pacino · 1990s",
                               "L.A. Takedown (1989)\n  Michael Mann"]
        assert "L.A. Takedown (1989)" in screen_text(pilot)  # it fits 80x24
        await press(pilot, "down", "enter")
        assert app.screen.film_id == 48137
        await press(pilot, "escape")
        assert app.screen.film_id == 949
        # Back on the tab and the row it was left on, though the list is found again.
        assert app.screen.query_one("#similar-list", OptionList).highlighted == 1


async def test_a_film_sharing_nothing_says_why_the_tab_is_empty(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "bold")  # the hostile-markup film: shares nothing with the rest
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        await press(pilot, "5")
        empty = str(screen.query_one("#similar-empty", Static).render())
        assert not screen.query_one("#similar-list").display
        assert "No film in your store shares" in empty and "(u)" in empty

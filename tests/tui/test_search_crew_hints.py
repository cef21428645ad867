"""A film found by its crew or a character says so in the list (issue 12)."""

from __future__ import annotations

from textual.widgets import Input

from filmtui.app import FilmApp
from filmtui.widgets import FilmList

from tui_helpers import settle


async def test_crew_and_character_matches_name_the_person_and_the_job_or_role(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        film_list = app.screen.query_one(FilmList)
        search.value = "goldenthal"
        await settle(pilot)
        assert [f.title for f in film_list.rows] == ["Heat"]
        assert "Heat · Elliot Goldenthal · music" in film_list.render_line(1).text
        search.value = "mccauley"
        await settle(pilot)
        assert [f.title for f in film_list.rows] == ["Heat"]
        assert "Heat · as Neil McCauley" in film_list.render_line(1).text
        search.value = "pacino"  # an actor is still named as before
        await settle(pilot)
        assert "Heat · with Al Pacino" in film_list.render_line(1).text + film_list.render_line(2).text

"""The film screen: header, the four tabs and their keys, spoilers, empty tabs, TMDB notices."""

from __future__ import annotations


from textual.widgets import OptionList, Static, TabbedContent

from filmtui.app import FilmApp
from filmtui.requests import OpenFilm
from filmtui.library import Library
from filmtui.screens import FilmScreen, ListScreen, PersonScreen
from filmtui.film_page import TMDB_NOTICE
from filmtui.store import Store, TmdbUpdate
from filmtui.widgets import CreditList, SpoilerList
from filmtui.widgets.spoiler_list import HIDDEN
from tui_helpers import facts, press, screen_text, settle


def text(app: FilmApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def options(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def open_film(pilot, query: str) -> FilmScreen:
    await settle(pilot)
    pilot.app.screen.query_one("#search").value = query
    await settle(pilot)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, FilmScreen)
    return screen


async def test_header_and_overview(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        assert text(app, "#film-title") == "Heat (1995)"
        assert text(app, "#film-tagline") == "A Los Angeles crime saga."
        assert text(app, "#film-meta") == "2h 50m · R (unverified) · Action, Crime"
        overview = text(app, "#overview-text")
        assert "A detective and a thief, equals on opposite sides." in overview
        assert "A professional thief plans one more job" in overview
        shown = facts(app)
        assert "Directed by Michael Mann" in shown
        assert "Starring Al Pacino, Robert De Niro, Val Kilmer" in shown
        assert "Budget $60 million" in shown
        assert "Box office $187.4 million" in shown
        assert "Complexity Long but linear." in shown
        assert "Advisories Strong violence" in shown
        assert "Budget $60 million" in " ".join(screen_text(pilot).split())
        source = text(app, "#overview-source")
        assert "From the filmtui catalogue; not yet refreshed from TMDB" in source
        assert "(unverified)" in source
        assert TMDB_NOTICE not in source  # no TMDB data on this page


async def test_unknown_money_is_a_dash_never_zero(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "takedown")
        shown = facts(app)
        assert "Budget — Box office —" in shown
        assert "$0" not in shown


async def test_refreshed_film_shows_the_date_and_tmdb_notice(store: Store) -> None:
    store.write_tmdb([
        TmdbUpdate(949, {
            "id": 949, "title": "Heat", "year": 1995, "rating": 7.9, "vote_count": 7000,
            "certification": "R", "refreshed_at": "2026-11-20T10:00:00+00:00",
        })
    ])
    app = FilmApp(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        assert text(app, "#film-meta").startswith("2h 50m · R · ")  # TMDB confirmed it
        source = text(app, "#overview-source")
        assert "TMDB data refreshed 2026-11-20" in source
        assert TMDB_NOTICE in source
        assert "TMDB rating 7.9/10 from 7,000 votes" in facts(app)


async def test_number_keys_tab_and_shift_tab_switch_tabs(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "overview"
        for key, tab in (("2", "cast"), ("3", "faq"), ("4", "trivia"), ("5", "similar"), ("1", "overview")):
            await press(pilot, key)
            assert tabs.active == tab
        await press(pilot, "tab")
        assert tabs.active == "cast" and app.focused is app.screen.query_one(CreditList)
        await press(pilot, "tab", "tab", "tab", "tab")
        assert tabs.active == "overview"
        await press(pilot, "shift+tab")
        assert tabs.active == "similar" and app.focused is app.screen.query_one("#similar-list")


async def test_mouse_switches_tabs(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        await pilot.click("#--content-tab-faq")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "faq"
        assert app.focused is app.screen.query_one("#faq-list")


async def test_cast_tab_lists_cast_then_key_crew_and_opens_a_person(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        await press(pilot, "2")
        credits = app.screen.query_one(CreditList)
        assert options(credits) == [
            "Cast",
            "Al Pacino  as Lt. Vincent Hanna",
            "Robert De Niro  as Neil McCauley",
            "Val Kilmer",
            "Key crew",
            "Michael Mann  Director",
            "Michael Mann  Screenplay",
            "Elliot Goldenthal  Original Music Composer",
        ]
        await press(pilot, "enter")
        assert isinstance(app.screen, PersonScreen) and app.screen.person == "Al Pacino"


async def test_faq_spoilers_stay_hidden_until_revealed(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        await press(pilot, "3")
        faq = app.screen.query_one("#faq-list", SpoilerList)
        shown = options(faq)
        assert "Partly: the thief is named after a real one." in shown[0]
        assert "Source: https://example.org/heat-true-story" in shown[0]
        assert "THE ENDING" not in shown[1] and HIDDEN in shown[1]
        assert "Source: https://example.org/heat-ending" in shown[1]
        await press(pilot, "r")  # on the first item: not a spoiler, nothing to reveal
        assert HIDDEN in options(faq)[1]
        await press(pilot, "down", "r")
        assert "THE ENDING IS REVEALED HERE." in options(faq)[1]
        await press(pilot, "enter")  # Enter hides it again
        assert HIDDEN in options(faq)[1]
        await press(pilot, "R")
        assert "THE ENDING IS REVEALED HERE." in options(faq)[1]
        await press(pilot, "R")
        assert HIDDEN in options(faq)[1]


async def test_trivia_spoilers_stay_hidden_until_revealed(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        await press(pilot, "4")
        trivia = app.screen.query_one("#trivia-list", SpoilerList)
        assert "It remakes a television film" in options(trivia)[0]
        assert "SECRET" not in options(trivia)[1]
        await press(pilot, "down", "enter")
        assert "SECRET TRIVIA SPOILER." in options(trivia)[1]


async def test_empty_tabs_say_what_would_fill_them(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "takedown")
        for key, tab, words in (
            ("2", "cast", "refresh from TMDB"),
            ("3", "faq", "filmtui editorial new 48137"),
            ("4", "trivia", "filmtui editorial new 48137"),
        ):
            await press(pilot, key)
            empty = app.screen.query_one(f"#{tab}-empty", Static)
            assert empty.display and words in str(empty.render())
        # The director still shows as key crew below the note.
        await press(pilot, "2")
        assert options(app.screen.query_one(CreditList)) == ["Key crew", "Michael Mann  Director"]


async def test_collection_links_open_the_other_film(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        links = app.screen.query_one("#collection-list", OptionList)
        assert links.display
        assert options(links) == ["L.A. Takedown (1989)"]
        assert "Collection  Heat — also in it:" == text(app, "#collection-label")
        links.focus()
        links.highlighted = 0
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen) and app.screen.film_id == 48137


async def test_escape_and_backspace_go_back(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_film(pilot, "heat")
        await press(pilot, "escape")
        assert isinstance(app.screen, ListScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, FilmScreen)
        await press(pilot, "backspace")
        assert isinstance(app.screen, ListScreen)


async def test_a_film_that_cannot_be_read_says_so(store: Store, monkeypatch) -> None:
    def broken(film_id: int):
        raise OSError("shard unreadable")

    monkeypatch.setattr(Store, "film", lambda self, film_id: broken(film_id))
    app = FilmApp(Library(store))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.post_message(OpenFilm(949))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, FilmScreen)
        assert text(app, "#overview-text") == "Could not read this film: shard unreadable"
        assert text(app, "#film-title") == "Heat (1995)"  # the header comes from the summary


async def test_a_theme_changed_while_no_film_is_open_restyles_the_next_film_page(app: FilmApp) -> None:
    # One film screen serves every page and is restyled on opening only when the theme has
    # changed: after a switch it must wear the new one, not the colours it was last shown in.
    from textual.color import Color

    from tui_helpers import open_by_search, press

    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        title = app.screen.query_one("#film-title")
        before = title.styles.background
        await press(pilot, "escape")
        app.theme = "filmtui-light" if app.theme != "filmtui-light" else "filmtui-dark"
        await pilot.pause()
        await open_by_search(pilot, "heat")
        after = app.screen.query_one("#film-title").styles.background
        assert after != before
        assert after == Color.parse(app.get_css_variables()["panel"])

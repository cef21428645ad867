"""Links out of a film page: the links line, `o` to choose one, Enter opens it with App.open_url
(or says no browser can open here and shows the URL), `y` copies the link or the FAQ answer."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from filmtui.app import FilmApp
from filmtui.screens import FilmScreen, LinkChooser
from tui_helpers import open_by_search, press, screen_text


def messages(app: FilmApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def opened(app: FilmApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the app asked a browser to open (none is started)."""
    urls: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: urls.append(url))
    return urls


async def test_o_lists_the_links_and_enter_opens_one(app: FilmApp, opened: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_search(pilot, "heat")
        assert "Links TMDB · IMDb · Letterboxd (o opens one, y copies)" in " ".join(screen_text(pilot).split())
        await press(pilot, "o")
        assert isinstance(app.screen, LinkChooser)
        shown = screen_text(pilot)
        for url in ("https://www.themoviedb.org/movie/949", "https://www.imdb.com/title/tt0113277/",
                    "https://letterboxd.com/tmdb/949"):
            assert url in shown
        await press(pilot, "down", "enter")
        assert opened == ["https://www.imdb.com/title/tt0113277/"]
        assert isinstance(app.screen, FilmScreen)


async def test_without_a_browser_the_url_is_shown_instead(app: FilmApp, opened: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "o", "enter")
        assert opened == []
        assert any("No browser can open" in m and "https://www.themoviedb.org/movie/949" in m
                   for m in messages(app))


async def test_y_copies_the_link_or_the_faq_answer(app: FilmApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "y")
        assert app.clipboard == "https://www.themoviedb.org/movie/949"
        assert "Copied https://www.themoviedb.org/movie/949 to the clipboard" in messages(app)
        await press(pilot, "3", "y")
        film = app.screen.film
        row = app.screen.query_one("#faq-list", OptionList).highlighted
        assert app.clipboard == film.faq[row].answer
        assert "Copied the answer to the clipboard" in messages(app)
        await press(pilot, "o", "down", "y")
        assert app.clipboard == "https://www.imdb.com/title/tt0113277/"

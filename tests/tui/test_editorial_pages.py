"""An editor's own page in the browser: the empty tabs say how to write one, and a saved page
shows the next time the film is opened, over the shipped page, field by field."""

from __future__ import annotations

from pathlib import Path

from filmtui.app import FilmApp
from filmtui.widgets.spoiler_list import SpoilerList

from tui_helpers import open_by_search, press, screen_text

PAGE = '''id = 48137

[[faq]]
question = "Why make it twice?"
answer = "Our own answer, written in the editor's folder."
source = "https://example.org/takedown"

[[trivia]]
text = "A trivia item of the editor's own."
source = "https://example.org/trivia"
'''


async def test_an_empty_faq_says_how_to_write_the_page(app: FilmApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "takedown")
        await press(pilot, "3")
        assert "filmtui editorial new 48137" in " ".join(screen_text(pilot).split())


async def test_a_page_saved_meanwhile_shows_when_the_film_is_opened_again(
    app: FilmApp, isolated_env: Path
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "takedown")
        assert app.screen.query_one("#faq-list", SpoilerList).items == []
        folder = isolated_env / "editorial"
        folder.mkdir()
        (folder / "la-takedown-1989.toml").write_text(PAGE)  # as from another terminal
        await press(pilot, "escape")
        await open_by_search(pilot, "takedown")
        await press(pilot, "3")
        faq = app.screen.query_one("#faq-list", SpoilerList)
        assert [item.question for item in faq.items] == ["Why make it twice?"]
        text = " ".join(screen_text(pilot).split())
        assert "Our own answer, written in the editor's folder." in text
        trivia = app.screen.query_one("#trivia-list", SpoilerList)
        assert [item.text for item in trivia.items] == ["A trivia item of the editor's own."]


async def test_a_page_with_a_problem_leaves_the_shipped_page(app: FilmApp, isolated_env: Path) -> None:
    folder = isolated_env / "editorial"
    folder.mkdir()
    (folder / "heat.toml").write_text('id = 949\nblurb = 5\n')
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "3")
        assert len(app.screen.query_one("#faq-list", SpoilerList).items) == 2


async def test_x_saves_the_page_as_markdown_in_the_data_folder_and_says_where(
    app: FilmApp, data_dir: Path
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "heat")
        await press(pilot, "x")
        saved = data_dir / "pages" / "heat-1995.md"
        page = saved.read_text()
        assert page.startswith("# Heat (1995)") and "## FAQ" in page
        assert any(str(saved) in message for message, _ in app.told)


async def test_a_page_for_a_film_added_from_tmdb_fills_its_empty_tabs(
    store, data_dir: Path, isolated_env: Path
) -> None:
    from filmtui.library import Library
    from filmtui.store import TmdbUpdate

    store.write_tmdb([TmdbUpdate(77, {
        "id": 77, "title": "Memento", "year": 2000, "directors": ["Christopher Nolan"],
        "refreshed_at": "2026-11-30T10:00:00+00:00",
    })])
    folder = isolated_env / "editorial"
    folder.mkdir()
    (folder / "memento-2000.toml").write_text(
        'id = 77\n\n[[faq]]\nquestion = "Why does it run backwards?"\nanswer = "Our answer."\n'
        'source = "https://example.org/memento"\n\n[[trivia]]\ntext = "Our trivia."\n'
        'source = "https://example.org/trivia"\n'
    )
    app = FilmApp(Library(store))
    async with app.run_test(size=(110, 36)) as pilot:
        await open_by_search(pilot, "memento")
        await press(pilot, "3")
        faq = app.screen.query_one("#faq-list", SpoilerList)
        assert [item.question for item in faq.items] == ["Why does it run backwards?"]
        await press(pilot, "4")
        assert "Our trivia." in " ".join(screen_text(pilot).split())

"""An editor's own pages, as an editor works with them: new, check, edit, list, show, export."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def filmtui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "filmtui", *args], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=60,
    )


@pytest.fixture
def pages(isolated_env: Path) -> Path:
    folder = isolated_env / "editorial"
    folder.mkdir()
    return folder


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_new_writes_a_page_to_fill_in_and_never_overwrites_one(pages: Path) -> None:
    result = filmtui("editorial", "new", "heat")
    assert result.returncode == 0, result.stderr
    page = pages / "heat-1995.toml"
    text = page.read_text()
    assert "id = 949" in text and 'title = "Heat"' in text and "year = 1995" in text
    assert "Al Pacino as Lt. Vincent Hanna" in text  # the credits, for reference
    assert "# [[faq]]" in text and "# [[trivia]]" in text
    assert filmtui("editorial", "check").returncode == 0  # a fresh skeleton is a sound page
    page.write_text(text + 'blurb = "Mine."\n')
    again = filmtui("editorial", "new", "949")
    assert again.returncode == 1 and "already has a page" in again.stderr
    assert page.read_text().endswith('blurb = "Mine."\n')
    no_traceback(again)


def test_a_page_overriding_one_field_leaves_the_rest_of_the_shipped_page(pages: Path) -> None:
    shipped = json.loads(filmtui("show", "heat", "--json").stdout)
    (pages / "mine.toml").write_text('id = 949\nblurb = "Two professionals, one city."\n')
    mine = json.loads(filmtui("show", "heat", "--json").stdout)
    assert mine["blurb"] == "Two professionals, one city."
    for key in ("overview", "complexity", "advisories", "faq", "trivia", "cast", "title"):
        assert mine[key] == shipped[key], key


def test_a_page_replaces_the_faq_it_gives(pages: Path) -> None:
    (pages / "heat.toml").write_text(
        'id = 949\n\n[[faq]]\nquestion = "Why the coffee shop?"\nanswer = "Mine."\n'
        'source = "https://example.org/coffee"\nspoiler = false\n'
    )
    faq = json.loads(filmtui("show", "heat", "--json").stdout)["faq"]
    assert faq == [{"question": "Why the coffee shop?", "answer": "Mine.",
                    "source": "https://example.org/coffee"}]


GOOD_FAQ = '[[faq]]\nquestion = "Q?"\nanswer = "A."\nsource = "https://example.org/q"\n'

BAD_PAGES = {
    "an unknown field, with the closest name": (
        'id = 949\nsynopsys = "x"\n', 2, "unknown field 'synopsys' (did you mean 'synopsis'?)"),
    "a field of the wrong type": ('id = 949\n\nblurb = 5\n', 3, "field 'blurb': expected non-empty text"),
    "a question left out": (
        'id = 949\n\n[[faq]]\nanswer = "A."\nsource = "https://example.org/q"\n', 3,
        "faq item 1: 'question' is missing"),
    "a source that is not a web address": (
        'id = 949\n' + GOOD_FAQ.replace("https://example.org/q", "example.org"), 5,
        "faq item 1: 'source' must be an http(s) address"),
    "an item with no source": ('id = 949\n\n[[trivia]]\ntext = "T."\n', 3,
                               "trivia item 1: 'source' is missing"),
    "a spoiler flag that is not true or false": (
        'id = 949\n' + GOOD_FAQ + 'spoiler = "yes"\n', 6, "faq item 1: 'spoiler' must be true or false"),
    "a misspelt item key": ('id = 949\n' + GOOD_FAQ + 'spolier = true\n', 6,
                            "faq item 1: unknown key 'spolier' (did you mean 'spoiler'?)"),
    "an advisory not in the vocabulary": (
        'id = 949\nadvisories = ["Strong violence", "Gore"]\n', 2, "unknown advisory 'Gore'"),
    "a film that is not in the store": ('id = 77\nblurb = "x"\n', 1,
                                        "film 77 is not in your store (add it: filmtui add --id 77)"),
    "no id": ('blurb = "x"\n', 1, "field 'id' is missing"),
    "a file that is not TOML": ('id = 949\nblurb = "x\n', 2, "not valid TOML"),
}


@pytest.mark.parametrize("case", list(BAD_PAGES), ids=list(BAD_PAGES))
def test_check_names_the_line_of_each_problem(pages: Path, case: str) -> None:
    text, line, message = BAD_PAGES[case]
    path = pages / "bad.toml"
    path.write_text(text)
    result = filmtui("editorial", "check")
    assert result.returncode == 1
    assert f"{path}:{line}: {message}" in result.stdout, result.stdout
    no_traceback(result)
    # The app does not use a page with problems: the shipped page shows instead.
    shown = json.loads(filmtui("show", "heat", "--json").stdout)
    assert shown["blurb"] != "x"


def test_check_says_what_it_checked(pages: Path) -> None:
    (pages / "a.toml").write_text('id = 949\n' + GOOD_FAQ)
    (pages / "b.toml").write_text('id = 524\nblurb = "Mine."\n')
    result = filmtui("editorial", "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Checked 2 pages: no problems."


def test_two_pages_for_one_film_are_one_problem(pages: Path) -> None:
    (pages / "a.toml").write_text('id = 949\nblurb = "One."\n')
    (pages / "b.toml").write_text('id = 949\nblurb = "Two."\n')
    result = filmtui("editorial", "check")
    assert result.returncode == 1 and "film 949 already has a page" in result.stdout


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "stand-in-editor"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_edit_opens_the_page_in_the_editor_then_checks_it(pages: Path, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "printf 'blurb = \"Written in my editor.\"\\n' >> \"$1\"")
    result = filmtui("editorial", "edit", "heat", env={"EDITOR": editor})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Checked 1 page: no problems." in result.stdout
    assert json.loads(filmtui("show", "heat", "--json").stdout)["blurb"] == "Written in my editor."


def test_edit_reports_what_the_editor_left_wrong(pages: Path, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "printf 'spolier = 1\\n' >> \"$1\"")
    result = filmtui("editorial", "edit", "heat", env={"VISUAL": editor})
    assert result.returncode == 1
    assert "heat-1995.toml:" in result.stdout and "unknown field 'spolier'" in result.stdout


def test_edit_without_an_editor_says_what_to_set(pages: Path) -> None:
    result = filmtui("editorial", "edit", "heat")
    assert result.returncode == 2 and "set VISUAL or EDITOR" in result.stderr
    no_traceback(result)


def test_list_says_where_each_page_comes_from(pages: Path) -> None:
    (pages / "heat.toml").write_text('id = 949\nblurb = "Mine."\n')
    result = filmtui("editorial", "list")
    assert result.returncode == 0
    heat = next(line for line in result.stdout.splitlines() if "Heat (1995)" in line)
    assert "shipped + yours:" in heat and "heat.toml" in heat
    casino = next(line for line in result.stdout.splitlines() if "Casino (1995)" in line)
    assert casino.endswith("shipped")


def test_the_folder_can_be_pointed_elsewhere(tmp_path: Path, isolated_env: Path) -> None:
    elsewhere = tmp_path / "team-pages"
    elsewhere.mkdir()
    (elsewhere / "heat.toml").write_text('id = 949\nblurb = "From the team folder."\n')
    shown = filmtui("show", "heat", "--json", env={"FILMTUI_EDITORIAL_DIR": str(elsewhere)})
    assert json.loads(shown.stdout)["blurb"] == "From the team folder."

"""An editor's page for a film added from TMDB: shown, exported, and kept through refreshes."""

from __future__ import annotations

import json
from pathlib import Path

from filmtui.store import Store

from .conftest import run_filmtui, serve_catalogue
from .server import FakeTmdb

PAGE = '''id = 550
title = "Fight Club"
blurb = "A page of our own for a film TMDB brought in."
complexity = "An unreliable narrator: the last act asks you to rewatch the first."
advisories = ["Strong violence"]

[[faq]]
question = "Who is Tyler Durden?"
answer = "Our answer, hidden until asked for."
source = "https://example.org/tyler"
spoiler = true

[[trivia]]
text = "A trivia item we wrote."
source = "https://example.org/trivia"
'''


def test_a_page_for_a_film_added_from_tmdb_shows_exports_and_survives_refreshes(
    tmdb_env: FakeTmdb, isolated_env: Path
) -> None:
    assert run_filmtui("add", "--id", "550").returncode == 0
    page = isolated_env / "editorial" / "fight-club-1999.toml"
    page.parent.mkdir()
    page.write_text(PAGE)
    checked = run_filmtui("editorial", "check")
    assert checked.returncode == 0, checked.stdout

    shown = json.loads(run_filmtui("show", "550", "--json").stdout)
    assert shown["blurb"] == "A page of our own for a film TMDB brought in."
    assert shown["faq"][0]["question"] == "Who is Tyler Durden?" and shown["faq"][0]["spoiler"]
    assert shown["trivia"] == [{"text": "A trivia item we wrote.", "source": "https://example.org/trivia"}]
    assert shown["directors"] == ["David Fincher"]  # TMDB's facts stay TMDB's

    out = isolated_env / "out"
    assert run_filmtui("export", "550", "--out", str(out)).returncode == 0
    markdown = (out / "fight-club-1999.md").read_text()
    assert "### Who is Tyler Durden?" in markdown and "Our answer" not in markdown
    assert "A trivia item we wrote." in markdown
    assert "This product uses TMDB and the TMDB APIs" in markdown

    serve_catalogue(tmdb_env, Store.open())
    refreshed = run_filmtui("refresh", "--all")
    assert "Refreshed" in refreshed.stdout, refreshed.stderr
    assert page.read_text() == PAGE
    after = json.loads(run_filmtui("show", "550", "--json").stdout)
    assert after["faq"] == shown["faq"] and after["blurb"] == shown["blurb"]
    assert after["refreshed_at"] >= shown["refreshed_at"]

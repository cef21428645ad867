"""Film pages as Markdown: `show --markdown` and `export`, read as a reader of the file would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from filmtui.markdown_page import escape, markdown
from filmtui.models import FaqItem, Film, TriviaItem


def filmtui(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "filmtui", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=60)


def test_show_markdown_has_the_header_facts_synopsis_cast_faq_and_trivia() -> None:
    result = filmtui("show", "heat", "--markdown")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("# Heat (1995)\n")
    assert "R (unverified)" in page and "- **Directed by:** Michael Mann" in page
    assert "## Cast" in page and "- Al Pacino as Lt. Vincent Hanna" in page
    assert "## FAQ" in page and "## Trivia" in page
    assert "Source: [en.wikipedia.org](<https://en.wikipedia.org/wiki/Heat_(1995_film)>)" in page
    assert "This product uses TMDB" not in page  # nothing from TMDB on this page: no notice due


def test_spoilers_stay_hidden_unless_asked_for() -> None:
    film = Film(949, "Heat", faq=[FaqItem("Who dies?", "The thief.", spoiler=True,
                                          source="https://example.org/a")],
                trivia=[TriviaItem("A secret.", spoiler=True, source="https://example.org/b")])
    hidden = markdown(film, region="US")
    assert "The thief." not in hidden and "A secret." not in hidden
    assert "### Who dies?" in hidden and "Spoiler hidden" in hidden
    shown = markdown(film, region="US", spoilers=True)
    assert "**Spoiler.** The thief." in shown and "**Spoiler.** A secret." in shown


def test_text_from_data_is_text_in_markdown_too() -> None:
    film = Film(1, "[bold]*Heat*[/] <script>", tagline="# not a heading\x1b[31m",
                faq=[FaqItem("Q", "- not a list\n1. nor this", source="https://example.org/x")])
    page = markdown(film, region="US")
    assert page.startswith("# \\[bold\\]\\*Heat\\*\\[/\\] \\<script\\>\n")
    assert "\x1b" not in page
    assert escape("- not a list\n1. nor this", multiline=True) == "\\- not a list\n1\\. nor this"


def test_tmdb_data_brings_the_attribution() -> None:
    film = Film(550, "Fight Club", refreshed_at="2026-11-30T10:00:00+00:00")
    assert "This product uses TMDB and the TMDB APIs" in markdown(film, region="US")


def test_export_writes_one_file_per_film(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    result = filmtui("export", "heat", "casino", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["casino-1995.md", "heat-1995.md"]
    assert (out / "casino-1995.md").read_text().startswith("# Casino (1995)")
    as_json = filmtui("export", "heat", "--format", "json", "--out", str(out))
    assert as_json.returncode == 0
    assert json.loads((out / "heat-1995.json").read_text())["id"] == 949


def test_export_finds_every_film_before_it_writes_any(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    result = filmtui("export", "heat", "no such film at all", "--out", str(out))
    assert result.returncode == 1 and "no film matches" in result.stderr
    assert not out.exists()


def test_show_into_a_pipe_keeps_long_lines_whole() -> None:
    result = filmtui("show", "heat")  # stdout is a pipe here, not a terminal
    assert result.returncode == 0
    sources = [i["source"] for i in json.loads(filmtui("show", "heat", "--json").stdout)["faq"]]
    assert any(len(url) > 80 for url in sources)  # so an 80-column wrap would have cut one
    lines = result.stdout.splitlines()
    for url in sources:
        assert any(line.strip() == f"Source: {url}" for line in lines), url

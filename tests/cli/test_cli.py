"""The `filmtui` command as a user runs it: real processes, real store files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from filmtui import __version__
from filmtui.catalog import load_catalog
from filmtui.film_page import TMDB_NOTICE
from filmtui.store import Store, TmdbUpdate


def filmtui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m filmtui ARGS` with this test's environment (isolated folders)."""
    return subprocess.run(
        [sys.executable, "-m", "filmtui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_show_json_has_everything_the_seed_page_shows_for_heat() -> None:
    result = filmtui("show", "949", "--json")
    assert result.returncode == 0, result.stderr
    heat = json.loads(result.stdout)
    assert heat["id"] == 949 and heat["title"] == "Heat" and heat["year"] == 1995
    assert heat["release_date"] == "1995-12-15" and heat["runtime"] == 170
    assert heat["directors"] == ["Michael Mann"]
    names = [c["name"] for c in heat["cast"]]
    assert names[:3] == ["Al Pacino", "Robert De Niro", "Val Kilmer"]
    assert heat["cast"][0]["character"] == "Lt. Vincent Hanna"
    assert heat["budget"] == 60_000_000 and heat["revenue"] == 187_436_818
    assert heat["blurb"] and heat["overview"] and heat["complexity"]
    assert heat["advisories"]
    assert len(heat["faq"]) >= 3 and all(i["question"] and i["answer"] for i in heat["faq"])
    assert len(heat["trivia"]) >= 3
    assert {"Action", "Crime", "Drama", "Thriller"} <= set(heat["genres"])
    assert "certification" in heat["unverified"], "the fact sheet does not confirm Heat's R"
    assert heat["refreshed_at"] is None
    for key in ("tagline", "crew", "poster_path", "certification"):
        assert key in heat


def test_show_by_title_prints_the_page() -> None:
    result = filmtui("show", "heat")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    for expected in (
        "Heat (1995)", "Directed by: Michael Mann", "Starring: Al Pacino, Robert De Niro, Val Kilmer",
        "Budget: $60 million", "Box office: $187.4 million", "Complexity:", "Advisories:",
        "FAQ", "Trivia", "R (unverified)",
    ):
        assert expected in page, expected
    assert "\x1b" not in page, "no terminal escapes when stdout is not a terminal"


def test_spoilers_stay_hidden_unless_asked() -> None:
    film = next(f for f in load_catalog().films if any(i["spoiler"] for i in f["trivia"]))
    spoiler = next(i["text"] for i in film["trivia"] if i["spoiler"])
    words = " ".join(spoiler.split()[:6])
    hidden = " ".join(filmtui("show", str(film["id"])).stdout.split())
    shown = " ".join(filmtui("show", str(film["id"]), "--spoilers").stdout.split())
    assert words not in hidden and "Spoiler hidden" in hidden
    assert words in shown


def test_unknown_film_is_one_line_with_suggestions_and_exit_1() -> None:
    result = filmtui("show", "Heet")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("filmtui: no film matches 'Heet'.")
    assert "Heat (1995)" in lines[0]


def test_unknown_id_is_not_found() -> None:
    result = filmtui("show", "99999999")
    assert result.returncode == 1 and "no film matches '99999999'" in result.stderr


def test_search_ranks_and_forgives(data_dir: Path) -> None:
    result = filmtui("search", "godfather", "--json")
    assert result.returncode == 0, result.stderr
    titles = [m["title"] for m in json.loads(result.stdout)]
    assert titles[:2] == ["The Godfather", "The Godfather Part II"] or titles[:2] == [
        "The Godfather Part II", "The Godfather"]
    typo = json.loads(filmtui("search", "godfahter", "--json").stdout)
    assert "The Godfather" in [m["title"] for m in typo]
    person = json.loads(filmtui("search", "pacino", "--json").stdout)
    assert {"Heat", "The Godfather", "Scarface"} <= {m["title"] for m in person}
    accent = json.loads(filmtui("search", "skarsgard", "--json").stdout)
    assert "Ronin" in {m["title"] for m in accent}


def test_search_limit_and_plain_output() -> None:
    result = filmtui("search", "the", "--limit", "3")
    assert result.returncode == 0
    assert len(result.stdout.strip().splitlines()) == 3
    bad = filmtui("search", "the", "--limit", "zero")
    assert bad.returncode == 2 and "--limit" in bad.stderr and "Traceback" not in bad.stderr


def test_search_without_a_query_lists_the_whole_catalogue_by_title() -> None:
    result = filmtui("search", "--json")
    assert result.returncode == 0, result.stderr
    films = json.loads(result.stdout)
    assert len(films) == len(load_catalog().films) == 41
    titles = [f["title"] for f in films]
    # The browser's title order: "The" does not count, so The Departed sits among the D's.
    assert titles.index("Casino") < titles.index("The Departed") < titles.index("Drive")
    plain = filmtui("search", "--limit", "5")
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == 5


def test_search_with_no_match_says_so() -> None:
    result = filmtui("search", "zzzzqqqq")
    assert result.returncode == 1
    assert result.stderr.startswith("filmtui: no film matches 'zzzzqqqq'.")


def test_status_reports_store_and_never_the_secret(data_dir: Path) -> None:
    secret = "eyJhbGciOiJIUzI1NiJ9.top-secret-token"
    result = filmtui("status", env={"TMDB_READ_ACCESS_TOKEN": secret})
    assert result.returncode == 0, result.stderr
    assert str(data_dir) in result.stdout
    assert "TMDB access:   set" in result.stdout
    assert "Last refresh:  never" in result.stdout
    assert secret not in result.stdout + result.stderr
    info = json.loads(filmtui("status", "--json").stdout)
    assert info["tmdb_credentials"] is False and info["films"] == info["catalogue_films"] >= 6


def test_version_and_help_everywhere() -> None:
    for args in (["--version"], ["show", "--version"], ["search", "--version"], ["status", "--version"]):
        result = filmtui(*args)
        assert result.returncode == 0 and result.stdout.strip() == f"filmtui {__version__}"
    for args in (["--help"], ["show", "--help"], ["search", "--help"], ["status", "--help"]):
        result = filmtui(*args)
        assert result.returncode == 0 and "usage: filmtui" in result.stdout


def test_hostile_title_is_printed_as_text(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.write_tmdb([TmdbUpdate(4242, {
        "id": 4242, "title": "[bold red]Owned[/] \x1b]0;pwned\x07\x1b[31mRed", "year": 2001,
        "refreshed_at": "2026-11-01T00:00:00+00:00",
    })])
    result = filmtui("show", "4242")
    assert result.returncode == 0, result.stderr
    assert "[bold red]Owned[/] Red (2001)" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert TMDB_NOTICE in " ".join(result.stdout.split())


def test_a_corrupt_store_is_one_line_and_the_command_still_works(data_dir: Path) -> None:
    assert filmtui("status").returncode == 0
    (data_dir / "index.sqlite").write_text("{ truncated")
    result = filmtui("show", "949", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Heat"
    assert result.stderr.count("\n") == 1 and "set aside" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_newer_store_is_refused_with_one_line(data_dir: Path) -> None:
    assert filmtui("status").returncode == 0
    meta = json.loads((data_dir / "meta.json").read_text())
    meta["films"]["1"]["schema"] = 99
    (data_dir / "meta.json").write_text(json.dumps(meta))
    result = filmtui("show", "heat")
    assert result.returncode == 1
    assert result.stderr.startswith("filmtui: the store in") and "newer filmtui" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_broken_config_file_is_one_line(isolated_env: Path) -> None:
    config = isolated_env / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[tmdb\n")
    result = filmtui("status")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "config.toml" in result.stderr and "Traceback" not in result.stderr


def test_a_huge_title_and_raw_controls_stay_out_of_the_output(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.write_tmdb([TmdbUpdate(4243, {
        "id": 4243, "title": "Long " * 2000, "year": 2001, "tagline": "\u202eevil\u202c \x85x\x9b2J",
        "refreshed_at": "2026-11-01T00:00:00+00:00",
    })])
    shown = filmtui("show", "4243")
    assert shown.returncode == 0, shown.stderr
    assert len(shown.stdout.splitlines()[0]) <= 310  # the title cut, with its year
    as_json = filmtui("show", "4243", "--json")
    text = as_json.stdout
    assert not any(c in text for c in "\u202e\u202c\x85\x9b"), "controls in --json"
    assert json.loads(text)["tagline"].startswith("evil")


def test_store_rebuild_index_says_what_it_did_in_one_line_and_keeps_every_film(data_dir: Path) -> None:
    listed = json.loads(filmtui("search", "--json").stdout)
    (data_dir / "index.sqlite").write_text("not an index")
    result = filmtui("store", "rebuild-index")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"Rebuilt the index of {len(listed)} films from the film files")
    assert result.stdout.count("\n") == 1
    assert result.stderr.count("\n") == 1 and "set aside" in result.stderr
    assert json.loads(filmtui("search", "--json").stdout) == listed
    assert list(data_dir.glob("index.sqlite.corrupt-*")), "the damaged index is kept"


def test_store_without_an_action_is_one_line_and_exit_2() -> None:
    result = filmtui("store")
    assert result.returncode == 2 and result.stderr == "filmtui: say what to do: filmtui store rebuild-index\n"


def test_the_browser_keeps_one_malloc_arena_on_glibc_linux() -> None:
    # Each worker thread's own arena kept what it freed: 12 MB more peak memory at 100k films.
    import platform
    import sys

    from filmtui.cli import one_heap

    expected = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert one_heap() is expected

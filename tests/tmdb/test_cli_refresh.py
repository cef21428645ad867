"""`filmtui refresh`, `add` and `config` as a user runs them: real processes, exit codes, output."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from filmtui.store import Store

from .conftest import TOKEN, run_filmtui, serve_catalogue
from .server import FakeTmdb, synthetic


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("filmtui: "), result.stderr
    return lines[0]


def test_refresh_named_films_by_id_and_title(tmdb_env: FakeTmdb, data_dir: Path) -> None:
    result = run_filmtui("refresh", "949", "Casino")
    assert result.returncode == 0, result.stderr
    assert "Refreshed 2, unchanged 0, failed 0." in result.stdout
    # Not a terminal: one plain line per film on stderr.
    assert "[1/2]" in result.stderr and "[2/2]" in result.stderr and "\r" not in result.stderr
    shown = json.loads(run_filmtui("show", "524", "--json").stdout)
    assert shown["refreshed_at"] and shown["rating"] == 8.0
    no_traceback(result)


def test_refresh_all_reports_failures_and_exits_1(tmdb_env: FakeTmdb, isolated_env) -> None:
    store = Store.open()
    serve_catalogue(tmdb_env, store)
    del tmdb_env.films[680]
    tmdb_env.fault(500, *["503"] * 10)
    result = run_filmtui("refresh", "--all")
    assert result.returncode == 1, result.stderr
    total = len(store.summaries())
    assert f"Refreshed {total - 3}, unchanged 0, failed 2, skipped 1." in result.stdout
    assert "failed:  Pulp Fiction [680]: not found on TMDB" in result.stdout
    assert "failed:  Reservoir Dogs [500]: TMDB answered HTTP 503" in result.stdout
    assert "skipped: L.A. Takedown [76081]" in result.stdout
    no_traceback(result)
    # A second run with TMDB healthy again: everything else is unchanged.
    tmdb_env.films[680] = synthetic(680, "Pulp Fiction", 1994)
    tmdb_env._faults.clear()
    again = run_filmtui("refresh", "--all")
    assert again.returncode == 0, again.stdout
    assert f"Refreshed 2, unchanged {total - 3}, failed 0, skipped 1." in again.stdout


def test_refresh_stale_and_changed(tmdb_env: FakeTmdb, isolated_env) -> None:
    store = Store.open()
    serve_catalogue(tmdb_env, store)
    first = run_filmtui("refresh", "949", "524")
    assert first.returncode == 0
    stale = run_filmtui("refresh", "--stale", "1")
    assert stale.returncode == 0 and "[949]" not in stale.stderr and "[680]" in stale.stderr
    fresh = run_filmtui("refresh", "--stale", "1")  # only the film that is never fetched is left
    assert fresh.returncode == 0
    assert "Refreshed 0, unchanged 0, failed 0, skipped 1." in fresh.stdout
    tmdb_env.changed = [524]
    changed = run_filmtui("refresh", "--changed")
    assert changed.returncode == 0, changed.stderr
    assert "Refreshed 0, unchanged 1, failed 0" in changed.stdout and "[524]" in changed.stderr


@pytest.mark.parametrize("args", [(), ("949", "--all"), ("--all", "--changed"), ("--stale", "x")])
def test_usage_errors_exit_2(tmdb_env, args) -> None:
    result = run_filmtui("refresh", *args)
    assert result.returncode == 2, result
    assert tmdb_env.requests == []
    no_traceback(result)


def test_unknown_film_is_one_line_with_closest_titles(tmdb_env) -> None:
    result = run_filmtui("refresh", "Heet")
    assert result.returncode == 1
    assert "Heat" in one_line_error(result)
    assert tmdb_env.requests == []


def test_missing_credentials_exit_2_naming_the_variable(tmdb_env) -> None:
    for command in (("refresh", "949"), ("add", "heat")):
        result = run_filmtui(*command, unset=("TMDB_READ_ACCESS_TOKEN",))
        assert result.returncode == 2
        assert "TMDB_READ_ACCESS_TOKEN" in one_line_error(result)
    assert tmdb_env.requests == []


def test_rejected_token_exits_2_naming_the_variable_without_retrying(tmdb_env) -> None:
    wrong = "wrong-SECRET-token-123"
    result = run_filmtui("refresh", "--all", env={"TMDB_READ_ACCESS_TOKEN": wrong})
    assert result.returncode == 2
    assert "set TMDB_READ_ACCESS_TOKEN" in result.stderr
    assert wrong not in result.stderr + result.stdout
    assert len(tmdb_env.requests) <= 8
    no_traceback(result)


def test_unreachable_tmdb_exits_1_and_the_store_is_intact(tmdb_env, data_dir: Path) -> None:
    run_filmtui("refresh", "949")
    before = json.loads(run_filmtui("show", "949", "--json").stdout)
    result = run_filmtui("refresh", "--all", env={"FILMTUI_TMDB_URL": "http://127.0.0.1:9/3"})
    assert result.returncode == 1
    assert "TMDB could not be reached" in result.stdout
    after = json.loads(run_filmtui("show", "949", "--json").stdout)
    assert after == before
    no_traceback(result)


def test_add_by_id(tmdb_env) -> None:
    result = run_filmtui("add", "--id", "550")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Added Fight Club (1999) [550]."
    shown = json.loads(run_filmtui("show", "Fight Club", "--json").stdout)
    assert shown["id"] == 550 and shown["blurb"] is None and shown["faq"] == []
    assert shown["certification"] == "R" and shown["directors"] == ["David Fincher"]


def test_add_by_unambiguous_query(tmdb_env) -> None:
    result = run_filmtui("add", "men in black")
    assert result.returncode == 0, result.stderr
    assert "Added Men in Black (1997) [607]." in result.stdout


def test_add_ambiguous_query_lists_candidates_and_exits_1(tmdb_env) -> None:
    tmdb_env.add(synthetic(10_001, "Heat", 1986))
    result = run_filmtui("add", "heat")
    assert result.returncode == 1
    assert "several films match 'heat'" in result.stderr
    assert "949  Heat (1995)" in result.stderr and "10001  Heat (1986)" in result.stderr
    assert not any(r["path"].startswith("/3/movie/") for r in tmdb_env.requests)
    narrowed = run_filmtui("add", "heat", "--year", "1986")
    assert narrowed.returncode == 0 and "[10001]" in narrowed.stdout


def test_add_nothing_found_and_unknown_id(tmdb_env) -> None:
    none = run_filmtui("add", "zzzz no such film")
    assert none.returncode == 1 and "TMDB has no film matching" in one_line_error(none)
    unknown = run_filmtui("add", "--id", "99999999")
    assert unknown.returncode == 1 and "no film with id 99999999" in one_line_error(unknown)
    usage = run_filmtui("add")
    assert usage.returncode == 2
    no_traceback(usage)


def test_config_set_token_writes_a_private_file_that_refresh_uses(tmdb_env) -> None:
    no_token = ("TMDB_READ_ACCESS_TOKEN",)
    stored = run_filmtui("config", "set-token", stdin=TOKEN + "\n", unset=no_token)
    assert stored.returncode == 0, stored.stderr
    assert TOKEN not in stored.stdout + stored.stderr
    path = Path(os.environ["FILMTUI_CONFIG_DIR"]) / "config.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    refreshed = run_filmtui("refresh", "949", unset=no_token)
    assert refreshed.returncode == 0, refreshed.stderr
    assert tmdb_env.requests[-1]["authorization"] == f"Bearer {TOKEN}"
    shown = run_filmtui("config", "show", unset=no_token)
    assert "read access token, from config file" in shown.stdout and TOKEN not in shown.stdout
    tmdb_env.token = "rotated"
    refused = run_filmtui("refresh", "949", unset=no_token)
    assert refused.returncode == 2 and str(path) in refused.stderr
    assert TOKEN not in refused.stderr


def test_progress_bar_on_a_terminal(tmdb_env, store, config, capsys) -> None:
    import io

    from filmtui.cli.refresh import ProgressPrinter
    from filmtui.tmdb import refresh_films

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = ProgressPrinter(screen)
    refresh_films(store, [949, 524, 550], config, on_progress=bar)
    bar.finish()
    text = screen.getvalue()
    assert "\r" in text and "3/3" in text and "[" + "#" * 10 in text and text.endswith("\n")


def test_refresh_of_an_id_not_in_the_collection_points_to_add(tmdb_env) -> None:
    result = run_filmtui("refresh", "550")
    assert result.returncode == 1
    assert "filmtui add --id 550" in one_line_error(result)


def test_add_asks_which_film_on_a_terminal(tmdb_env) -> None:
    import pty
    import subprocess
    import sys

    tmdb_env.add(synthetic(10_001, "Heat", 1986))
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "filmtui", "add", "heat"],
                             stdin=follower, stdout=subprocess.PIPE, stderr=follower,
                             env=os.environ.copy())
    os.close(follower)
    screen = b""
    while b"Add which film?" not in screen:
        screen += os.read(leader, 4096)
    # Most popular first, as TMDB ranks them (the synthetic film borrows Fight Club's popularity).
    assert b"1. Heat (1986)  [10001]" in screen and b"2. Heat (1995)  [949]" in screen
    os.write(leader, b"9\n")  # out of range: asked again
    while screen.count(b"Add which film?") < 2:
        screen += os.read(leader, 4096)
    os.write(leader, b"1\n")
    out, _ = child.communicate(timeout=30)
    os.close(leader)
    assert child.returncode == 0
    assert out.decode().strip() == "Added Heat (1986) [10001]."


def test_ctrl_c_saves_what_was_fetched_and_exits_130(tmdb_env, isolated_env) -> None:
    import signal
    import subprocess
    import sys
    import time

    ids = list(range(930_000, 930_300))
    store = Store.open()
    for film_id in ids:
        tmdb_env.add(synthetic(film_id, f"Film {film_id}"))
    # Old placeholder rows, so that `refresh --stale` has 300 films to do.
    from filmtui.store import TmdbUpdate
    from filmtui.tmdb.mapping import map_movie

    old = "2000-01-01T00:00:00+00:00"
    store.write_tmdb(TmdbUpdate(i, map_movie({"id": i, "title": f"Film {i}"}, old)) for i in ids)
    child = subprocess.Popen(
        [sys.executable, "-m", "filmtui", "refresh", "--stale", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "FILMTUI_RATE_LIMIT": "100"},
    )
    seen = ""
    while "] refreshed Film 93" not in seen:  # the catalogue's films come first
        line = child.stderr.readline()
        assert line, "the refresh ended before it fetched any of the 300 films"
        seen += line
    time.sleep(0.3)  # well on its way, far from done (300 films at 100/s)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    err = seen + err
    assert child.returncode == 130, err
    assert err.strip().splitlines()[-1] == "filmtui: interrupted"
    assert "Traceback" not in err
    after = Store.open()
    assert after.notices == []
    fresh = {s.id for s in after.summaries() if s.refreshed_at and s.refreshed_at > "2001"}
    reported = {int(line.rsplit("[", 1)[1].rstrip("]"))
                for line in err.splitlines() if "] refreshed " in line}
    assert reported and reported <= fresh  # every film said to be refreshed was saved
    assert 0 < len(fresh & set(ids)) < len(ids)  # and the interrupt did stop the run


def test_refresh_json_report(tmdb_env) -> None:
    result = run_filmtui("refresh", "949", "680", "76081", "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["refreshed"] == [949]
    assert report["failed"] == [{"id": 680, "title": "Pulp Fiction", "reason": "not found on TMDB"}]
    assert [p["id"] for p in report["skipped"]] == [76081]
    assert report["offline"] is False and report["cancelled"] is False


def test_a_store_that_cannot_be_written_is_one_line_not_a_traceback(
    tmdb_env, isolated_env, monkeypatch, capsys
) -> None:
    from filmtui.cli import main

    def disk_full(self, updates):
        list(updates)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "write_tmdb", disk_full)
    assert main(["add", "--id", "550"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "filmtui: the film could not be saved: [Errno 28] No space left on device"
    assert main(["refresh", "949", "524"]) == 1
    out = capsys.readouterr().out
    assert "Refreshed 0, unchanged 0, failed 2." in out and "could not be saved" in out


def test_add_by_imdb_id(tmdb_env) -> None:
    result = run_filmtui("add", "tt0119654")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Added Men in Black (1997) [607]."
    find = next(r for r in tmdb_env.requests if r["path"].startswith("/3/find/"))
    assert find["path"] == "/3/find/tt0119654" and find["query"]["external_source"] == "imdb_id"
    missing = run_filmtui("add", "tt9999999")
    assert missing.returncode == 1 and "no film matching 'tt9999999'" in missing.stderr


def test_progress_bar_counts_failures_and_estimates_time_left() -> None:
    import io

    from filmtui.cli.refresh import ProgressPrinter
    from filmtui.tmdb import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = ProgressPrinter(screen)
    bar._started -= 10  # ten seconds in
    for done in range(1, 21):
        bar._last = 0  # draw every step
        bar(Progress(done, 100, done, f"Film {done}", "failed" if done == 3 else "refreshed"))
    last = screen.getvalue().rsplit("\r", 1)[-1]
    assert "20/100, 1 failed, about 40s left" in last and "Film 20" in last

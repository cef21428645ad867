"""The commands print your ratings as `[ui] ratings` says (1-10 by default, or stars); what is
stored, and every --json, stays 1-10."""

from __future__ import annotations

import json
from pathlib import Path

from filmtui.config import config_path
from test_cli import filmtui


def _config(text: str) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(text, encoding="utf-8")


def _rate_heat() -> None:
    assert filmtui("seen", "heat", "--on", "2024-05-31", "--rating", "7").returncode == 0
    assert filmtui("watchlist", "add", "heat").returncode == 0


def test_show_diary_rate_and_watchlist_print_stars_when_set(data_dir: Path) -> None:
    _rate_heat()
    _config('# mine\n[ui]\nratings = "stars"\n')
    shown = filmtui("show", "heat")
    assert shown.returncode == 0 and shown.stderr == ""
    lines = shown.stdout.splitlines()
    assert "Yours: on your watchlist · your rating ★★★½ · seen 2024-05-31" in lines
    assert "Your diary: 2024-05-31 · ★★★½" in lines
    assert not any("7/10" in line for line in lines)
    diary = filmtui("diary")
    assert "  2024-05-31  Heat (1995)  ★★★½" in diary.stdout.splitlines()
    assert "your rating ★★★½" in filmtui("watchlist").stdout
    assert filmtui("rate", "heat", "10").stdout.strip() == (
        "Heat (1995): on your watchlist · your rating ★★★★★ · seen 2024-05-31.")
    assert filmtui("seen", "heat", "--rating", "1", "--on", "2024-06-01").stdout.startswith(
        "Heat (1995): seen 2024-06-01, ½ · a rewatch")
    # Stored and scripted as 1 to 10, whatever is shown.
    assert json.loads(filmtui("show", "heat", "--json").stdout)["user"]["rating"] == 1
    assert [e["rating"] for e in json.loads(filmtui("diary", "--json").stdout)] == [1, 7]


def test_by_default_and_with_ten_ratings_stay_out_of_ten(data_dir: Path) -> None:
    _rate_heat()
    for config in (None, '[ui]\nratings = "ten"\n'):
        if config:
            _config(config)
        shown = filmtui("show", "heat")
        assert "Yours: on your watchlist · your rating 7/10 · seen 2024-05-31" in shown.stdout.splitlines()
        assert shown.stderr == ""
        assert "  2024-05-31  Heat (1995)  7/10" in filmtui("diary").stdout.splitlines()


def test_a_bad_setting_is_one_warning_line_and_out_of_ten(data_dir: Path) -> None:
    _rate_heat()
    _config('[ui]\nratings = "half-stars"\n')
    shown = filmtui("show", "heat")
    assert shown.returncode == 0  # the page is still printed
    assert "your rating 7/10" in shown.stdout
    (line,) = shown.stderr.splitlines()
    assert line.startswith("filmtui: warning: config.toml: [ui] ratings = 'half-stars'")
    assert config_path().read_text(encoding="utf-8") == '[ui]\nratings = "half-stars"\n'  # untouched

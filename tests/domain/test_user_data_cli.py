"""Notes and ratings typed at the command line: odd bytes, huge notes, and nothing else lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filmtui.models import NOTE_MAX, UserData, parse_note
from filmtui.store import Store

HEAT = 949


def filmtui(*args: str | bytes) -> subprocess.CompletedProcess:
    """`python -m filmtui ARGS` as a terminal runs it: arguments may be raw bytes."""
    return subprocess.run(
        [sys.executable, "-m", "filmtui", *args], capture_output=True, env=os.environ, timeout=60
    )


def mine() -> dict:
    shown = filmtui("show", "heat", "--json")
    assert shown.returncode == 0, shown.stderr
    user = json.loads(shown.stdout)["user"]
    assert user.pop("diary") == []  # no viewing logged in these tests
    return user


def test_rating_from_the_command_line_keeps_the_watchlist_and_the_note(data_dir: Path) -> None:
    assert filmtui("watchlist", "add", "heat").returncode == 0
    assert filmtui("rate", "heat", "--note", "the coffee scene").returncode == 0
    assert filmtui("rate", "heat", "8").returncode == 0
    assert mine() == {"watchlist": True, "rating": 8, "note": "the coffee scene"}
    assert filmtui("watchlist", "remove", "heat").returncode == 0
    assert mine() == {"watchlist": False, "rating": 8, "note": "the coffee scene"}


@pytest.mark.parametrize("note", [b"\xff", b"caf\xe9 au lait", b"ok \x80\x81"])
def test_a_note_that_is_not_utf8_is_one_line_and_changes_nothing(data_dir: Path, note: bytes) -> None:
    assert filmtui("rate", "heat", "7").returncode == 0
    result = filmtui("rate", "heat", "9", "--note", note)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    assert stderr.count("\n") == 1 and "UTF-8" in stderr
    assert mine() == {"watchlist": False, "rating": 7, "note": ""}


def test_a_note_over_the_cap_is_one_line_and_one_at_the_cap_is_kept(data_dir: Path) -> None:
    too_long = filmtui("rate", "heat", "--note", "x" * (NOTE_MAX + 1))
    stderr = too_long.stderr.decode()
    assert too_long.returncode == 2 and stderr.count("\n") == 1 and "10,000 characters" in stderr
    assert mine()["note"] == ""
    assert filmtui("rate", "heat", "--note", "y" * NOTE_MAX).returncode == 0
    assert mine()["note"] == "y" * NOTE_MAX


def test_a_note_keeps_its_lines_and_loses_its_control_characters(data_dir: Path) -> None:
    typed = "first line\nsecond \x1b[31mline\x07\u202e"
    assert filmtui("rate", "heat", "--note", typed).returncode == 0
    assert mine()["note"] == "first line\nsecond line"


def test_the_model_refuses_what_the_command_refuses(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="10,000"):
        UserData(note="x" * (NOTE_MAX + 1))
    with pytest.raises(ValueError, match="UTF-8"):
        UserData(note="caf\udce9")
    with pytest.raises(ValueError, match="UTF-8"):
        parse_note("caf\udce9")
    store = Store.open()
    with pytest.raises(ValueError):
        store.set_user(HEAT, note="x" * (NOTE_MAX + 1))
    assert store.user(HEAT) == UserData()


def test_a_huge_hand_edited_note_is_cut_to_the_cap_on_read(data_dir: Path) -> None:
    store = Store.open()
    store.set_user(HEAT, watchlist=True)
    (data_dir / "user.json").write_text(
        json.dumps({"films": {str(HEAT): {"watchlist": True, "note": "z" * 1_000_000}}})
    )
    assert Store.open().user(HEAT) == UserData(watchlist=True, note="z" * NOTE_MAX)

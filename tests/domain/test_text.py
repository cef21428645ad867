"""Text from data, made safe to show and to print as JSON: no escapes, no controls, no bidi tricks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filmtui.store import Store, TmdbUpdate
from filmtui.text import TITLE_MAX, clean, clean_json, clip

REORDERING = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings, overrides, pop
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u061c",  # marks
]  # fmt: skip


@pytest.mark.parametrize("control", REORDERING, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("multiline", [False, True])
def test_bidi_controls_are_stripped(control: str, multiline: bool) -> None:
    # "Trojan Source": the override makes a terminal show "Heat" where "taeH" is stored.
    assert clean(f"ta{control}eH", multiline=multiline) == "taeH"


def test_c0_c1_and_escapes_go_while_joiners_and_lines_stay() -> None:
    assert clean("a\x00b\x85c\x9b31md\x1b]0;title\x07e") == "abcde"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # a ZWJ emoji sequence
    assert clean(family) == family and clean("می\u200cخواهم") == "می\u200cخواهم"
    assert clean("one\ntwo\tthree", multiline=True) == "one\ntwo\tthree"
    assert clean("one\u2028two", multiline=True) == "one\ntwo"
    assert clean("one\ntwo\u2029three") == "one two three"


def test_clean_json_cleans_every_string_keys_too_and_keeps_the_rest() -> None:
    data = {
        "title\u202e": "Heat\x9b2J",
        "cast": [{"name": "Al\u2066 Pacino", "character": "Vincent\x1b[5m Hanna"}],
        "overview": "line one\nline two\x07",
        "year": 1995, "rating": 8.2, "watchlist": True, "poster": None,
    }  # fmt: skip
    assert clean_json(data) == {
        "title": "Heat",
        "cast": [{"name": "Al Pacino", "character": "Vincent Hanna"}],
        "overview": "line one\nline two",
        "year": 1995, "rating": 8.2, "watchlist": True, "poster": None,
    }  # fmt: skip


def test_clip_keeps_short_titles_and_cuts_long_ones_with_an_ellipsis() -> None:
    assert clip("Heat") == "Heat"
    assert clip("x" * TITLE_MAX) == "x" * TITLE_MAX
    long = clip("word " * 2000)
    assert len(long) <= TITLE_MAX and long.endswith("…") and not long.endswith(" …")
    assert clip("abcdef", 4) == "abc…"


def test_search_json_prints_no_controls_from_a_hostile_title(data_dir: Path) -> None:
    title = "Evil\u202eliveE\x9b2J \x1b]0;pwned\x07Twin"
    Store.open().write_tmdb([TmdbUpdate(990_001, {
        "id": 990_001, "title": title, "directors": ["Dir\u2067ector"],
        "refreshed_at": "2026-01-01T00:00:00+00:00"})])  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "filmtui", "search", "evil", "--json"],
        capture_output=True, text=True, env=os.environ, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for bad in ("\u202e", "\u2067", "\x9b", "\x1b", "\x07"):
        assert bad not in result.stdout
    found = json.loads(result.stdout)
    assert found[0]["id"] == 990_001 and found[0]["title"].startswith("Evil")
    assert found[0]["directors"] == ["Director"]

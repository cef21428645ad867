"""User data between processes: a long-lived filmtui sees what another wrote, and never undoes it.

The browser keeps one Store open for hours while `filmtui rate` runs in another terminal; every
test here has a second real process write user.json while a first Store is open.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from filmtui.models import UserData
from filmtui.store import Store

HEAT = 949

_OTHER_TERMINAL = r"""
import json, sys
from pathlib import Path
from filmtui.store import Store
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
store.set_user(int(sys.argv[3]), **json.loads(sys.argv[4]))
"""


def other_terminal(data_dir: Path, catalog: Path, film_id: int, **changes) -> None:
    """Another filmtui process changes the user's data for one film, then exits."""
    subprocess.run(
        [sys.executable, "-c", _OTHER_TERMINAL, str(data_dir), str(catalog), str(film_id),
         json.dumps(changes)],
        check=True, timeout=60,
    )  # fmt: skip


def test_a_note_from_another_terminal_survives_a_rating_set_here(data_dir: Path, catalog: Path) -> None:
    browser = Store.open(data_dir, catalog)
    browser.set_user(HEAT, watchlist=True)
    assert browser.user(HEAT) == UserData(watchlist=True)  # read (and cached) before the note
    other_terminal(data_dir, catalog, HEAT, note="written in another terminal")
    browser.set_user(HEAT, rating=8)
    assert Store.open(data_dir, catalog).user(HEAT) == UserData(
        watchlist=True, rating=8, note="written in another terminal"
    )


def test_a_long_lived_store_sees_user_data_written_by_another_process(
    data_dir: Path, catalog: Path
) -> None:
    browser = Store.open(data_dir, catalog)
    assert browser.users() == {} and browser.film(HEAT).user == UserData()
    version = browser.user_version
    other_terminal(data_dir, catalog, HEAT, note="aaaa")
    assert browser.user_version != version
    assert browser.user(HEAT).note == "aaaa" and browser.film(HEAT).user.note == "aaaa"
    other_terminal(data_dir, catalog, HEAT, note="bbbb")  # same size, within the same second
    assert browser.users() == {HEAT: UserData(note="bbbb")}


def test_a_user_file_repaired_after_start_up_reaches_the_running_store(
    data_dir: Path, catalog: Path
) -> None:
    Store.open(data_dir, catalog).set_user(HEAT, watchlist=True, note="mine")
    good = (data_dir / "user.json").read_bytes()
    (data_dir / "user.json").write_text('{"films": []}')
    browser = Store.open(data_dir, catalog)
    assert browser.users() == {}  # set aside: starts empty
    (data_dir / "user.json").write_bytes(good)  # the user puts their file back
    assert browser.user(HEAT) == UserData(watchlist=True, note="mine")
    assert browser.users() == {HEAT: UserData(watchlist=True, note="mine")}


_APPENDER = r"""
import sys
from dataclasses import replace
from pathlib import Path
from filmtui.store import Store
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
for _ in range(int(sys.argv[4])):
    store.update_user(949, lambda mine: replace(mine, note=mine.note + sys.argv[3]))
"""


def test_two_processes_changing_one_film_at_once_lose_no_change(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog)
    children = [
        subprocess.Popen([sys.executable, "-c", _APPENDER, str(data_dir), str(catalog), mark, "40"])
        for mark in ("a", "b")
    ]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    note = Store.open(data_dir, catalog).user(HEAT).note
    assert (note.count("a"), note.count("b")) == (40, 40), "a change was applied to a stale copy"


def test_update_user_applies_the_change_to_the_record_as_stored(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, watchlist=True, rating=7, note="first")
    seen: list[UserData] = []

    def change(mine: UserData) -> UserData:
        seen.append(mine)
        return replace(mine, rating=mine.rating + 1)

    assert store.update_user(HEAT, change) == UserData(watchlist=True, rating=8, note="first")
    assert seen == [UserData(watchlist=True, rating=7, note="first")]
    with pytest.raises(ValueError, match="1 to 10"):
        store.update_user(HEAT, lambda mine: replace(mine, rating=11))
    assert Store.open(data_dir, catalog).user(HEAT).rating == 8


def test_a_rating_keeps_the_watchlist_and_the_watchlist_keeps_rating_and_note(
    data_dir: Path, catalog: Path
) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, watchlist=True)
    store.set_user(HEAT, rating=9)
    assert Store.open(data_dir, catalog).user(HEAT) == UserData(watchlist=True, rating=9)
    store.set_user(HEAT, note="the coffee scene")
    store.set_user(HEAT, watchlist=False)
    assert Store.open(data_dir, catalog).user(HEAT) == UserData(rating=9, note="the coffee scene")
    store.set_user(HEAT, watchlist=True)
    store.set_user(HEAT, rating=None)
    assert Store.open(data_dir, catalog).user(HEAT) == UserData(watchlist=True, note="the coffee scene")


def test_a_thread_sharing_the_store_waits_for_the_lock_another_thread_holds(
    data_dir: Path, catalog: Path
) -> None:
    import threading

    store = Store.open(data_dir, catalog)  # the browser's workers may share one Store
    done = threading.Event()

    def rate() -> None:
        store.set_user(HEAT, rating=8)
        done.set()

    with store.lock():  # as a refresh batch on another thread holds it
        worker = threading.Thread(target=rate)
        worker.start()
        assert not done.wait(0.5), "the second thread wrote while the first held the lock"
        store.set_user(HEAT, note="written under the lock")
    worker.join()
    assert done.is_set()
    assert Store.open(data_dir, catalog).user(HEAT) == UserData(rating=8, note="written under the lock")

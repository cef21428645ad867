"""The user's own data: watchlist, rating and note, kept in user.json and never lost to a bad value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filmtui.models import UserData
from filmtui.store import Store

HEAT, CASINO = 949, 524


def test_users_lists_only_films_with_something_kept(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, watchlist=True)
    store.set_user(CASINO, rating=7, note="the Tangiers scenes")
    store.set_user(CASINO, rating=None, note="")  # cleared: nothing left to keep
    assert store.users() == {HEAT: UserData(watchlist=True)}
    assert Store.open(data_dir, catalog).users() == {HEAT: UserData(watchlist=True)}
    saved = json.loads((data_dir / "user.json").read_text())
    assert set(next(iter(saved.values()))) == {str(HEAT)}


@pytest.mark.parametrize("rating", [0, 11, -3, 7.5, "8", True])
def test_a_rating_outside_one_to_ten_is_refused_and_nothing_written(
    data_dir: Path, catalog: Path, rating: object
) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, rating=9, note="keep")
    with pytest.raises(ValueError, match="1 to 10"):
        store.set_user(HEAT, rating=rating)
    assert store.user(HEAT) == UserData(rating=9, note="keep")


def test_a_hand_edited_user_file_keeps_what_is_sound(data_dir: Path, catalog: Path) -> None:
    store = Store.open(data_dir, catalog)
    store.set_user(HEAT, watchlist=True)
    path = data_dir / "user.json"
    saved = json.loads(path.read_text())
    table = next(iter(saved))
    saved[table][str(HEAT)] = {"watchlist": "yes", "rating": 42, "note": ["not", "text"], "mood": 1}
    saved[table][str(CASINO)] = {"watchlist": True, "rating": 8, "note": "seen twice"}
    path.write_text(json.dumps(saved))
    store = Store.open(data_dir, catalog)
    assert store.user(HEAT) == UserData()  # nothing sound in it, and no crash
    assert store.users() == {CASINO: UserData(watchlist=True, rating=8, note="seen twice")}
    assert store.film(CASINO).user.rating == 8
    store.set_user(HEAT, rating=6)  # writing over the bad document works
    assert store.user(HEAT) == UserData(rating=6)


def test_a_diary_keeps_every_viewing_in_date_order_and_its_rating_becomes_yours() -> None:
    from filmtui.models import Viewing

    mine = UserData(rating=6).logged(Viewing("2026-11-30", rating=9, note="third time")).logged(
        Viewing("2019-05-01"))
    assert [v.date for v in mine.diary] == ["2019-05-01", "2026-11-30"]
    assert mine.rating == 9 and mine.seen and mine.last_seen == "2026-11-30"
    assert mine.describe() == "your rating 9/10 · seen 2 times, last 2026-11-30"
    assert UserData.from_doc(mine.to_doc()) == mine


def test_a_hand_edited_diary_keeps_what_is_sound() -> None:
    mine = UserData.from_doc({"diary": [{"date": "2020-02-30", "rating": 4}, "junk",
                                        {"date": "2021-03-04", "rating": 11, "rewatch": True}]})
    assert [(v.date, v.rating, v.rewatch) for v in mine.diary] == [
        (None, 4, False), ("2021-03-04", None, True)]


def test_a_viewing_refuses_what_is_not_a_day_or_a_rating() -> None:
    from filmtui.models import Viewing

    for bad in ({"date": "yesterday"}, {"date": "2026-13-01"}, {"rating": 0}, {"note": "x" * 10_001}):
        with pytest.raises(ValueError):
            Viewing(**bad)

"""The benchmark's synthetic films: FilmMaker makes film_fields's films to the bit, and
synthetic.summary the index row the store derives from each, so a store made the fast way is the
store the same seed always made (bench_search and bench_tui queries see the same films)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import orjson
import pytest

from filmtui.models import Film
from filmtui.store.index import tidy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synthetic  # noqa: E402


@pytest.mark.parametrize("seed", ["1995:0", "7:64", "11:4032"])
def test_the_fast_maker_makes_the_films_film_fields_makes(seed: str) -> None:
    slow, fast = random.Random(seed), synthetic.FilmMaker(random.Random(seed))
    # 1,500 films draw ~450,000 words: several blocks, films across their edges included.
    for film_id in range(1_000_000, 1_001_500):
        expected = synthetic.film_fields(film_id, slow)
        made = fast.film(film_id)
        assert orjson.dumps(made) == orjson.dumps(expected), film_id


def test_a_film_past_the_words_drawn_ahead_is_made_again_from_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synthetic, "_RESERVE", 8)
    monkeypatch.setattr(synthetic, "_BLOCK", 64)  # every film outruns its block
    slow, fast = random.Random(3), synthetic.FilmMaker(random.Random(3))
    for film_id in range(200):
        assert fast.film(film_id) == synthetic.film_fields(film_id, slow)


def test_the_row_made_from_the_fields_is_the_one_the_store_derives() -> None:
    rng = random.Random(14)
    for film_id in range(1_000_000, 1_003_000):
        fields, _ = synthetic.film_fields(film_id, rng)
        assert synthetic.summary(fields) == tidy(Film.merge(None, fields).summary())


def test_the_row_the_fast_maker_makes_beside_a_film_is_summary_of_it() -> None:
    maker = synthetic.FilmMaker(random.Random("1995:128"))
    for film_id in range(1_000_000, 1_003_000):
        fields, _, row = maker.made(film_id)
        assert row == synthetic.summary(fields), film_id

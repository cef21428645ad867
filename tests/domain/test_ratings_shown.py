"""Your ratings as you want them shown: 1-10 as stored, or Letterboxd's stars (a star is two
points), read from `[ui] ratings` in config.toml; TMDB's score is not yours and stays out of 10."""

from __future__ import annotations

from dataclasses import replace

import pytest

from filmtui import film_page
from filmtui.config import config_path, load_rating_scale, load_ui_settings
from filmtui.models import Film, UserData, Viewing
from filmtui.ratings import parse_stars, rating_text, stars_typed

STARS = {
    1: "½", 2: "★", 3: "★½", 4: "★★", 5: "★★½",
    6: "★★★", 7: "★★★½", 8: "★★★★", 9: "★★★★½", 10: "★★★★★",
}


@pytest.mark.parametrize("rating", range(1, 11))
def test_every_rating_in_both_scales(rating: int) -> None:
    assert rating_text(rating) == f"{rating}/10"  # the default: as stored, as before
    assert rating_text(rating, "ten") == f"{rating}/10"
    assert rating_text(rating, "stars") == STARS[rating]
    # Letterboxd's half stars are exact: counting back gives the stored rating.
    shown = rating_text(rating, "stars")
    assert shown.count("★") * 2 + shown.count("½") == rating
    # Typed back in stars (the dialogs in stars mode), either way, it is the same rating.
    assert parse_stars(shown) == rating
    assert parse_stars(stars_typed(rating)) == rating == parse_stars(stars_typed(rating).replace(".5", "½"))


def test_stars_as_typed() -> None:
    assert [stars_typed(r) for r in (1, 2, 7, 10)] == ["0.5", "1", "3.5", "5"]
    assert parse_stars(" 3,5 ") == parse_stars(".5") + 6 == 7
    assert parse_stars("") is None and parse_stars("  ") is None


@pytest.mark.parametrize("typed", ["0", "5.5", "6", "10", "3.25", "-1", "three", "★½★", "★★★★★★", "1e0", "½½"])
def test_stars_out_of_range_or_malformed_are_refused_saying_the_rule(typed: str) -> None:
    with pytest.raises(ValueError, match="½ to 5, in half stars"):
        parse_stars(typed)


def test_the_film_page_shows_your_ratings_in_your_scale_and_tmdb_score_out_of_ten() -> None:
    mine = UserData(rating=7, diary=(Viewing(date="2026-11-30", rating=9, rewatch=True),))
    film = Film.merge({"id": 949, "title": "Heat"}, {"rating": 8.3, "vote_count": 7000})
    film = replace(film, user=mine)
    assert mine.describe() == "your rating 7/10 · seen 2026-11-30"
    assert mine.describe("stars") == "your rating ★★★½ · seen 2026-11-30"
    assert film_page.viewing_line(mine.diary[0], "stars") == "2026-11-30 · ★★★★½ · rewatch"
    facts = dict(film_page.facts(film, scale="stars"))
    assert facts["Yours"] == "your rating ★★★½ · seen 2026-11-30"
    assert facts["Your diary"] == "2026-11-30 · ★★★★½ · rewatch"
    assert facts["TMDB rating"] == "8.3/10 from 7,000 votes"
    assert dict(film_page.facts(film))["Yours"] == "your rating 7/10 · seen 2026-11-30"


def _write(text: str) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(text, encoding="utf-8")


def test_the_setting_is_read_with_the_other_ui_settings() -> None:
    assert load_ui_settings().ratings == "ten"  # no file: the default
    _write('[ui]\ntheme = "filmtui-dark"\nratings = "stars"\n')
    ui = load_ui_settings()
    assert (ui.theme, ui.ratings, ui.problems) == ("filmtui-dark", "stars", ())
    assert load_rating_scale() == ("stars", None)
    _write('[ui]\nratings = "Ten"\n')
    assert load_ui_settings().ratings == "ten"


@pytest.mark.parametrize("value", ['"Sterne"', "5", "true", '["stars"]', '"stars\\u001b[31m"'])
def test_an_unusable_value_is_one_line_and_the_default(value: str) -> None:
    _write(f'[ui]\ntheme = "filmtui-light"\nratings = {value}\n')
    ui = load_ui_settings()
    assert ui.ratings == "ten" and ui.theme == "filmtui-light"  # the rest still applies
    (line,) = ui.problems
    assert "[ui] ratings" in line and '"stars"' in line and '"ten"' in line
    assert "\n" not in line and "\x1b" not in line
    assert load_rating_scale() == ("ten", line)


def test_an_unreadable_file_keeps_the_default_and_says_why() -> None:
    _write("[ui\nratings = 'stars'\n")
    scale, problem = load_rating_scale()
    assert scale == "ten" and problem is not None and "config.toml" in problem
    assert load_ui_settings().ratings == "ten"

"""What a refresh now keeps with a film, mapped from real TMDB shapes; every key read with a
default, so a hostile or partial answer maps to "unknown", never to a crash."""

from __future__ import annotations

import pytest

from filmtui.models import Film
from filmtui.tmdb.mapping import map_movie
from filmtui.tmdb.people import map_person

from .server import extras, real_films, sample


def test_men_in_black_real_appended_answer() -> None:
    fields = map_movie(real_films()[607], "2026-12-01T00:00:00+00:00", film_id=607)
    assert fields["homepage"] == "http://www.sonypictures.com/homevideo/meninblack"
    assert fields["videos"] and all(v["site"] in ("YouTube", "Vimeo") for v in fields["videos"])
    officials = [v["official"] for v in fields["videos"]]
    assert officials == sorted(officials, reverse=True)  # official first
    assert "US" in fields["providers"]
    film = Film.merge(None, fields)
    assert film.providers["US"] and film.videos[0].url.startswith(("https://www.youtube.com/", "https://vimeo.com/"))


def test_fight_club_extras_map_in_tmdb_order() -> None:
    fields = map_movie({**real_films()[550], **extras()}, film_id=550)
    assert fields["recommendations"][:2] == [{"id": 680, "title": "Pulp Fiction", "year": 1994},
                                              {"id": 807, "title": "Se7en", "year": 1995}]
    assert fields["providers"]["US"]["flatrate"] == ["Peacock Premium"]
    assert fields["providers"]["US"]["rent"][0] == "Apple TV"  # display_priority order
    assert fields["videos"] == [{"name": "#TBT Trailer", "site": "YouTube", "key": "BdJKm16Co6M",
                                 "type": "Trailer", "official": True}]


@pytest.mark.parametrize("bad", [None, 7, "x", [], {"results": None}, {"results": "x"},
                                 {"results": [None, 1, {"id": "680"}, {"key": "../../x", "site": "YouTube"}]},
                                 {"results": {"us": {}, "US": {"rent": "Apple"}, "GB": [1]}}])
def test_hostile_extras_map_to_nothing(bad) -> None:
    raw = {"id": 949, "title": "Heat", "videos": bad, "recommendations": bad, "watch/providers": bad,
           "homepage": bad}
    fields = map_movie(raw, film_id=949)
    assert fields["videos"] == [] and fields["recommendations"] == [] and fields["providers"] == {}
    assert fields["homepage"] is None
    film = Film.merge(None, fields)
    assert film.videos == [] and film.providers == {}


def test_a_homepage_that_is_not_a_web_address_is_dropped() -> None:
    for value in ("javascript:alert(1)", "file:///etc/passwd", "http://x\x1b]52;c;evil\x07"):
        fields = map_movie({"id": 1, "homepage": value}, film_id=1)
        assert fields["homepage"] is None or "\x1b" not in fields["homepage"]
        assert fields["homepage"] is None or fields["homepage"].startswith("http")


def test_a_stored_film_with_odd_extras_still_opens() -> None:
    film = Film.merge({"id": 1, "title": "X"}, {"id": 1, "videos": [{"key": 1}], "providers": {"US": "x"},
                                                 "recommendations": "nope", "homepage": 5})
    assert film.videos == [] and film.providers == {} and film.recommendations == [] and film.homepage is None


def test_person_maps_leniently() -> None:
    assert map_person(None, 5, "t")["cast"] == []
    doc = map_person({"name": "X", "movie_credits": {"cast": [{"id": 1}, {"title": "No id"}, 3],
                                                     "crew": "x"}, "birthday": "not a date"}, 5, "t")
    assert doc["cast"] == [] and doc["crew"] == [] and doc["birthday"] is None
    real = map_person(sample("person_287_append_movie_credits_etc.json"), 287, "t")
    assert any(c["title"] == "Fight Club" and c["role"] == "Tyler Durden" for c in real["cast"])
    assert real["crew"] and all(c["role"] for c in real["crew"])

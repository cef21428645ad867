"""Mapping TMDB's movie answer to the store's fields, on every real sample and on broken ones."""

from __future__ import annotations

import copy
import json

import pytest

from filmtui.models import Film
from filmtui.tmdb.mapping import certification, map_movie, poster_path, same_content

from .server import SAMPLES, fight_club, sample

MOVIE_SAMPLES = [
    "movie_949.json",
    "movie_524.json",
    "movie_550.json",
    "movie_550_v2.json",
    "movie_607_append_credits_release_dates_videos_external_ids_reviews_watch_providers.json",
    "movie_10140_append_images_credits_release_dates_etc.json",
]
ERROR_SAMPLES = [
    "error_401_invalid_api_key.json",
    "error_404_resource_not_found.json",
    "error_422_query_must_be_provided.json",
]
STAMP = "2026-01-02T03:04:05+00:00"


@pytest.mark.parametrize("name", MOVIE_SAMPLES)
def test_every_movie_sample_maps_to_a_film_page(name: str) -> None:
    raw = sample(name)
    fields = map_movie(raw, STAMP)
    assert fields["id"] == raw["id"]
    assert fields["title"] == raw["title"] and fields["title"]
    assert fields["year"] == int(raw["release_date"][:4])
    assert fields["runtime"] == raw["runtime"]
    assert fields["genres"] == [g["name"] for g in raw["genres"]]
    assert fields["budget"] == (raw["budget"] or None)
    assert fields["revenue"] == (raw["revenue"] or None)
    assert fields["rating"] == raw["vote_average"] and fields["vote_count"] == raw["vote_count"]
    assert fields["imdb_id"] == raw["imdb_id"]
    assert fields["poster_path"] == raw["poster_path"]
    assert fields["refreshed_at"] == STAMP
    film = Film.merge(None, fields)  # the store can build a page from it
    assert film.title == raw["title"] and film.has_tmdb
    json.dumps(fields)  # and it is plain JSON


def test_heat_and_casino_without_appends_have_no_credits_and_no_certification() -> None:
    heat = map_movie(sample("movie_949.json"))
    assert heat["title"] == "Heat" and heat["release_date"] == "1995-12-15"
    assert heat["budget"] == 60_000_000 and heat["revenue"] == 187_436_818
    assert heat["cast"] == [] and heat["directors"] == [] and heat["certification"] == ""
    assert heat["tagline"] == sample("movie_949.json")["tagline"] and heat["tagline"]
    casino = map_movie(sample("movie_524.json"))
    assert casino["genres"] == ["Crime"] and casino["collection"] is None


def test_men_in_black_with_appends_maps_credits_certification_and_collection() -> None:
    mib = map_movie(sample(MOVIE_SAMPLES[4]))
    assert mib["certification"] == "PG-13"  # US theatrical (type 3), not the DVD
    assert mib["directors"] == ["Barry Sonnenfeld"]
    assert mib["cast"][0] == {"name": "Tommy Lee Jones", "character": "Agent K"}
    assert mib["cast"][1]["name"] == "Will Smith"
    assert len(mib["cast"]) == 67
    assert {"name": "Steven Spielberg", "job": "Executive Producer"} in mib["crew"]
    assert mib["collection"] == "Men In Black Collection"
    assert mib["keywords"] == []  # not appended in that capture: silently absent


def test_narnia_certification_and_directors() -> None:
    narnia = map_movie(sample(MOVIE_SAMPLES[5]))
    assert narnia["certification"] == "PG"
    assert narnia["directors"] == ["Michael Apted"]
    assert narnia["collection"] == "The Chronicles of Narnia Collection"


def test_fight_club_assembled_from_its_real_parts() -> None:
    club = map_movie(fight_club())
    assert club["certification"] == "R"
    assert club["directors"] == ["David Fincher"]
    assert [c["name"] for c in club["cast"][:2]] == ["Edward Norton", "Brad Pitt"]
    assert "nihilism" in club["keywords"]
    assert club["imdb_id"] == "tt0137523"


def test_legacy_releases_shape_gives_the_us_certification() -> None:
    legacy = {"id": 550, "releases": sample("movie_550_releases.json")}
    assert certification(legacy) == "R"


@pytest.mark.parametrize("name", ERROR_SAMPLES + ["movie_changes.json", "configuration.json"])
def test_bodies_that_are_not_films_map_to_empty_fields_without_crashing(name: str) -> None:
    fields = map_movie(sample(name), STAMP, film_id=42)
    assert fields["id"] == 42 and fields["title"] == "" and fields["cast"] == []
    assert Film.merge(None, fields).title == "#42"


def test_certification_prefers_us_theatrical_then_other_us_releases() -> None:
    def raw(*releases):
        return {"release_dates": {"results": [
            {"iso_3166_1": "GB", "release_dates": [{"type": 3, "certification": "18"}]},
            {"iso_3166_1": "US", "release_dates": list(releases)},
        ]}}

    assert certification(raw({"type": 5, "certification": "NC-17"},
                             {"type": 3, "certification": "R"})) == "R"
    assert certification(raw({"type": 5, "certification": "NC-17"},
                             {"type": 3, "certification": ""})) == "NC-17"
    assert certification(raw({"type": 4, "certification": "PG"},
                             {"type": 2, "certification": "PG-13"})) == "PG-13"
    assert certification(raw()) == ""
    assert certification({"release_dates": {"results": "nope"}}) == ""


def test_money_zero_is_unknown() -> None:
    fields = map_movie({"id": 1, "budget": 0, "revenue": 0})
    assert fields["budget"] is None and fields["revenue"] is None


def test_no_votes_is_no_rating() -> None:
    assert map_movie({"id": 1, "vote_average": 0.0, "vote_count": 0})["rating"] is None


def test_every_field_null() -> None:
    raw = {key: None for key in sample(MOVIE_SAMPLES[4])}
    fields = map_movie(raw, STAMP, film_id=607)
    assert fields["id"] == 607 and fields["title"] == "" and fields["year"] is None
    assert fields["genres"] == [] and fields["cast"] == [] and fields["certification"] == ""
    assert fields["budget"] is None and fields["poster_path"] is None


def test_every_field_the_wrong_type() -> None:
    raw = copy.deepcopy(sample(MOVIE_SAMPLES[4]))
    weird = [{"a": 1}, ["x"], "text", 12, -3, 1.5, True, None]
    for number, key in enumerate(list(raw)):
        raw[key] = weird[number % len(weird)]
    raw["credits"] = {"cast": [None, 3, {"name": 5}, {"name": "Real Person", "order": "x"}],
                      "crew": "nope"}
    raw["release_dates"] = {"results": [None, {"iso_3166_1": "US", "release_dates": [7, None]}]}
    raw["genres"] = [{"name": None}, "Crime", {"name": "Drama"}]
    fields = map_movie(raw, STAMP, film_id=607)
    assert fields["genres"] == ["Drama"]
    assert fields["cast"] == [{"name": "Real Person", "character": ""}]
    assert fields["crew"] == [] and fields["certification"] == ""
    Film.merge(None, fields)


@pytest.mark.parametrize("raw", [None, [], "Heat", 949, {"credits": []}])
def test_not_an_object_at_all(raw: object) -> None:
    assert map_movie(raw, film_id=949)["title"] == ""


def test_strings_are_cleaned_of_terminal_escapes() -> None:
    raw = {"id": 1, "title": "Heat\x1b]0;pwned\x07\x1b[31m red",
           "overview": "Line one\nline two\x1b[2J", "tagline": "a\tb\x07",
           "credits": {"cast": [{"name": "Al\x1b[5m Pacino", "character": "Hanna\r\n"}]}}
    fields = map_movie(raw)
    assert fields["title"] == "Heat red"
    assert fields["overview"] == "Line one\nline two"
    assert fields["tagline"] == "a b"
    assert fields["cast"] == [{"name": "Al Pacino", "character": "Hanna"}]
    assert "\x1b" not in json.dumps(fields)


@pytest.mark.parametrize("value", [
    "/../../etc/passwd", "/a/b.jpg", "../x.jpg", "x.jpg", "/", "/..", "/.hidden", "/a\\b.jpg",
    "/a b.jpg", "/a.jpg\n", 5, None, "/" + "a" * 300,
])
def test_unsafe_poster_paths_are_dropped(value: object) -> None:
    assert poster_path(value) is None
    assert map_movie({"id": 1, "poster_path": value})["poster_path"] is None


def test_plain_poster_path_is_kept() -> None:
    assert poster_path("/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg") == "/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg"


def test_cast_follows_billing_order_and_crew_drops_duplicates() -> None:
    raw = {"credits": {
        "cast": [{"name": "B", "order": 1}, {"name": "A", "order": 0}, {"name": "C"}],
        "crew": [{"name": "M", "job": "Director"}, {"name": "M", "job": "Director"},
                 {"name": "M", "job": "Screenplay"}, {"name": "", "job": "Editor"}],
    }}
    fields = map_movie(raw)
    assert [c["name"] for c in fields["cast"]] == ["A", "B", "C"]
    assert fields["crew"] == [{"name": "M", "job": "Director"}, {"name": "M", "job": "Screenplay"}]
    assert fields["directors"] == ["M"]


def test_imdb_id_falls_back_to_external_ids_and_is_validated() -> None:
    assert map_movie({"imdb_id": None, "external_ids": {"imdb_id": "tt0113277"}})["imdb_id"] == "tt0113277"
    assert map_movie({"imdb_id": "javascript:alert(1)"})["imdb_id"] is None


def test_same_content_ignores_daily_drift_only() -> None:
    old = map_movie(fight_club(), "2026-01-01T00:00:00+00:00")
    drifted = fight_club() | {"popularity": 1.0, "vote_count": 99999}
    assert same_content(old, map_movie(drifted, STAMP))
    assert not same_content(old, map_movie(fight_club() | {"runtime": 140}, STAMP))
    assert not same_content(None, old)


def test_samples_folder_holds_every_file_the_tests_name() -> None:
    for name in MOVIE_SAMPLES + ERROR_SAMPLES:
        assert (SAMPLES / name).is_file(), name


def test_find_sample_maps_to_a_candidate() -> None:
    from filmtui.tmdb.add import _candidate

    nemo = _candidate(sample("find_tt0266543_imdb_id.json")["movie_results"][0])
    assert nemo.id == 12 and nemo.label == "Finding Nemo (2003)"

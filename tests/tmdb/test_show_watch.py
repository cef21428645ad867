"""`filmtui show` after a refresh from the stand-in: where to watch in the user's region, with
its age and JustWatch's credit, and the trailers, as text, JSON and Markdown; and offline."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from filmtui.terms import JUSTWATCH_CREDIT

from .conftest import run_filmtui
from .server import FakeTmdb, extras, real_films

TODAY = dt.datetime.now(dt.timezone.utc).date().isoformat()


@pytest.fixture(autouse=True)
def in_the_us(monkeypatch: pytest.MonkeyPatch) -> None:
    """The region set, so the machine's locale cannot choose it."""
    monkeypatch.setenv("FILMTUI_REGION", "US")


def refreshed_heat(tmdb: FakeTmdb) -> None:
    """Heat on the stand-in with Fight Club's real trailer and providers, refreshed into the store."""
    tmdb.films[949] = {**real_films()[949], **extras()}
    result = run_filmtui("refresh", "949")
    assert result.returncode == 0, result.stderr


def test_show_prints_the_providers_for_the_region_with_their_age_and_the_trailer(tmdb_env: FakeTmdb) -> None:
    refreshed_heat(tmdb_env)
    page = run_filmtui("show", "heat").stdout
    assert (f"Watch: Stream: Peacock Premium · Rent: Apple TV, Amazon Video, Google Play Movies"
            in page), page
    assert f"(in US, as of {TODAY}, just now). {JUSTWATCH_CREDIT}" in page
    assert "  TMDB: https://www.themoviedb.org/movie/949\n" in page
    assert "  IMDb: https://www.imdb.com/title/tt0113277/\n" in page
    assert "  Letterboxd: https://letterboxd.com/tmdb/949\n" in page
    assert "  Trailer: #TBT Trailer (YouTube): https://www.youtube.com/watch?v=BdJKm16Co6M\n" in page

    british = run_filmtui("show", "heat", env={"FILMTUI_REGION": "GB"}).stdout
    assert "Watch: Stream: Netflix, Disney Plus, MUBI" in british and "(in GB, as of" in british


def test_show_json_carries_links_trailers_and_watch_as_data(tmdb_env: FakeTmdb) -> None:
    refreshed_heat(tmdb_env)
    heat = json.loads(run_filmtui("show", "949", "--json").stdout)
    assert heat["links"][:3] == [
        {"label": "TMDB", "url": "https://www.themoviedb.org/movie/949"},
        {"label": "IMDb", "url": "https://www.imdb.com/title/tt0113277/"},
        {"label": "Letterboxd", "url": "https://letterboxd.com/tmdb/949"},
    ]
    assert heat["trailers"] == [{"name": "#TBT Trailer", "site": "YouTube", "type": "Trailer",
                                 "official": True, "url": "https://www.youtube.com/watch?v=BdJKm16Co6M"}]
    watch = heat["watch"]
    assert watch["region"] == "US" and watch["known"] is True
    assert watch["as_of"] == TODAY and watch["age"] == "just now"
    assert watch["stream"] == ["Peacock Premium"] and watch["rent"][0] == "Apple TV"
    assert watch["link"].startswith("https://www.themoviedb.org/movie/550-fight-club/watch")
    assert watch["credit"] == JUSTWATCH_CREDIT
    assert watch["line"].startswith("Stream: Peacock Premium · Rent: Apple TV")


def test_markdown_dates_where_to_watch_and_links_out(tmdb_env: FakeTmdb) -> None:
    refreshed_heat(tmdb_env)
    page = run_filmtui("show", "heat", "--markdown").stdout
    assert "- **Watch:** Stream: Peacock Premium · Rent: Apple TV" in page
    assert f"(in US, as of {TODAY}). {JUSTWATCH_CREDIT}" in page  # a saved file is dated, not aged
    assert "## Links" in page and "- Letterboxd: <https://letterboxd.com/tmdb/949>" in page
    assert "- Trailer: #TBT Trailer (YouTube): <https://www.youtube.com/watch?v=BdJKm16Co6M>" in page


def test_offline_after_a_refresh_show_still_says_where_to_watch(tmdb_env: FakeTmdb) -> None:
    refreshed_heat(tmdb_env)
    offline = {"FILMTUI_TMDB_URL": "http://127.0.0.1:9/3"}
    result = run_filmtui("show", "heat", env=offline)
    assert result.returncode == 0 and result.stderr == ""
    assert "Watch: Stream: Peacock Premium" in result.stdout
    assert tmdb_env.hits("/3/movie/949") == 1  # the refresh; show itself never asks TMDB


def test_a_region_tmdb_lists_nothing_for_says_so_with_the_date(tmdb_env: FakeTmdb) -> None:
    refreshed_heat(tmdb_env)
    page = run_filmtui("show", "heat", env={"FILMTUI_REGION": "AQ"}).stdout
    assert (f"Watch: Not streaming, for rent or for sale in AQ that TMDB knows of (as of {TODAY}, "
            "just now; filmtui refresh 949 updates it).") in page
    assert JUSTWATCH_CREDIT not in page  # no JustWatch data shown, no credit due
    watch = json.loads(run_filmtui("show", "heat", "--json", env={"FILMTUI_REGION": "AQ"}).stdout)["watch"]
    assert watch["known"] is True and watch["stream"] == watch["rent"] == watch["buy"] == []
    assert watch["credit"] is None and watch["link"] is None

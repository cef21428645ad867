"""Posters: configuration fetched once, images cached, no path can escape the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from filmtui.config import Config
from filmtui.tmdb import NotFound
from filmtui.tmdb.posters import PosterCache

from .server import FakeTmdb

HEAT = "/rrBuGu0Pjq7Y2BWSI6teGfZzviY.jpg"


def test_poster_is_downloaded_once_and_configuration_fetched_once(
    config: Config, tmdb_env: FakeTmdb, tmp_path: Path
) -> None:
    posters = PosterCache(config, tmp_path / "cache")
    first = posters.get(HEAT)
    assert first is not None and first.read_bytes().startswith(b"\xff\xd8")
    assert first.parent == (tmp_path / "cache" / "posters").resolve()
    again = PosterCache(config, tmp_path / "cache").get(HEAT)  # a new process, same cache
    assert again == first
    assert tmdb_env.hits("/3/configuration") == 1
    assert tmdb_env.hits(f"/t/p/w342{HEAT}") == 1
    image_requests = [r for r in tmdb_env.requests if r["path"].startswith("/t/p/")]
    assert all(r["authorization"] is None and not r["query"] for r in image_requests)


@pytest.mark.parametrize("path", ["/../../../etc/passwd", "/../x.jpg", "/a/b.jpg", "..", "",
                                  None, 42, "/%2e%2e/x.jpg", "/x.jpg/..", "/.."])
def test_no_poster_path_names_a_file_outside_the_cache(config, tmdb_env, tmp_path, path) -> None:
    posters = PosterCache(config, tmp_path / "cache")
    assert posters.path_for(path) is None
    assert posters.get(path) is None
    assert tmdb_env.requests == []
    assert not (tmp_path / "etc").exists()


def test_unsafe_size_is_refused(config, tmdb_env, tmp_path) -> None:
    posters = PosterCache(config, tmp_path / "cache")
    assert posters.path_for(HEAT, "../w342") is None


def test_cached_needs_no_network(config, tmdb_env, tmp_path) -> None:
    posters = PosterCache(config, tmp_path / "cache")
    assert posters.cached(HEAT) is None
    posters.get(HEAT)
    tmdb_env.reset_log()
    assert posters.cached(HEAT) is not None and tmdb_env.requests == []


def test_missing_image_is_not_found(config, tmdb_env, tmp_path, monkeypatch) -> None:
    posters = PosterCache(config, tmp_path / "cache")
    images = posters.image_config()
    monkeypatch.setitem(images, "secure_base_url", tmdb_env.origin + "/nothing-here/")
    with pytest.raises(NotFound):
        posters.get(HEAT)
    assert posters.cached(HEAT) is None

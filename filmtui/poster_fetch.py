"""A film's poster for the poster screen: the cached file first (offline, no key), else a download
when a key allows, then drawn as half-block cells. Blocking (run it in a thread worker); no Textual.

Every failure is a PosterUnavailable whose `str()` is one calm line to show as it is.
"""

from __future__ import annotations

from pathlib import Path

from filmtui.config import Config, ConfigError, load_config
from filmtui.poster_art import Grid, PosterArtError, poster_grid
from filmtui.tmdb.errors import NotFound, TmdbError, Unavailable
from filmtui.tmdb.posters import PosterCache

NO_POSTER = "No poster known for this film yet: press u on its page to fetch it from TMDB."


class PosterUnavailable(Exception):
    """The poster cannot be shown; `str()` says why in one line (never a secret)."""


def poster_cells(poster_path: str | None, cells_wide: int, cells_high: int) -> tuple[Path, Grid]:
    """The poster's file and its cells, at most `cells_wide` x `cells_high`."""
    if not poster_path:
        raise PosterUnavailable(NO_POSTER)
    path, from_cache = poster_file(poster_path)
    try:
        return path, poster_grid(path, cells_wide, cells_high)
    except PosterArtError as error:
        if not from_cache:
            raise PosterUnavailable(f"TMDB's poster for this film is {error}.") from None
        damaged = error
    # The cached copy is damaged: a fresh download replaces it when a key allows, else we say so
    # (the file stays where it is: it is the user's to look at or remove).
    try:
        path, _ = poster_file(poster_path, fresh=True)
        return path, poster_grid(path, cells_wide, cells_high)
    except (PosterUnavailable, PosterArtError) as why:
        raise PosterUnavailable(
            f"The cached poster {path} is {damaged}, and no fresh copy could be had: {why}"
        ) from None


def poster_file(poster_path: str, *, fresh: bool = False) -> tuple[Path, bool]:
    """The poster's file and whether it came from the cache (downloaded when not, or `fresh`)."""
    try:
        config, problem = load_config(), ""
    except ConfigError as error:
        config, problem = Config(), str(error)  # the cache needs no settings
    posters = PosterCache(config)
    cached = None if fresh else posters.cached(poster_path)
    if cached is not None:
        return cached, True
    if problem:
        raise PosterUnavailable(f"The settings cannot be used to download this poster: {problem}")
    if not config.has_credentials:
        raise PosterUnavailable(
            "No TMDB key to download this poster with: set TMDB_READ_ACCESS_TOKEN "
            "(or TMDB_API_KEY), or run `filmtui config set-token`."
        )
    try:
        path = posters.get(poster_path, fresh=fresh)
    except NotFound:
        raise PosterUnavailable(
            "TMDB has no such poster any more: press u on the film's page to refresh it."
        ) from None
    except Unavailable as error:
        if error.offline:
            raise PosterUnavailable(
                "TMDB cannot be reached (offline?) to download this poster."
            ) from None
        raise PosterUnavailable(f"Could not download the poster: {error}") from None
    except TmdbError as error:  # a refused key, a broken configuration: each says which
        raise PosterUnavailable(f"Could not download the poster: {error}") from None
    except OSError as error:  # the cache folder is not writable, the disk is full
        raise PosterUnavailable(f"Could not save the poster in the cache: {error}") from None
    if path is None:
        raise PosterUnavailable("This film's poster path is not a plain file name, so it is not fetched.")
    return path, False

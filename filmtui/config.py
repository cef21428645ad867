"""User settings: TMDB credentials, API base and language, from the environment or config.toml.

The environment wins over the config file. The secret is kept out of `repr` so it cannot leak into
a log line or a traceback by accident.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from filmtui.locations import config_dir

DEFAULT_TMDB_URL = "https://api.themoviedb.org/3"


class ConfigError(Exception):
    """The config file exists but cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Config:
    """Settings filmtui runs with."""

    read_access_token: str | None = field(default=None, repr=False)
    """TMDB v4 read access token, sent as `Authorization: Bearer` (preferred)."""
    api_key: str | None = field(default=None, repr=False)
    """TMDB v3 API key, used only when there is no read access token."""
    tmdb_url: str = DEFAULT_TMDB_URL
    """API base; tests and benchmarks point it at a local stand-in."""
    language: str = "en-US"
    """Language TMDB answers in."""
    rate_limit: float = 40.0
    """Most requests per second sent to TMDB."""

    @property
    def has_credentials(self) -> bool:
        """True when a token or key is set (never says which, or what it is)."""
        return bool(self.read_access_token or self.api_key)


def config_path() -> Path:
    """The config file: config.toml in the user's config folder."""
    return config_dir() / "config.toml"


def load_config() -> Config:
    """Read config.toml (if any), then let environment variables override it."""
    values: dict[str, object] = {}
    path = config_path()
    if path.exists():
        try:
            with path.open("rb") as handle:
                values = tomllib.load(handle).get("tmdb", {})
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"{path}: cannot be read: {error}") from None
    env = os.environ
    token = env.get("TMDB_READ_ACCESS_TOKEN") or values.get("read_access_token")
    key = env.get("TMDB_API_KEY") or values.get("api_key")
    try:
        rate = float(env.get("FILMTUI_RATE_LIMIT") or values.get("rate_limit") or 40.0)
    except ValueError:
        raise ConfigError("FILMTUI_RATE_LIMIT: expected a number of requests per second") from None
    return Config(
        read_access_token=str(token).strip() or None if token else None,
        api_key=str(key).strip() or None if key else None,
        tmdb_url=str(env.get("FILMTUI_TMDB_URL") or values.get("url") or DEFAULT_TMDB_URL).rstrip("/"),
        language=str(env.get("FILMTUI_LANGUAGE") or values.get("language") or "en-US"),
        rate_limit=rate,
    )

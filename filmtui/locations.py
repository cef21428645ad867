"""Where filmtui keeps its files. Each folder can be overridden by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_APP = "filmtui"


def data_dir() -> Path:
    """The store's folder: `FILMTUI_DATA_DIR`, else the platform's user data dir."""
    return Path(os.environ.get("FILMTUI_DATA_DIR") or platformdirs.user_data_dir(_APP))


def config_dir() -> Path:
    """The config folder: `FILMTUI_CONFIG_DIR`, else the platform's user config dir."""
    return Path(os.environ.get("FILMTUI_CONFIG_DIR") or platformdirs.user_config_dir(_APP))


def cache_dir() -> Path:
    """The cache folder (posters): `FILMTUI_CACHE_DIR`, else the platform's user cache dir."""
    return Path(os.environ.get("FILMTUI_CACHE_DIR") or platformdirs.user_cache_dir(_APP))


def catalog_dir() -> Path:
    """The embedded editorial catalogue: inside the wheel, or `data/` beside a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "catalog"
    if packaged.is_dir():
        return packaged
    return here.parent / "data" / "catalog"


def editorial_dir() -> Path:
    """An editor's own film pages: `FILMTUI_EDITORIAL_DIR`, else `editorial/` in the data folder."""
    return Path(os.environ.get("FILMTUI_EDITORIAL_DIR") or data_dir() / "editorial")

"""Poster images: TMDB's image configuration fetched once, images cached under the cache dir.

A `poster_path` comes from TMDB (or a tampered store), so it is never trusted as a file name:
it must be one plain name ("/abc.jpg"), and the file it maps to must resolve inside the cache.
Images come from TMDB's image host without the API credential: it needs none, so it gets none.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import httpx
import orjson

from filmtui.config import Config
from filmtui.locations import cache_dir
from filmtui.tmdb.client import TmdbClient, borrowed
from filmtui.tmdb.errors import NotFound, TmdbError, Unavailable
from filmtui.tmdb.mapping import poster_path as safe_poster_path
from filmtui.tmdb.transport import CuttableBackend, cuttable_transport, deadline

#: TMDB suggests re-reading the configuration every few days.
CONFIG_MAX_AGE = dt.timedelta(days=3)
#: A poster bigger than this is not a poster.
MAX_BYTES = 10 * 1024 * 1024
DEFAULT_SIZE = "w342"


class PosterCache:
    """Posters on disk under `<cache dir>/posters`, fetched on first use. Blocking; thread-safe
    enough for one worker at a time."""

    def __init__(self, config: Config, root: Path | None = None, *,
                 client: TmdbClient | None = None) -> None:
        self.config = config
        self.root = (root or cache_dir()) / "posters"
        self._client = client
        self._images: dict[str, Any] | None = None
        self._backend = CuttableBackend()

    def abort(self) -> None:
        """Cut every download in flight at once (from any thread); later ones fail at once.

        For quitting with a poster on its way. A client given at construction is the caller's
        to abort (`TmdbClient.abort()`), for the image configuration it may be fetching.
        """
        self._backend.abort()

    def path_for(self, poster_path: Any, size: str = DEFAULT_SIZE) -> Path | None:
        """Where the poster is (or would be) cached; None for a path that is not a plain name."""
        name = safe_poster_path(poster_path)
        if name is None or not size.isalnum():
            return None
        target = (self.root / f"{size}_{name.lstrip('/')}").resolve()
        root = self.root.resolve()
        return target if target.parent == root else None

    def cached(self, poster_path: Any, size: str = DEFAULT_SIZE) -> Path | None:
        """The poster's file if it is already cached (no network)."""
        path = self.path_for(poster_path, size)
        return path if path is not None and path.is_file() else None

    def get(self, poster_path: Any, size: str = DEFAULT_SIZE, *, fresh: bool = False) -> Path | None:
        """The poster's file, downloading it if needed; None when the path is unsafe.

        With `fresh`, download it again even when cached (a damaged copy is replaced whole).

        Raises TmdbError (NotFound, Unavailable, ...) when it cannot be fetched.
        """
        path = self.path_for(poster_path, size)
        if path is None:
            return None
        if path.is_file() and not fresh:
            return path
        images = self.image_config()
        sizes = images.get("poster_sizes") or []
        if size not in sizes:
            raise TmdbError(f"TMDB offers no poster size {size!r}")
        base = str(images.get("secure_base_url") or images.get("base_url") or "")
        if not base.startswith(("https://", "http://")):
            raise TmdbError("TMDB's configuration has no usable image address")
        url = f"{base.rstrip('/')}/{size}/{path.name.split('_', 1)[1]}"
        self._download(url, path)
        return path

    def image_config(self) -> dict[str, Any]:
        """TMDB's `images` configuration: from memory, else the disk cache, else TMDB (once)."""
        if self._images is not None:
            return self._images
        stored = self.root.parent / "tmdb-configuration.json"
        try:
            saved = orjson.loads(stored.read_bytes())
            fetched = dt.datetime.fromisoformat(saved["fetched_at"])
            if dt.datetime.now(dt.timezone.utc) - fetched < CONFIG_MAX_AGE:
                self._images = dict(saved["images"])
                return self._images
        except (OSError, ValueError, KeyError, TypeError, orjson.JSONDecodeError):
            pass  # missing, old or broken: fetch it again
        with borrowed(self.config, self._client) as client:
            images = client.configuration().get("images")
        if not isinstance(images, dict):
            raise TmdbError("TMDB's configuration has no image settings")
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        _write_atomic(stored, orjson.dumps({"fetched_at": now, "images": images}))
        self._images = images
        return images

    def _download(self, url: str, path: Path) -> None:
        transport, _ = cuttable_transport(httpx.Limits(max_connections=1), self._backend)
        try:
            with deadline(self.config.deadline), httpx.Client(
                timeout=self.config.timeout, follow_redirects=True, transport=transport
            ) as http:
                with http.stream("GET", url) as response:
                    if response.status_code == 404:
                        raise NotFound("poster not found on TMDB")
                    if response.status_code != 200:
                        raise Unavailable(f"poster: TMDB answered HTTP {response.status_code}")
                    if not response.headers.get("Content-Type", "").startswith("image/"):
                        raise TmdbError("poster: TMDB did not answer with an image")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise TmdbError("poster: the image is too large")
                        chunks.append(chunk)
        except httpx.TimeoutException:
            raise Unavailable("poster: timed out") from None
        except httpx.TransportError:
            if self._backend.aborted.is_set():
                raise Unavailable("cancelled") from None
            raise Unavailable("poster: cannot reach TMDB's image server", offline=True) from None
        _write_atomic(path, b"".join(chunks))


def _write_atomic(path: Path, payload: bytes) -> None:
    """A half-downloaded poster must never be taken for a cached one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

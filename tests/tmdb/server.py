"""A stand-in for TMDB's API v3 on loopback, built from real response bodies (tests/tmdb/samples).

It speaks enough of TMDB for filmtui: `/3/movie/{id}` (with `append_to_response`),
`/3/search/movie`, `/3/find/{imdb_id}`, `/3/movie/changes`, `/3/configuration`, people
(`/3/person/{id}` with `movie_credits`, `/3/search/person`), `/3/trending/movie/week` and
`/3/movie/popular`, and poster images under `/t/p/`.
It checks auth the way TMDB does (Bearer token or `api_key`), answers errors with TMDB's own
bodies (401 status_code 7, 404 status_code 34, 422), enforces a rate cap with 429 + Retry-After,
and can be told to misbehave for one film: 5xx, slow, truncated, malformed, dropped connections,
and the hostile answers (HOSTILE): huge, endless, a gzip bomb, a drip, deep nesting, big ints.

    with FakeTmdb(token="t0ken") as tmdb:
        tmdb.fault(949, "503", "503")      # the next two requests for 949 fail, then it answers
        ... FILMTUI_TMDB_URL=tmdb.url ...

Run it alone (for the benchmark or by hand): `python -m tests.tmdb.server --rate 40`; with
`--fault 949=drip` (repeatable) film 949 misbehaves that way on every request.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import math
import threading
import time
import zlib
from collections import Counter, defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

SAMPLES = Path(__file__).resolve().parent / "samples"

#: What a fault name makes the server do, once per request, for one film.
FAULTS = ("500", "502", "503", "429", "slow", "truncated", "malformed", "array", "drop", "404",
          "badgzip", "echo-token")
#: Answers built to hurt the client: 50 MB, never-ending, a gzip bomb (130 KB unzipping to
#: 128 MB), one byte every `drip_seconds` (headers included), JSON nested 300 deep, an integer
#: past 64 bits in a real film body.
HOSTILE = ("huge", "endless", "gzipbomb", "drip", "deep", "bigint")
HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 128 * 1024 * 1024

#: Appended keys the server knows how to serve (others are silently absent, as on TMDB).
APPENDABLE = ("credits", "release_dates", "keywords", "external_ids", "videos", "images", "recommendations",
              "reviews", "watch/providers")


def sample(name: str) -> Any:
    """A sample body, parsed."""
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@functools.cache
def _fight_club() -> dict[str, Any]:
    return fight_club()


def fight_club() -> dict[str, Any]:
    """Film 550 as one appended answer, assembled from its separately captured real parts."""
    body = sample("movie_550_v2.json")
    body["credits"] = {k: v for k, v in sample("movie_550_credits_v2.json").items() if k != "id"}
    body["release_dates"] = {"results": sample("movie_550_release_dates.json")["results"]}
    body["keywords"] = {"keywords": sample("movie_550_keywords.json")["keywords"]}
    body["external_ids"] = {
        k: v for k, v in sample("movie_550_external_ids.json").items() if k != "id"
    }
    return body


def real_films() -> dict[int, dict[str, Any]]:
    """Every real movie body in the samples, by id."""
    films = {
        949: sample("movie_949.json"),
        524: sample("movie_524.json"),
        550: fight_club(),
        607: sample(
            "movie_607_append_credits_release_dates_videos_external_ids_reviews_watch_providers.json"
        ),
        10140: sample("movie_10140_append_images_credits_release_dates_etc.json"),
    }
    return films


def extras(recommended: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The appended parts TMDB adds for `videos,recommendations,watch/providers`, from Fight Club's
    real answers (its trailer, its recommendations, its providers by region); `recommended`
    (TMDB result objects) goes first in the recommendations."""
    recommendations = sample("movie_550_recommendations.json")
    recommendations["results"] = (recommended or []) + recommendations["results"]
    return {
        "videos": {"results": sample("movie_550_videos.json")["results"]},
        "recommendations": recommendations,
        "watch/providers": {"results": sample("movie_550_watch_providers.json")["results"]},
    }


def person(person_id: int, name: str, cast: list[tuple[int, str, int, str]] = (),
           crew: list[tuple[int, str, int, str]] = ()) -> dict[str, Any]:
    """A person on Brad Pitt's real answer (`/person/287` with movie_credits appended), with
    their own id, name and films: (film id, title, year, character or job) each."""
    body = sample("person_287_append_movie_credits_etc.json")
    real = body["movie_credits"]
    like_cast, like_crew = real["cast"][0], real["crew"][0]
    body.update(id=person_id, name=name, movie_credits={
        "cast": [{**like_cast, "id": i, "title": t, "original_title": t, "release_date": f"{y}-06-01",
                  "character": role} for i, t, y, role in cast],
        "crew": [{**like_crew, "id": i, "title": t, "original_title": t, "release_date": f"{y}-06-01",
                  "job": role} for i, t, y, role in crew],
    })
    return body


def synthetic(film_id: int, title: str, year: int = 1995, template: int = 550) -> dict[str, Any]:
    """A film built on a real body (Fight Club's by default) with its own id, title and year.

    Nested parts are shared with the template, not copied: treat the result as read-only.
    """
    base = _fight_club() if template == 550 else real_films()[template]
    return {**base, "id": film_id, "title": title, "original_title": title,
            "release_date": f"{year}-06-01"}


#: The poster every image path gets: its top half red, its bottom half blue (2:3, like a poster).
POSTER_TOP, POSTER_BOTTOM = (255, 0, 0), (0, 0, 255)


@functools.cache
def poster_jpeg() -> bytes:
    """A real, small JPEG for `/t/p/...`: two solid halves, so a test can check the colours drawn."""
    from PIL import Image

    image = Image.new("RGB", (40, 60), POSTER_TOP)
    image.paste(POSTER_BOTTOM, (0, 30, 40, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


@functools.cache
def gzip_bomb() -> bytes:
    """A gzipped JSON object whose one string unzips to BOMB_BYTES zeros (about 130 KB sent)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip wrapper
    parts = [packer.compress(b'{"id": 949, "title": "')]
    block = b"0" * (1024 * 1024)
    parts += [packer.compress(block) for _ in range(BOMB_BYTES // len(block))]
    parts.append(packer.compress(b'"}') + packer.flush())
    return b"".join(parts)


def point_filmtui_at(server: FakeTmdb, monkeypatch, token: str, *, timeout: str,
                     retries: str | None = None) -> None:
    """filmtui pointed at `server` with `token`, quick backoffs and no rate limit to speak of."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # a CI proxy must not catch loopback
    monkeypatch.setenv("FILMTUI_TMDB_URL", server.url)
    monkeypatch.setenv("TMDB_READ_ACCESS_TOKEN", token)
    monkeypatch.setenv("FILMTUI_TMDB_TIMEOUT", timeout)
    monkeypatch.setenv("FILMTUI_TMDB_BACKOFF", "0.01")
    monkeypatch.setenv("FILMTUI_RATE_LIMIT", "1000")
    if retries is not None:
        monkeypatch.setenv("FILMTUI_TMDB_RETRIES", retries)


class FakeTmdb:
    """The server, its films and its knobs. Thread-safe; start with `with` or `start()`."""

    def __init__(
        self,
        *,
        token: str | None = "test-read-token",
        api_key: str | None = "test-api-key",
        films: dict[int, dict[str, Any]] | None = None,
        rate: float | None = None,
        burst: int | None = None,
        retry_after: str = "1",
        slow_seconds: float = 2.0,
        drip_seconds: float = 0.5,
    ) -> None:
        self.token = token
        self.api_key = api_key
        self.films: dict[int, dict[str, Any]] = real_films() if films is None else films
        self.people: dict[int, dict[str, Any]] = {
            287: sample("person_287_append_movie_credits_etc.json")}
        """People by id, as `/person/{id}?append_to_response=movie_credits` answers them."""
        self.trending: dict[str, Any] = sample("trending_movie_week.json")
        self.popular: dict[str, Any] = sample("movie_popular.json")
        self.changed: list[int] = []
        """Ids `/movie/changes` lists (100 a page, as TMDB)."""
        self.missing_images: set[str] = set()
        """Image file names ("/abc.jpg") answered with 404, as TMDB does for a removed poster."""
        self.rate = rate
        """Requests per second allowed (token bucket); None for no cap."""
        self.burst = burst or (math.ceil(rate) if rate else 1)
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.drip_seconds = drip_seconds
        self.always: dict[int | str, str] = {}
        """Faults acted out on every request for a film (the standalone server's --fault)."""
        self.requests: list[dict[str, Any]] = []
        """Every request seen: path, query, auth header, status."""
        self.status_counts: Counter[int] = Counter()
        self._faults: dict[int | str, deque[str]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._tokens = float(self.burst)
        self._stamp = time.monotonic()
        self._in_flight = 0
        self.max_in_flight = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The API base to put in FILMTUI_TMDB_URL."""
        assert self._httpd is not None, "start the server first"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/3"

    @property
    def origin(self) -> str:
        return self.url.removesuffix("/3")

    def start(self) -> FakeTmdb:
        self._httpd = _QuietServer(("127.0.0.1", getattr(self, "port", 0)), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> FakeTmdb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add(self, body: dict[str, Any]) -> None:
        """Serve `body` as the film with its id (replacing any)."""
        with self._lock:
            self.films[int(body["id"])] = body

    def fault(self, key: int | str, *actions: str) -> None:
        """Misbehave for the next requests for film `key` (or a path like "/search/movie")."""
        for action in actions:
            assert action in FAULTS + HOSTILE, action
        with self._lock:
            self._faults[key].extend(actions)

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.status_counts.clear()

    def hits(self, path: str) -> int:
        """How many requests asked for `path` (e.g. "/3/movie/949")."""
        return sum(1 for r in self.requests if r["path"] == path)

    # -- inside the server -------------------------------------------------------------------

    def _next_fault(self, key: int | str) -> str | None:
        with self._lock:
            queue = self._faults.get(key)
            return queue.popleft() if queue else self.always.get(key)

    def _admit(self) -> bool:
        """The rate cap: a token bucket of `rate` per second holding `burst` tokens."""
        if not self.rate:
            return True
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False

    def _film_bytes(self, film_id: int, appends: set[str]) -> bytes | None:
        with self._lock:
            body = self.films.get(film_id)
        if body is None:
            return None
        trimmed = {k: v for k, v in body.items() if k not in APPENDABLE or k in appends}
        return json.dumps(trimmed).encode()


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up (a timeout, a killed refresh) are normal here, not worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


def _handler_for(tmdb: FakeTmdb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as TMDB

        def log_message(self, *args: Any) -> None:  # quiet: tests read tmdb.requests
            pass

        def do_GET(self) -> None:  # noqa: N802
            with tmdb._lock:
                tmdb._in_flight += 1
                tmdb.max_in_flight = max(tmdb.max_in_flight, tmdb._in_flight)
            try:
                self._route()
            finally:
                with tmdb._lock:
                    tmdb._in_flight -= 1

        # -- answers -------------------------------------------------------------------------

        def _send(self, status: int, body: bytes, *, headers: dict[str, str] | None = None,
                  length: int | None = None, content_type: str = "application/json") -> None:
            # Counted before the answer goes out: a test that has read it must find it counted.
            with tmdb._lock:
                tmdb.status_counts[status] += 1
                self.record["status"] = status
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, data: Any, **kwargs: Any) -> None:
            self._send(status, json.dumps(data).encode(), **kwargs)

        def _error(self, status: int, sample_name: str) -> None:
            self._send(status, (SAMPLES / sample_name).read_bytes())

        # -- routing -------------------------------------------------------------------------

        def _route(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            auth = self.headers.get("Authorization")
            self.record = {"path": url.path, "query": query, "raw_query": url.query,
                           "authorization": auth, "status": None, "at": time.monotonic()}
            with tmdb._lock:
                tmdb.requests.append(self.record)
            if url.path.startswith("/t/p/"):
                return self._image(url.path)
            if url.path == "/stats":  # for the benchmark, which runs the server in its own process
                with tmdb._lock:
                    stats = {"requests": len(tmdb.requests), "max_in_flight": tmdb.max_in_flight,
                             "statuses": {str(k): v for k, v in tmdb.status_counts.items()}}
                return self._json(200, stats)
            if not url.path.startswith("/3/"):
                return self._error(404, "error_404_resource_not_found.json")
            if not self._authorized(auth, query.get("api_key")):
                return self._error(401, "error_401_invalid_api_key.json")
            if not tmdb._admit():
                return self._json(
                    429,
                    {"status_code": 25, "status_message": "Your request count is over the allowed limit."},
                    headers={"Retry-After": tmdb.retry_after},
                )
            path = url.path[2:]
            if path == "/configuration":
                config = sample("configuration.json")
                config["images"]["base_url"] = f"{tmdb.origin}/t/p/"
                config["images"]["secure_base_url"] = f"{tmdb.origin}/t/p/"
                return self._json(200, config)
            if path == "/search/movie":
                return self._search(query)
            if path == "/movie/changes":
                return self._changes(query)
            if path == "/trending/movie/week":
                return self._json(200, tmdb.trending)
            if path == "/movie/popular":
                return self._json(200, tmdb.popular)
            if path == "/search/person":
                return self._search_people(query)
            if path.startswith("/person/") and path.removeprefix("/person/").isdigit():
                return self._person(int(path.removeprefix("/person/")), query)
            if path.startswith("/find/"):
                return self._find(path.removeprefix("/find/"), query)
            parts = path.strip("/").split("/")
            if len(parts) == 2 and parts[0] == "movie" and parts[1].isdigit():
                return self._movie(int(parts[1]), query)
            return self._error(404, "error_404_resource_not_found.json")

        def _authorized(self, auth: str | None, key: str | None) -> bool:
            if auth is not None:
                return bool(tmdb.token) and auth == f"Bearer {tmdb.token}"
            return bool(tmdb.api_key) and key == tmdb.api_key

        def _movie(self, film_id: int, query: dict[str, str]) -> None:
            fault = tmdb._next_fault(film_id)
            if fault and self._misbehave(fault):
                return
            appends = set(filter(None, query.get("append_to_response", "").split(",")))
            body = tmdb._film_bytes(film_id, appends)
            if body is None:
                return self._error(404, "error_404_resource_not_found.json")
            self._send(200, body)

        def _misbehave(self, fault: str) -> bool:
            """Act out `fault`; True when the answer has been given (or the line dropped)."""
            if fault in ("500", "502"):
                self._send(int(fault), b"<html><body>Bad gateway</body></html>",
                           content_type="text/html")
            elif fault == "503":  # maintenance, saying when to come back
                self._json(503, {"status_code": 9, "status_message": "Service offline."},
                           headers={"Retry-After": tmdb.retry_after})
            elif fault == "429":
                self._json(429, {"status_code": 25, "status_message": "Too many requests."},
                           headers={"Retry-After": tmdb.retry_after})
            elif fault == "404":
                self._error(404, "error_404_resource_not_found.json")
            elif fault == "slow":
                time.sleep(tmdb.slow_seconds)
                return False  # then answer normally, too late for a short timeout
            elif fault == "truncated":
                body = json.dumps(sample("movie_949.json")).encode()
                self._send(200, body[: len(body) // 2], length=len(body))
                self.close_connection = True
            elif fault == "malformed":
                self._send(200, b'{"id": 949, "title": "Heat", "runtime": 17')
            elif fault == "array":
                self._send(200, b'[{"id": 949}]')
            elif fault == "badgzip":  # says gzip, is not
                self._send(200, b"not gzip at all", headers={"Content-Encoding": "gzip"})
            elif fault == "drop":
                self.close_connection = True  # no answer at all
            elif fault == "echo-token":  # an error body quoting the credential it was sent
                sent = self.headers.get("Authorization") or ""
                key = parse_qs(urlsplit(self.path).query).get("api_key", [""])[-1]
                secret = sent.removeprefix("Bearer ") or key
                self._json(400, {"status_code": 22, "status_message":
                                 f"Invalid header: {sent} api_key={key} (you sent {secret})"})
            elif fault in HOSTILE:
                self._hostile(fault)
            return True

        def _hostile(self, fault: str) -> None:
            """Act out one of HOSTILE (see there); the client hanging up ends it quietly."""
            with tmdb._lock:
                tmdb.status_counts[200] += 1
                self.record["status"] = 200
            self.close_connection = True
            try:
                if fault == "huge":
                    self._head(200, {"Content-Length": str(HUGE_BYTES + 30)})
                    self.wfile.write(b'{"id": 949, "title": "')
                    chunk = b"x" * (1024 * 1024)
                    for _ in range(HUGE_BYTES // len(chunk)):
                        self.wfile.write(chunk)
                    self.wfile.write(b'"}' + b" " * 6)
                elif fault == "endless":  # no length: it ends when the connection does
                    self._head(200, {"Connection": "close"})
                    self.wfile.write(b'{"id": 949, "title": "')
                    chunk = b"x" * 65536
                    while True:
                        self.wfile.write(chunk)
                elif fault == "gzipbomb":
                    bomb = gzip_bomb()
                    self._head(200, {"Content-Length": str(len(bomb)), "Content-Encoding": "gzip"})
                    self.wfile.write(bomb)
                elif fault == "drip":  # the whole answer, status line first, a byte at a time
                    body = json.dumps(sample("movie_949.json")).encode()
                    answer = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                    for byte in answer:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(tmdb.drip_seconds)
                elif fault == "deep":
                    body = b'{"id": 949, "title": "Heat", "x": ' + b"[" * 300 + b"]" * 300 + b"}"
                    self._head(200, {"Content-Length": str(len(body))})
                    self.wfile.write(body)
                elif fault == "bigint":
                    film = dict(sample("movie_949.json"), budget=2**64 + 1)
                    body = json.dumps(film).encode()
                    self._head(200, {"Content-Length": str(len(body))})
                    self.wfile.write(body)
            except OSError:
                pass  # the client gave up: what a capped client should do

        def _head(self, status: int, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()

        def _search(self, query: dict[str, str]) -> None:
            fault = tmdb._next_fault("/search/movie")
            if fault and self._misbehave(fault):
                return
            text = query.get("query", "").strip().casefold()
            if not text:
                return self._error(422, "error_422_query_must_be_provided.json")
            year = query.get("year")
            with tmdb._lock:
                films = list(tmdb.films.values())
            results = []
            for body in films:
                title = str(body.get("title") or "")
                if text not in title.casefold():
                    continue
                if year and not str(body.get("release_date") or "").startswith(year):
                    continue
                results.append({
                    key: body.get(key)
                    for key in ("adult", "backdrop_path", "id", "original_language",
                                "original_title", "overview", "popularity", "poster_path",
                                "release_date", "title", "video", "vote_average", "vote_count")
                } | {"genre_ids": [g.get("id") for g in body.get("genres") or []]})
            results.sort(key=lambda r: -(r.get("popularity") or 0))
            self._json(200, {"page": 1, "results": results[:20], "total_pages": 1,
                             "total_results": len(results)})

        def _person(self, person_id: int, query: dict[str, str]) -> None:
            with tmdb._lock:
                body = tmdb.people.get(person_id)
            if body is None:
                return self._error(404, "error_404_resource_not_found.json")
            appends = set(filter(None, query.get("append_to_response", "").split(",")))
            self._json(200, {k: v for k, v in body.items()
                             if k not in ("movie_credits", "tv_credits", "images", "tagged_images",
                                          "external_ids") or k in appends})

        def _search_people(self, query: dict[str, str]) -> None:
            text = query.get("query", "").strip().casefold()
            if not text:
                return self._error(422, "error_422_query_must_be_provided.json")
            with tmdb._lock:
                people = list(tmdb.people.values())
            results = [{key: body.get(key) for key in ("adult", "gender", "id", "known_for_department",
                                                        "name", "popularity", "profile_path")}
                       | {"known_for": []}
                       for body in people if text in str(body.get("name") or "").casefold()]
            self._json(200, {"page": 1, "results": results, "total_pages": 1,
                             "total_results": len(results)})

        def _find(self, external_id: str, query: dict[str, str]) -> None:
            if query.get("external_source") != "imdb_id":
                return self._error(422, "error_422_query_must_be_provided.json")
            answer = sample("find_tt0266543_imdb_id.json")
            with tmdb._lock:
                films = list(tmdb.films.values())
            answer["movie_results"] = [
                {key: body.get(key) for key in ("adult", "backdrop_path", "id", "title",
                                                "original_language", "original_title",
                                                "overview", "poster_path", "popularity",
                                                "release_date", "video", "vote_average",
                                                "vote_count")} | {"media_type": "movie"}
                for body in films if body.get("imdb_id") == external_id
            ]
            self._json(200, answer)

        def _changes(self, query: dict[str, str]) -> None:
            page = int(query.get("page") or 1)
            with tmdb._lock:
                ids = list(tmdb.changed)
            pages = max(1, math.ceil(len(ids) / 100))
            chunk = ids[(page - 1) * 100 : page * 100]
            self._json(200, {"results": [{"id": i, "adult": False} for i in chunk],
                             "page": page, "total_pages": pages, "total_results": len(ids)})

        def _image(self, path: str) -> None:
            fault = tmdb._next_fault("/t/p/")  # e.g. "slow": a poster download that hangs
            if fault and self._misbehave(fault):
                return
            if "/" + path.rsplit("/", 1)[-1] in tmdb.missing_images:
                return self._send(404, b"", content_type="text/html")
            self._send(200, poster_jpeg(), content_type="image/jpeg")

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=None, help="requests/s cap (429 above it)")
    parser.add_argument("--burst", type=int, default=None, help="requests allowed back to back")
    parser.add_argument("--films", type=int, default=0,
                        help="add this many synthetic films, ids from 1,000,000")
    parser.add_argument("--fault", action="append", default=[], metavar="ID=FAULT",
                        help=f"film ID answers FAULT every time ({', '.join(FAULTS + HOSTILE)})")
    parser.add_argument("--retry-after", default="1", help="the Retry-After of 429 and 503")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: any)")
    args = parser.parse_args()
    tmdb = FakeTmdb(rate=args.rate, burst=args.burst, retry_after=args.retry_after)
    tmdb.port = args.port
    for item in args.fault:
        key, _, fault = item.partition("=")
        if fault not in FAULTS + HOSTILE:
            parser.error(f"unknown fault {fault!r}")
        tmdb.always[int(key) if key.isdigit() else key] = fault
    for n in range(args.films):
        tmdb.add(synthetic(1_000_000 + n, f"Synthetic Film {n}"))
    serve_until_interrupted(tmdb)


def serve_until_interrupted(tmdb: FakeTmdb) -> None:
    """Serve `tmdb` from the command line, printing how to point filmtui at it, until Ctrl-C."""
    with tmdb:
        print(f"FILMTUI_TMDB_URL={tmdb.url} TMDB_READ_ACCESS_TOKEN={tmdb.token}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

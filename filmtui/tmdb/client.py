"""The one door to TMDB: authenticated, rate-limited, retrying requests that fail in one clear line.

- Auth: the read access token as `Authorization: Bearer` (it stays out of URLs); a v3 key goes
  in the `api_key` query parameter only when there is no token.
- Limits: one token bucket shared by every thread, and at most `concurrency` connections.
- Faults: 5xx, timeouts, refused or dropped connections and bodies that are not the JSON we asked
  for are retried with exponential backoff; 429 waits for `Retry-After` (pausing every thread),
  `max_retry_after` seconds in all for one call, then gives up; 401 fails at once, naming the
  variable to set; 404 is `NotFound`.
- Bounds: an answer is read whole within `deadline` seconds and `body.MAX_BODY` bytes (unzipped
  too), its JSON checked for depth and 64-bit numbers; one call (retries and waits included)
  gives up after `give_up_after` seconds. Nothing from a refused answer is returned.
- Cancelling: `abort()`, from any thread, cuts the requests in flight and stops every wait.
- Secrets: messages never quote the URL (callers say which film), TMDB's own error text passes
  through `redact`, and httpx's own log lines have the key masked too.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import re
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from typing import Any

import httpx

from filmtui import __version__
from filmtui.config import Config, config_path
from filmtui.tmdb.errors import (
    AuthError,
    MissingCredentials,
    NotFound,
    RateLimited,
    TmdbError,
    Unavailable,
)
from filmtui.tmdb.body import BadBody, parse_object, read_body
from filmtui.tmdb.rate_limit import RateLimiter
from filmtui.tmdb.transport import cuttable_transport, deadline
from filmtui.text import clean

#: What one refresh asks for with each film (one request per film).
APPEND = "credits,release_dates,keywords,external_ids,videos,recommendations,watch/providers"
#: 429s tolerated for one request before giving up on it: generous, since each one waited.
MAX_RATE_LIMITED = 20
#: Longest single backoff between retries.
MAX_BACKOFF = 30.0
#: A wait shorter than this is not worth telling the user about.
NOTICE_WAIT = 2.0

_KEY_IN_TEXT = re.compile(r"(api_key=)[^&\s'\"]+", re.IGNORECASE)
_BEARER_IN_TEXT = re.compile(r"(Bearer\s+)\S+", re.IGNORECASE)


def redact(text: str, *secrets: str | None) -> str:
    """`text` with any of `secrets`, any `api_key=` value and any Bearer token masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _BEARER_IN_TEXT.sub(r"\1***", _KEY_IN_TEXT.sub(r"\1***", text))


class _RedactingFilter(logging.Filter):
    """Masks `api_key=` in httpx's "HTTP Request: GET <url>" log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(a) if isinstance(a, str) else _redact_obj(a) for a in args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def _redact_obj(value: Any) -> Any:
    # httpx passes the URL object itself; its str() holds the query string.
    return redact(str(value)) if isinstance(value, httpx.URL) else value


for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(_RedactingFilter())


def reachable(config: Config, timeout: float = 3.0) -> bool:
    """True when TMDB answers at all (one quick request, no retries): for an online/offline sign.

    A refused or missing credential still counts as reachable: the network is fine, the key
    is not (`config.has_credentials` tells that part).
    """
    if not config.has_credentials:
        try:
            httpx.get(f"{config.tmdb_url}/configuration", timeout=timeout)
        except httpx.HTTPError:
            return False
        return True
    try:
        with TmdbClient(replace(config, retries=0, timeout=timeout)) as client:
            client.configuration()
    except AuthError:
        return True
    except TmdbError:
        return False
    return True


def missing_credentials_message() -> str:
    """The one line shown when no credential is configured."""
    return (
        "no TMDB credentials: set TMDB_READ_ACCESS_TOKEN (or TMDB_API_KEY), "
        "or store one with `filmtui config set-token`"
    )


class TmdbClient:
    """A blocking TMDB API v3 client, safe to share between threads. Use as a context manager."""

    def __init__(
        self,
        config: Config,
        *,
        limiter: RateLimiter | None = None,
        transport: httpx.BaseTransport | None = None,
        on_notice: Callable[[str], Any] | None = None,
    ) -> None:
        if not config.has_credentials:
            raise MissingCredentials(missing_credentials_message())
        self.config = config
        self.limiter = limiter or RateLimiter(config.rate_limit)
        self.cancelled = threading.Event()
        """Set (by `close()`, `abort()` or a caller) to stop retries and waits early."""
        self.on_notice = on_notice
        """Called (from any thread) with a one-line note, e.g. when TMDB asks for a long wait."""
        self._noticed = float("-inf")
        self._refused: AuthError | None = None  # after one 401, every other thread stops asking
        # Only gzip: `body.read_body` unzips it under a cap, and knows no other encoding.
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip",
                   "User-Agent": f"filmtui/{__version__}"}
        params: dict[str, str] = {}
        if config.read_access_token:
            headers["Authorization"] = f"Bearer {config.read_access_token}"
        else:
            params["api_key"] = config.api_key or ""
        limits = httpx.Limits(max_connections=config.concurrency,
                              max_keepalive_connections=config.concurrency)
        self._backend = None
        if transport is None:
            transport, self._backend = cuttable_transport(limits)
        self._http = httpx.Client(
            base_url=config.tmdb_url + "/",
            headers=headers,
            params=params,
            timeout=httpx.Timeout(config.timeout),
            limits=limits,
            transport=transport,
        )

    def __enter__(self) -> TmdbClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop pending waits and close connections."""
        self.cancelled.set()
        self._http.close()

    def abort(self) -> None:
        """Cut every request in flight and stop every wait, at once; safe from any thread.

        Calls in flight (and any made later) raise `Unavailable("cancelled")` within moments:
        for quitting, or Ctrl-C, while requests or poster downloads are under way. `close()`
        is still the caller's to make (a `with` block does it).
        """
        self.cancelled.set()
        if self._backend is not None:
            self._backend.abort()

    @property
    def aborted(self) -> bool:
        """True once `abort()` or `close()` was called."""
        return self.cancelled.is_set()

    # -- endpoints ---------------------------------------------------------------------------

    def movie(self, film_id: int) -> dict[str, Any]:
        """`/movie/{id}` with credits, release dates, keywords, external ids, videos,
        recommendations and watch providers appended."""
        path = f"/movie/{int(film_id)}"
        data = self.get(path, {"append_to_response": APPEND, "language": self.config.language})
        answered = data.get("id")
        if isinstance(answered, int) and answered != film_id:
            # Never store one film's data under another's id.
            raise TmdbError(f"TMDB answered with film {answered} instead")
        return data

    def search_movies(self, query: str, year: int | None = None, page: int = 1) -> dict[str, Any]:
        """`/search/movie`: one page of results (20 at most)."""
        params: dict[str, Any] = {
            "query": query,
            "include_adult": "false",
            "language": self.config.language,
            "page": page,
        }
        if year:
            params["year"] = year
        return self.get("/search/movie", params)

    def person(self, person_id: int) -> dict[str, Any]:
        """`/person/{id}` with their movie credits appended (cast and crew)."""
        return self.get(f"/person/{int(person_id)}", {"append_to_response": "movie_credits",
                                                      "language": self.config.language})

    def search_people(self, query: str) -> dict[str, Any]:
        """`/search/person`: one page of people matching a name."""
        return self.get("/search/person", {"query": query, "include_adult": "false",
                                           "language": self.config.language})

    def films_list(self, which: str) -> dict[str, Any]:
        """`/trending/movie/week` ("trending") or `/movie/popular` ("popular"): one page."""
        path = "/trending/movie/week" if which == "trending" else "/movie/popular"
        return self.get(path, {"language": self.config.language})

    def find_imdb(self, imdb_id: str) -> dict[str, Any]:
        """`/find/{imdb_id}`: what TMDB holds under an IMDb id ("tt0113277")."""
        return self.get(f"/find/{imdb_id}", {"external_source": "imdb_id",
                                             "language": self.config.language})

    def changes(self, start: dt.date, end: dt.date, page: int = 1) -> dict[str, Any]:
        """`/movie/changes`: ids of films edited between `start` and `end` (14 days at most)."""
        return self.get(
            "/movie/changes",
            {"start_date": start.isoformat(), "end_date": end.isoformat(), "page": page},
        )

    def configuration(self) -> dict[str, Any]:
        """`/configuration`: image base URLs and sizes."""
        return self.get("/configuration")

    # -- the request loop --------------------------------------------------------------------

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """GET `path` and return its JSON object, retrying what can be retried (see module doc)."""
        config = self.config
        give_up_at = time.monotonic() + config.give_up_after
        failures = 0
        waited = 0.0  # on 429s
        while True:
            if self._refused is not None:
                raise AuthError(str(self._refused))
            self._check_cancelled()
            self.limiter.acquire(sleep=self._wait)  # a long pause after a 429 is cancellable
            left = give_up_at - time.monotonic()
            if left <= 0:
                raise Unavailable(f"gave up after {config.give_up_after:g} s")
            outcome = self._attempt(path, params, min(config.deadline, left))
            if outcome.data is not None:
                return outcome.data
            if outcome.rate_limited:  # wait as told, every thread together
                wait = outcome.wait or 0.0
                if waited + wait > config.max_retry_after or \
                        time.monotonic() + wait > give_up_at:
                    done = f"; gave up after waiting {waited:.0f} s" if waited else ""
                    raise RateLimited(f"TMDB asked to wait {wait:.0f} s more (HTTP 429, too "
                                      f"many requests){done}")
                waited += wait
                self._notice_wait(wait)
                self.limiter.pause(wait)
                self._wait(wait)
                continue
            if outcome.problem == "cancelled":
                raise Unavailable("cancelled")
            if outcome.final:  # one answer was enough to know
                raise Unavailable(outcome.problem, offline=outcome.offline)
            failures += 1
            if failures > config.retries:
                tries = "try" if failures == 1 else "tries"
                raise Unavailable(f"{outcome.problem} (after {failures} {tries})",
                                  offline=outcome.offline)
            wait = outcome.wait if outcome.wait is not None else self._backoff(failures)
            if time.monotonic() + wait > give_up_at:
                raise Unavailable(f"{outcome.problem}; gave up after {config.give_up_after:g} s")
            self._wait(wait)

    def _check_cancelled(self) -> None:
        if self.cancelled.is_set():
            raise Unavailable("cancelled")

    def _notice_wait(self, wait: float) -> None:
        """Say (once for threads waiting together) that TMDB asked for a long wait."""
        if self.on_notice is None or wait < NOTICE_WAIT:
            return
        now = time.monotonic()
        if now - self._noticed < wait:
            return
        self._noticed = now
        self.on_notice(f"TMDB asked to wait {wait:.0f} s (too many requests); waiting")

    def _attempt(self, path: str, params: dict[str, Any] | None, within: float) -> _Outcome:
        """One request, read whole within `within` seconds; raises what must not be retried
        (401, 404, other 4xx)."""
        try:
            with deadline(within):
                started = time.monotonic()
                with self._http.stream("GET", path, params=params) as response:
                    status = response.status_code
                    body = read_body(response.iter_raw(),
                                     response.headers.get("Content-Encoding", ""),
                                     response.headers.get("Content-Length"))
        except BadBody as error:  # too big: asking again gives the same answer
            return _Outcome(problem=str(error), final=not error.transient)
        except httpx.TimeoutException:
            if self.cancelled.is_set():
                return _Outcome(problem="cancelled", final=True)
            if time.monotonic() - started >= within - 0.01:
                # A whole deadline gone (a drip, a stall): another try would only take as long.
                if within < self.config.deadline:
                    return _Outcome(problem=f"gave up after {self.config.give_up_after:g} s",
                                    final=True)
                return _Outcome(problem=f"TMDB took longer than {within:g} s to answer",
                                final=True)
            return _Outcome(problem="timed out")
        except httpx.ConnectError:
            if self.cancelled.is_set():
                return _Outcome(problem="cancelled", final=True)
            return _Outcome(problem=f"cannot connect to {self._host()}", offline=True)
        except httpx.TransportError as error:
            if self.cancelled.is_set():
                return _Outcome(problem="cancelled", final=True)
            return _Outcome(problem=f"connection failed ({type(error).__name__})")
        except httpx.HTTPError as error:  # too many redirects, a URL httpx refuses
            return _Outcome(problem=f"unreadable answer ({type(error).__name__})")
        except RuntimeError:  # the client was closed under us (httpx says so this way)
            return _Outcome(problem="cancelled", final=True)
        if status == 200:
            try:
                return _Outcome(data=parse_object(body))
            except BadBody as error:
                return _Outcome(problem=str(error), final=not error.transient)
        if status == 401:
            self._refused = AuthError(self._auth_message())
            raise self._refused
        if status == 404:
            raise NotFound("not found on TMDB")
        wait = _retry_after(response)
        if wait is not None and wait > self.config.max_retry_after:
            raise RateLimited(f"TMDB asked to wait {wait:.0f} s (HTTP {status})")
        if status == 429:
            return _Outcome(rate_limited=True, wait=self._backoff(1) if wait is None else wait)
        if status >= 500:
            # A 503 may say when to come back; otherwise the usual backoff.
            return _Outcome(problem=f"TMDB answered HTTP {status}", wait=wait)
        raise TmdbError(f"TMDB answered HTTP {status}{self._status_message(body)}")

    def _wait(self, seconds: float) -> None:
        """Sleep, unless the client is cancelled meanwhile."""
        if self.cancelled.wait(max(0.0, seconds)):
            raise Unavailable("cancelled")

    def _backoff(self, failures: int) -> float:
        """Exponential backoff with jitter, so retrying threads do not stampede together."""
        base = self.config.backoff * 2 ** (failures - 1)
        return min(MAX_BACKOFF, base * random.uniform(0.5, 1.0))

    def _host(self) -> str:
        url = httpx.URL(self.config.tmdb_url)
        return f"{url.host}:{url.port}" if url.port else url.host

    def _auth_message(self) -> str:
        config = self.config
        what = "read access token" if config.read_access_token else "API key"
        if config.credential_source == "config file":
            flag = " --api-key" if what == "API key" else ""
            return (f"TMDB refused the {what} stored in {config_path()}: set "
                    f"{config.credential_name} or store a valid one with "
                    f"`filmtui config set-token{flag}`")
        return f"TMDB refused the {what}: set {config.credential_name} to a valid one"

    def _status_message(self, content: bytes) -> str:
        """TMDB's own explanation of an error, shortened and made safe to print."""
        try:
            body = parse_object(content)
        except BadBody:
            return ""
        message = body.get("status_message") if isinstance(body, dict) else None
        if not message and isinstance(body, dict) and isinstance(body.get("errors"), list):
            message = "; ".join(str(e) for e in body["errors"][:3])
        if not message:
            return ""
        text = redact(clean(message), self.config.read_access_token, self.config.api_key)
        return f": {text[:200]}"


@dataclass(slots=True)
class _Outcome:
    """What one attempt gave: the JSON object, or a 429 and how long to wait, or a problem."""

    data: dict[str, Any] | None = None
    rate_limited: bool = False
    wait: float | None = None
    problem: str = ""
    offline: bool = False
    """The connection itself failed (nothing answered)."""
    final: bool = False
    """Asking again cannot help (cancelled, or an answer we refuse): no retry."""


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds asked for by a `Retry-After` header (a number or an HTTP date), if any."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


def borrowed(config: Config, client: TmdbClient | None = None) -> AbstractContextManager[TmdbClient]:
    """`client` when the caller has one (and closes it), else a new client closed on exit."""
    return nullcontext(client) if client is not None else TmdbClient(config)

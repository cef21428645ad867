"""TMDB: fetch, map and store films. No Textual here; every call blocks (run it in a thread worker).

For the TUI (and anything else), these are the entry points:

    refresh_films(store, ids, config, on_progress=None, *, cancel=None) -> RefreshReport
        Refresh films by TMDB id. `on_progress(Progress)` is called in the calling thread after
        each film (done, total, film_id, title, outcome, reason): from a Textual thread worker,
        forward it with `app.call_from_thread`. Set the `cancel` threading.Event to stop early
        (what was fetched is saved). The report lists refreshed / unchanged / failed / skipped
        films and whether TMDB was unreachable (`report.offline`).
    search_tmdb(config, query, year=None) -> list[Candidate]
        TMDB's films matching a query: id, title, year, overview, ...; `pick()` says whether one
        of them is clearly meant. `find_by_imdb_id(config, "tt0113277")` looks up an IMDb id.
    add_film(store, config, tmdb_id) -> Film
        Fetch one film and store it (editorial tabs empty when the catalogue lacks it).
    stale_ids(store, days) / changed_ids(store, config) -> list[int]
        Which films `--stale DAYS` and `--changed` would refresh.
    reachable(config) -> bool
        One quick request (no retries): for the header's online/offline sign.
    describe_age(film.refreshed_at) -> str / data_age(...) -> timedelta | None
        "TMDB data from 3 days ago": how old the open film's data is (no network).
    PosterCache(config).get(poster_path) -> Path | None   (filmtui.tmdb.posters)
        A poster's file in the cache dir, downloaded on first use; `.cached()` never networks.
        `.abort()` (any thread) cuts a download in flight: call it when quitting.
    TmdbClient(config).abort()   (filmtui.tmdb.client)
        Cuts every request in flight and every wait at once, from any thread; the calls raise
        Unavailable("cancelled"). For quitting within a second with a refresh or search running
        on a client you passed in (a refresh's own client is cut by its `cancel` event).
    TMDB_NOTICE, TMDB_WORDMARK, attribution()   (filmtui.terms)
        The notice TMDB's terms require, word for word, and the text-mode logo line: import
        them, never copy them.
    retention(store) -> Retention(expired, near)   (filmtui.tmdb.retention)
        Films whose TMDB data is past (or within 30 days of) the terms' six-month limit;
        `filmtui refresh --expired` refreshes them and drops what cannot be refreshed.

Give a worker its own `Store.open()`: the store's re-entrant lock counts per instance, not per
thread, so one instance shared by the UI thread and a refresh worker could let both write at
once; two instances exclude each other through the lock file like two processes do.

Errors are TmdbError subclasses whose `str()` is one line safe to show (never the secret):
MissingCredentials (nothing configured), AuthError (401; names the variable to set),
NotFound (404), RateLimited, Unavailable (network or server down; `.offline` when the
connection itself failed). `load_config()` from filmtui.config gives the `config`.
"""

from filmtui.terms import TMDB_NOTICE, TMDB_WORDMARK, attribution
from filmtui.tmdb.add import IMDB_ID, Candidate, add_film, find_by_imdb_id, pick, search_tmdb
from filmtui.tmdb.client import reachable
from filmtui.tmdb.freshness import data_age, describe_age
from filmtui.tmdb.errors import (
    AuthError,
    MissingCredentials,
    NotFound,
    RateLimited,
    TmdbError,
    Unavailable,
)
from filmtui.tmdb.refresh import (
    Problem,
    Progress,
    RefreshReport,
    changed_ids,
    refresh_films,
    stale_ids,
)

__all__ = [
    "AuthError",
    "Candidate",
    "MissingCredentials",
    "NotFound",
    "Problem",
    "Progress",
    "RateLimited",
    "RefreshReport",
    "TmdbError",
    "Unavailable",
    "IMDB_ID",
    "TMDB_NOTICE",
    "TMDB_WORDMARK",
    "attribution",
    "add_film",
    "find_by_imdb_id",
    "changed_ids",
    "data_age",
    "describe_age",
    "pick",
    "reachable",
    "refresh_films",
    "search_tmdb",
    "stale_ids",
]

"""Keeping no TMDB data longer than TMDB's terms allow (six months: `MAX_AGE_DAYS`).

A film's TMDB data is dated by its `refreshed_at`. Data older than `MAX_AGE_DAYS` is expired:
`filmtui refresh --expired` fetches it again, and drops what still cannot be refreshed with
`drop_tmdb`, which rewrites the films through `Store.write_tmdb` with no TMDB layer (a catalogue
film keeps our writing; a film added from TMDB has nothing else, and leaves the collection until
it is added again; the user's own marks and notes are never touched).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from filmtui.store import Store, TmdbUpdate
from filmtui.terms import MAX_AGE_DAYS
from filmtui.tmdb.freshness import data_age

#: Data this close to the limit (days) is "near" it: `status` says so, `--expired` refreshes it.
NEAR_DAYS = 30


@dataclass(frozen=True, slots=True)
class Retention:
    """How many films hold TMDB data past the limit, and within NEAR_DAYS of it."""

    expired: list[int]
    near: list[int]

    def advice(self) -> str:
        """One line for `status`, "" when nothing is near the limit."""
        if not self.expired and not self.near:
            return ""
        parts = []
        if self.expired:
            parts.append(f"{len(self.expired)} past the {MAX_AGE_DAYS}-day limit")
        if self.near:
            parts.append(f"{len(self.near)} within {NEAR_DAYS} days of it")
        return (f"TMDB data of {' and '.join(parts)} (TMDB's terms): run "
                "`filmtui refresh --expired`")


def retention(store: Store, now: dt.datetime | None = None) -> Retention:
    """Which films hold TMDB data past, or near, the six-month limit."""
    expired, near = [], []
    limit = dt.timedelta(days=MAX_AGE_DAYS)
    margin = dt.timedelta(days=MAX_AGE_DAYS - NEAR_DAYS)
    now = now or dt.datetime.now(dt.timezone.utc)
    # Only stamps before the near line can be near or past it: SQLite picks those (a day's
    # slack, as the text is local time with its offset), each is dated exactly here. No row is
    # read for the other films (a million of them took 35 s through store.summaries()).
    line = (now.astimezone(dt.timezone.utc).replace(tzinfo=None) - margin + dt.timedelta(days=1))
    for film_id, stamp in store.list_index().refreshed_before(line.isoformat()):
        age = data_age(stamp, now)
        if age is None:
            continue
        if age > limit:
            expired.append(film_id)
        elif age > margin:
            near.append(film_id)
    return Retention(expired, near)


def expired_ids(store: Store, now: dt.datetime | None = None) -> list[int]:
    """Films whose TMDB data is past the limit or near it: what `refresh --expired` fetches."""
    found = retention(store, now)
    return found.expired + found.near


def drop_tmdb(store: Store, ids: Iterable[int]) -> int:
    """Remove the TMDB data (fields and raw answer) of films `ids`; returns how many."""
    return store.write_tmdb(TmdbUpdate(int(i), None, None) for i in ids)  # type: ignore[arg-type]

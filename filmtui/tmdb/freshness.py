"""How old a film's TMDB data is, in words for a header or a status line."""

from __future__ import annotations

import datetime as dt


def data_age(refreshed_at: str | None, now: dt.datetime | None = None) -> dt.timedelta | None:
    """Time since `refreshed_at` (ISO 8601); None when never fetched or unreadable."""
    if not refreshed_at:
        return None
    try:
        when = dt.datetime.fromisoformat(refreshed_at)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(dt.timedelta(0), (now or dt.datetime.now(dt.timezone.utc)) - when)


def ago(refreshed_at: str | None, now: dt.datetime | None = None) -> str | None:
    """"3 days ago", "1 hour ago", "just now"; None when never fetched or unreadable."""
    age = data_age(refreshed_at, now)
    if age is None:
        return None
    seconds = age.total_seconds()
    for size, unit in ((365 * 86400, "year"), (30 * 86400, "month"), (7 * 86400, "week"),
                       (86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


def describe_age(refreshed_at: str | None, now: dt.datetime | None = None) -> str:
    """"TMDB data from 3 days ago", "... from just now"; "no TMDB data yet" when never fetched."""
    when = ago(refreshed_at, now)
    return f"TMDB data from {when}" if when else "no TMDB data yet"

"""What TMDB's terms ask us to show wherever TMDB data is shown: one notice, one wordmark line.

Every screen and command imports these instead of keeping its own copy, so a change to the
terms is one edit here.
"""

from __future__ import annotations

#: The notice TMDB's terms of use require, word for word.
TMDB_NOTICE = (
    "This product uses TMDB and the TMDB APIs but is not endorsed, certified, or otherwise "
    "approved by TMDB."
)
#: The text-mode stand-in for TMDB's logo, next to TMDB data.
TMDB_WORDMARK = "Data from TMDB (themoviedb.org)"
#: Longest TMDB data may be kept: the terms allow caching for six months.
MAX_AGE_DAYS = 180


def attribution() -> str:
    """The wordmark and the notice, as one line."""
    return f"{TMDB_WORDMARK}. {TMDB_NOTICE}"

#: TMDB's terms for watch providers: the data is JustWatch's, and must be credited to them.
JUSTWATCH_CREDIT = "Streaming data from JustWatch."

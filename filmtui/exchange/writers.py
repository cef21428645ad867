"""Your data as CSV: Letterboxd's import format, and a plain sheet of every field."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from filmtui.exchange.letterboxd import IMPORT_COLUMNS, WATCHLIST_COLUMNS, rating_to_stars
from filmtui.models import FilmSummary, UserData

Yours = Iterable[tuple[FilmSummary, str | None, UserData]]


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


def letterboxd_csv(films: Yours) -> tuple[str, str]:
    """(what you watched and rated, your watchlist) as two Letterboxd import files: Letterboxd
    imports a watchlist apart. One row per viewing; a film rated but never logged gets one row;
    the film's own rating and note ride on its last row when that viewing has none."""
    watched: list[list[object]] = []
    wanted: list[list[object]] = []
    for summary, imdb_id, data in films:
        ids: list[object] = [summary.title, summary.year, imdb_id, summary.id]
        if data.watchlist:
            wanted.append(ids)
        viewings = list(data.diary)
        if not viewings and data.rating is None and not data.note:
            continue
        rows = [(v.date, v.rating, v.rewatch, v.note) for v in viewings] or [(None, None, False, "")]
        date, rating, rewatch, note = rows[-1]
        rows[-1] = (date, rating if rating is not None else data.rating, rewatch, note or data.note)
        for date, rating, rewatch, note in rows:
            stars = rating_to_stars(rating) if rating is not None else None
            watched.append([*ids, date, stars, rating, "Yes" if rewatch else "", note, ""])
    return _csv(IMPORT_COLUMNS, watched), _csv(WATCHLIST_COLUMNS, wanted)


PLAIN_COLUMNS = ("tmdb_id", "imdb_id", "title", "year", "watchlist", "rating", "note",
                 "watched_date", "viewing_rating", "rewatch", "viewing_note")


def plain_csv(films: Yours) -> str:
    """Every field, one row per viewing (a film never logged: one row, viewing columns empty)."""
    out: list[list[object]] = []
    for summary, imdb_id, data in films:
        film = [summary.id, imdb_id, summary.title, summary.year, data.watchlist, data.rating, data.note]
        for viewing in data.diary or [None]:
            if viewing is None:
                out.append([*film, None, None, None, None])
            else:
                out.append([*film, viewing.date, viewing.rating, viewing.rewatch, viewing.note])
    return _csv(PLAIN_COLUMNS, out)

"""IMDb: reading the ratings export (Your Ratings > Export: ratings.csv).

Columns: Const (tt0113277), Your Rating (1 to 10), Date Rated (YYYY-MM-DD), Title, Original
Title, URL, Title Type, IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date,
Directors. A rated title is taken as seen, on no known day.
"""

from __future__ import annotations

from pathlib import Path

from filmtui.exchange.csvfile import day, rows, year
from filmtui.exchange.records import Entry, FormatError, Parsed, RowProblem
from filmtui.models import parse_rating
from filmtui.text import clean, fold

REQUIRED = ("Const", "Your Rating", "Date Rated", "Title")
IMDB_ID = r"tt\d{5,12}"
#: Title types that are not films: series and their episodes, games, podcasts.
_NOT_FILMS = ("series", "episode", "game", "podcast")


def read_ratings(path: Path) -> Parsed:
    """Every film rating in an IMDb ratings export."""
    import re

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormatError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise FormatError(f"{path} is a folder: give IMDb's ratings.csv") from None
    except OSError as error:
        raise FormatError(f"{path} cannot be read ({error.strerror or error})") from None
    parsed = Parsed(source=str(path))
    for where, row in rows(path.name, data, REQUIRED, parsed.problems):
        const, kind = row["Const"], fold(row.get("Title Type", ""))
        if not re.fullmatch(IMDB_ID, const):
            parsed.problems.append(RowProblem(where, f"the Const {clean(const)!r} is not an IMDb id"))
            continue
        if any(word in kind for word in _NOT_FILMS):
            parsed.problems.append(RowProblem(where, f"{clean(row['Title'])} is a "
                                                     f"{clean(row['Title Type'])}, not a film"))
            continue
        try:
            rating = parse_rating(row["Your Rating"])
            if rating is None:
                raise ValueError("has no rating")
            entry = Entry(where, clean(row["Title"]) or const, year(row.get("Year", "")),
                          imdb_id=const, seen=True, rating=rating,
                          rated_on=day(row["Date Rated"], "rating date"))
        except ValueError as error:
            parsed.problems.append(RowProblem(where, str(error)))
            continue
        parsed.entries.append(entry)
    return parsed

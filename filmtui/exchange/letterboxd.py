"""Letterboxd: reading its account export (a .zip or its folder), writing its import CSV.

The export holds watched.csv, diary.csv, ratings.csv, watchlist.csv and reviews.csv, each with
Date, Name, Year and Letterboxd URI (no TMDB or IMDb id); diary and reviews add Rating (0.5 to 5
stars), Rewatch ("Yes"), Tags and Watched Date, reviews add Review. A rating is stars x 2.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from filmtui.exchange.csvfile import day, rows, year
from filmtui.exchange.notes import note_from_file
from filmtui.exchange.records import Entry, FormatError, Parsed, RowProblem
from filmtui.models import Viewing
from filmtui.text import clean

FILES = ("watched.csv", "diary.csv", "ratings.csv", "watchlist.csv", "reviews.csv")
_FILM = ("Name", "Year")
#: Folders of the export that hold what the user deleted, or lists of others' films.
_NOT_YOURS = {"deleted", "orphaned", "lists", "likes"}


def stars_to_rating(text: str) -> int | None:
    """"3.5" -> 7; "" -> None; ValueError unless a half star from 0.5 to 5."""
    if not text:
        return None
    try:
        doubled = Decimal(text) * 2
    except InvalidOperation:
        doubled = Decimal("NaN")
    if not doubled.is_finite() or doubled != doubled.to_integral_value() or not 1 <= doubled <= 10:
        raise ValueError(f"the rating {text!r} is not 0.5 to 5 stars in half stars")
    return int(doubled)


def rating_to_stars(rating: int) -> str:
    """7 -> "3.5", 8 -> "4": Letterboxd's stars, exactly."""
    return str(Decimal(rating) / 2).removesuffix(".0") if rating % 2 else str(rating // 2)


def read_export(path: Path) -> Parsed:
    """Every entry of a Letterboxd export (a .zip, the folder it unpacks to, or one of its files)."""
    files = _files(path)
    if not files:
        raise FormatError(f"{path} holds none of {', '.join(FILES)}: is it a Letterboxd export?")
    parsed = Parsed(source=str(path))
    for name in FILES:
        if name in files:
            _READERS[name](name, files[name](), parsed)
    parsed.entries = fold_reviews(parsed.entries)
    return parsed


def _files(path: Path) -> dict[str, Callable[[], bytes]]:
    """The export's CSV files by name, each read when asked for."""
    if path.is_dir():
        return {name: (path / name).read_bytes for name in FILES if (path / name).is_file()}
    if path.is_file() and path.name in FILES:  # one file of an unpacked export
        return {path.name: path.read_bytes}
    if not path.exists():
        raise FormatError(f"{path} does not exist")
    if not zipfile.is_zipfile(path):
        raise FormatError(f"{path} is neither a .zip nor a folder of Letterboxd's CSV files")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise FormatError(f"{path} cannot be opened as a zip ({error})") from None
    found: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        inner = PurePosixPath(info.filename)
        if inner.name not in FILES or _NOT_YOURS & set(inner.parts[:-1]) or len(inner.parts) > 2:
            continue
        if inner.name not in found or len(inner.parts) < len(PurePosixPath(found[inner.name].filename).parts):
            found[inner.name] = info

    def reader(info: zipfile.ZipInfo) -> Callable[[], bytes]:
        def read() -> bytes:
            if info.file_size > 64 * 1024 * 1024:
                raise FormatError(f"{info.filename} in {path} is too big to be an export")
            try:
                return archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as error:
                raise FormatError(f"{info.filename} in {path} cannot be read ({error})") from None
        return read

    return {name: reader(info) for name, info in found.items()}


def _film_rows(name: str, data: bytes, extra: tuple[str, ...], parsed: Parsed,
               make: Callable[[str, dict[str, str], str, int | None], Entry | None]) -> None:
    for where, row in rows(name, data, _FILM + extra, parsed.problems):
        title = clean(row["Name"])
        if not title:
            parsed.problems.append(RowProblem(where, "has no film name"))
            continue
        try:
            entry = make(where, row, title, year(row["Year"]))
        except ValueError as error:
            parsed.problems.append(RowProblem(where, str(error)))
            continue
        if entry is not None:
            parsed.entries.append(entry)


def _watched(name: str, data: bytes, parsed: Parsed) -> None:
    _film_rows(name, data, (), parsed,
               lambda where, row, title, year_: Entry(where, title, year_, seen=True))


def _watchlist(name: str, data: bytes, parsed: Parsed) -> None:
    _film_rows(name, data, (), parsed,
               lambda where, row, title, year_: Entry(where, title, year_, watchlist=True))


def _ratings(name: str, data: bytes, parsed: Parsed) -> None:
    def make(where: str, row: dict[str, str], title: str, year_: int | None) -> Entry | None:
        rating = stars_to_rating(row["Rating"])
        if rating is None:
            raise ValueError("has no rating")
        return Entry(where, title, year_, seen=True, rating=rating, rated_on=day(row.get("Date", "")))

    _film_rows(name, data, ("Rating",), parsed, make)


def _viewing_rows(with_review: bool) -> Callable[[str, bytes, Parsed], None]:
    def read(name: str, data: bytes, parsed: Parsed) -> None:
        def make(where: str, row: dict[str, str], title: str, year_: int | None) -> Entry | None:
            rating = stars_to_rating(row["Rating"])
            watched = day(row.get("Watched Date", ""), "watched date")
            note = note_from_file(row["Review"], where, parsed.notes) if with_review else ""
            rewatch = row.get("Rewatch", "").casefold() == "yes"
            if with_review and not watched:
                return Entry(where, title, year_, note=note, seen=True, rating=rating,
                             rated_on=day(row.get("Date", "")))
            viewing = Viewing(date=watched, rating=rating, note=note, rewatch=rewatch)
            return Entry(where, title, year_, viewings=(viewing,), rating=rating,
                         rated_on=watched if rating is not None else None)

        extra = ("Rating", "Watched Date", "Review") if with_review else ("Rating", "Watched Date")
        _film_rows(name, data, extra, parsed, make)

    return read


_READERS: dict[str, Callable[[str, bytes, Parsed], None]] = {
    "watched.csv": _watched,
    "diary.csv": _viewing_rows(False),
    "ratings.csv": _ratings,
    "watchlist.csv": _watchlist,
    "reviews.csv": _viewing_rows(True),
}


def fold_reviews(entries: Iterable[Entry]) -> list[Entry]:
    """Entries with each review joined to its diary entry (same film, same day): Letterboxd
    lists a reviewed viewing in both diary.csv and reviews.csv. Two viewings on one day in
    diary.csv stay two."""
    out: list[Entry] = []
    logged: dict[tuple[str, int | None, str | None], int] = {}
    for entry in entries:
        if len(entry.viewings) != 1 or not entry.viewings[0].date:
            out.append(entry)
            continue
        viewing = entry.viewings[0]
        key = (entry.title.casefold(), entry.year, viewing.date)
        if not entry.where.startswith("reviews.csv"):
            logged.setdefault(key, len(out))
            out.append(entry)
            continue
        if key not in logged:
            out.append(entry)  # a review with no diary entry: a viewing of its own
            continue
        first = out[logged[key]]
        old = first.viewings[0]
        joined = Viewing(old.date, old.rating if old.rating is not None else viewing.rating,
                         old.note or viewing.note, old.rewatch or viewing.rewatch)
        out[logged[key]] = replace(first, viewings=(joined,))
    return out


#: Letterboxd's import columns (letterboxd.com/about/importing-data).
IMPORT_COLUMNS = ("Title", "Year", "imdbID", "tmdbID", "WatchedDate", "Rating", "Rating10",
                  "Rewatch", "Review", "Tags")
WATCHLIST_COLUMNS = ("Title", "Year", "imdbID", "tmdbID")

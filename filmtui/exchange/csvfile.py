"""Reading the CSV files exports come in: BOM, Windows line ends, missing columns, bad rows."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

from filmtui.exchange.records import FormatError, RowProblem
from filmtui.text import clean

#: Largest CSV read: a lifetime of diary entries is a few megabytes; more is not an export.
MAX_BYTES = 64 * 1024 * 1024

Row = dict[str, str]


def decode(name: str, data: bytes) -> str:
    """The file's text, without a byte-order mark; FormatError when it is not UTF-8."""
    if len(data) > MAX_BYTES:
        raise FormatError(f"{name} is too big to be an export ({len(data):,} bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(f"{name} is not UTF-8 text (byte {error.start:,})") from None


def rows(name: str, data: bytes, required: tuple[str, ...],
         problems: list[RowProblem]) -> Iterator[tuple[str, Row]]:
    """("name line N", row) for each data row; a row of the wrong width is added to `problems`
    and skipped. FormatError, naming the file, when a required column is missing."""
    text = decode(name, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise FormatError(f"{name}: the header cannot be read ({error})") from None
    if not header:
        raise FormatError(f"{name} is empty (no header row)")
    columns = [clean(c).strip() for c in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise FormatError(f"{name} lacks the column{'s' * (len(missing) > 1)} "
                          f"{', '.join(missing)} (it has: {', '.join(columns) or 'none'})")
    line = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(RowProblem(f"{name} line {line}", f"cannot be read ({error})"))
            line = reader.line_num + 1
            continue
        where, line = f"{name} line {line}", reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue  # a blank line
        if len(fields) != len(columns):
            problems.append(RowProblem(where, f"has {len(fields)} fields, the header {len(columns)}"))
            continue
        yield where, {c: f.strip() for c, f in zip(columns, fields)}


_YEAR = re.compile(r"\d{4}")


def year(text: str) -> int | None:
    """A year column: "1995", or "" (ValueError otherwise)."""
    if not text:
        return None
    if not _YEAR.fullmatch(text):
        raise ValueError(f"the year {text!r} is not a year")
    return int(text)


def day(text: str, what: str = "date") -> str | None:
    """A YYYY-MM-DD column, or "" (ValueError otherwise, or for a day in the future)."""
    if not text:
        return None
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"the {what} {text!r} is not a day like 2024-05-31") from None
    if len(text) != 10:
        raise ValueError(f"the {what} {text!r} is not a day like 2024-05-31")
    if when > date.today():
        raise ValueError(f"the {what} {text} is in the future")
    return text

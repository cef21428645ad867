"""Reading untrusted JSON without ever raising: each reader returns the value or "unknown"."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from filmtui.text import clean

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def obj(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else {}."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """`value` if it is a JSON array, else []."""
    return value if isinstance(value, list) else []


def text(value: Any, *, multiline: bool = False) -> str:
    """A string made safe to display (see `clean`), else ""."""
    if not isinstance(value, str):
        return ""
    return clean(value, multiline=multiline).strip()


#: The largest number the store can write (orjson refuses integers past 64 bits).
MAX_COUNT = 2**63 - 1


def count(value: Any) -> int | None:
    """A non-negative whole number the store can write, else None (booleans are not numbers
    here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and 0 <= value <= MAX_COUNT else None


def number(value: Any) -> float | None:
    """A finite number as a float, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    result = float(value)
    return result if result == result and abs(result) != float("inf") else None


def iso_date(value: Any) -> str | None:
    """A real calendar date "YYYY-MM-DD" (a longer timestamp is cut to its date), else None."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None

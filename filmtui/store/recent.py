"""The film pages opened lately (newest first), kept across runs in a small file of the data
folder: `recent.json`, a list of film ids, replaced atomically on each write."""

from __future__ import annotations

import json
from pathlib import Path

from filmtui.store.storage import write_atomic

RECENT_FILE = "recent.json"
RECENT_MAX = 50
"""How many pages are remembered."""


def read_recent(root: Path) -> list[int]:
    """The ids in `root`'s recent file, newest first; [] when it is missing or not ours (a
    hand-edited or damaged file costs the list, never the app)."""
    try:
        data = json.loads((root / RECENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    ids: list[int] = []
    for item in data:
        if type(item) is int and item not in ids:
            ids.append(item)
    return ids[:RECENT_MAX]


def opened(ids: list[int], film_id: int) -> list[int]:
    """`ids` with `film_id` moved (or added) to the front, at most RECENT_MAX long."""
    return [film_id, *(i for i in ids if i != film_id)][:RECENT_MAX]


def write_recent(root: Path, ids: list[int]) -> None:
    """Replace `root`'s recent file with `ids` (a crash leaves the old list or the new)."""
    write_atomic(root / RECENT_FILE, json.dumps(ids[:RECENT_MAX]).encode("utf-8"))

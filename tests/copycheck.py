"""Shared-phrase detection for the catalogue's "our words only" guard.

Text is compared as runs of eight words (lowercased, punctuation dropped). The seed page is kept in
the test data only as SHA-1 hashes of its eight-word runs, so the guard runs anywhere without the
page's sentences being copied into the project.
"""

from __future__ import annotations

import hashlib
import re

RUN = 8
_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Lowercased words of `text`, apostrophes kept, other punctuation dropped."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def runs(text: str, size: int = RUN) -> set[str]:
    """Every run of `size` consecutive words in `text`, joined by single spaces."""
    w = words(text)
    return {" ".join(w[i : i + size]) for i in range(len(w) - size + 1)}


def digest(run: str) -> str:
    """The hash under which a run of words is stored."""
    return hashlib.sha1(run.encode()).hexdigest()


#: A run with at least this many capitalised words or numbers is a list of names, not prose.
NAMES_IN_RUN = 5
_TOKEN = re.compile(r"[A-Za-z0-9']+")


def prose_runs(text: str, size: int = RUN) -> set[str]:
    """Like `runs`, but without runs that are mostly names or numbers.

    "Reagan, Carter, Nixon and Johnson masks" is how anyone would write that fact, so a page may
    share it with the fact sheet; a sentence of prose may not.
    """
    tokens = _TOKEN.findall(text.replace("\u2019", "'"))
    found = set()
    for i in range(len(tokens) - size + 1):
        window = tokens[i : i + size]
        names = sum(1 for t in window if t[0].isupper() or t[0].isdigit())
        if names < NAMES_IN_RUN:
            found.add(" ".join(t.lower() for t in window))
    return found

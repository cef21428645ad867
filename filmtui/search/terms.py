"""Words as search sees them: folded, split, initialisms joined, sequel numbers either way."""

from __future__ import annotations

import re

from filmtui.text import fold

WORD = re.compile(r"\w+")
_INITIALISM = re.compile(r"\b(?:\w\.){2,}")  # "l.a.", "s.w.a.t.": read as one word, "la", "swat"
# Sequel numbers typed either way ("godfather 2" is "Part II"). Not "i", "v" or "x": "I, Tonya",
# "V for Vendetta" and "Malcolm X" are words, not numbers.
_NUMERALS = (
    ("ii", "2"), ("iii", "3"), ("iv", "4"), ("vi", "6"), ("vii", "7"), ("viii", "8"), ("ix", "9"),
    ("xi", "11"), ("xii", "12"), ("xiii", "13"), ("xiv", "14"), ("xv", "15"), ("xvi", "16"),
)  # fmt: skip
ARTICLES = frozenset({"the", "a", "an"})


class _FoldTable(dict[int, str]):
    """`str.translate` table folding one character at a time, filled in as characters are met.

    Per character, so offsets in a folded title map back to the title as given.
    """

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold(chr(code))
        if len(folded) != 1:
            UNEVEN.add(chr(code))
        return folded


FOLD = _FoldTable()
UNEVEN: set[str] = set()  # characters met so far that fold to none or several ("ß" -> "ss")


def fold_name(value: str) -> str:
    """`value` folded character by character (see `FOLD`)."""
    # ASCII needs no decomposition: lower() is fold() there, and much faster.
    return value.lower() if value.isascii() else value.translate(FOLD)


def words(folded: str) -> list[str]:
    """The words of folded text, an initialism ("l.a.") read as one word ("la")."""
    if "." in folded:
        folded = _INITIALISM.sub(lambda found: found[0].replace(".", ""), folded)
    return WORD.findall(folded)


def numerals(postings: dict[str, list[int]]) -> dict[str, list[int]]:
    """Title postings where a roman sequel number and its digits find the same films."""
    for roman, digits in _NUMERALS:
        if roman in postings or digits in postings:
            both = postings.get(roman, []) + postings.get(digits, [])
            postings[roman] = postings[digits] = both
    return postings

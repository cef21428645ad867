"""Making text from data safe to show: no control characters, no terminal escapes, no bidi tricks."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# CSI/OSC/other escape sequences first, so their parameters go with them, then any lone control
# character (C0 except tab/newline, DEL, C1). Text from TMDB or a catalogue file must never move
# the cursor, retitle the terminal or ring the bell.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS
    r"|\x1b[@-Z\\-_]?"  # other two-byte escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# Also format characters that reorder or hide text: bidi embeddings, overrides and isolates
# (U+202A-E, U+2066-9), the marks (U+200E/F, U+061C), the deprecated shaping controls
# (U+206A-F) and interlinear annotations (U+FFF9-B): a title or note holding them can make the
# terminal show text in another order than it is stored ("Trojan Source"). Joiners (U+200C/D)
# stay: scripts and emoji need them.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u206f\ufff9-\ufffb]"
)


def clean(value: object, *, multiline: bool = False) -> str:
    """Return `value` as display-safe text: escapes and control characters removed.

    Single-line text (titles, names) also has newlines and tabs folded into spaces.
    """
    if value is None:
        return ""
    text = _CONTROLS.sub("", _ESCAPES.sub("", str(value)))
    if multiline:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    else:
        text = " ".join(text.split())
    return text


#: Longest title shown: a 10,000-character title from TMDB must not push the page off screen.
TITLE_MAX = 300


def clip(value: str, limit: int = TITLE_MAX) -> str:
    """`value` cut to at most `limit` characters, with an ellipsis when cut (for display)."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def clean_json(data: Any) -> Any:
    """`data` (JSON-shaped) with every string, keys too, cleaned as `clean(multiline=True)`
    does: escapes, C0/C1 and bidi controls removed, newlines and tabs kept. For `--json`
    output, which a script may print to a terminal."""
    if isinstance(data, str):
        return clean(data, multiline=True)
    if isinstance(data, dict):
        return {clean_json(key): clean_json(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [clean_json(item) for item in data]
    return data


def fold(value: str) -> str:
    """Case- and accent-insensitive form of `value`, for matching ("Skarsgård" -> "skarsgard")."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def money(amount: int | None) -> str:
    """USD as people say it: "$60 million", "$187.4 million", "$1.2 billion"; unknown is "—"."""
    if not amount or amount <= 0:
        return "—"
    for size, word in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if amount >= size:
            figure = f"{amount / size:.1f}".removesuffix(".0")
            return f"${figure} {word}"
    return f"${amount:,}"


def runtime(minutes: int | None) -> str:
    """Minutes as "2h 50m"; unknown is "—"."""
    if not minutes or minutes <= 0:
        return "—"
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest:02d}m" if hours else f"{rest}m"

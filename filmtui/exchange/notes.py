"""A note or review from a file, made into a note filmtui keeps."""

from __future__ import annotations

from filmtui.models import NOTE_MAX, parse_note


def note_from_file(text: str, where: str, notes: list[str]) -> str:
    """`text` cleaned (control characters dropped) and cut to NOTE_MAX, saying so in `notes`."""
    if len(text) > NOTE_MAX:
        notes.append(f"{where}: the note was cut to {NOTE_MAX:,} characters (it had {len(text):,})")
        text = text[:NOTE_MAX]
    text = text.encode("utf-8", "replace").decode("utf-8")
    return parse_note(text)

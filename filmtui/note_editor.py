"""Writing a note in the user's own editor ($VISUAL, else $EDITOR): the note goes to a temp
file, the editor runs on it, and what it left there comes back. No Textual: the App hands the
terminal over (App.suspend) around `edit`."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

NO_EDITOR = "No editor set: set $VISUAL or $EDITOR (for example EDITOR=nano) to write notes in it."


class EditorFailed(Exception):
    """The editor could not be run, or ended with an error: the note is left as it was."""


def editor_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """$VISUAL or $EDITOR split as a shell would ("code --wait" is two words); None when
    neither is set (or one cannot be split)."""
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                raise EditorFailed(f"${name} cannot be read as a command: {value!r}") from None
            if words:
                return words
    return None


def edit(command: list[str], text: str) -> str:
    """Run `command` on a temp file holding `text`; what the file holds after. EditorFailed,
    saying why, when it cannot start or exits with an error; the temp file is always removed."""
    handle, name = tempfile.mkstemp(prefix="filmtui-note-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            code = subprocess.call([*command, str(path)])
        except OSError as error:
            raise EditorFailed(f"Could not start the editor {command[0]!r}: {error.strerror or error}") from None
        if code != 0:
            raise EditorFailed(f"The editor {command[0]!r} ended with code {code}: note not changed.")
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)

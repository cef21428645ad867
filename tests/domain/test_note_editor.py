"""The note editor's command line, from $VISUAL or $EDITOR, without a terminal."""

from __future__ import annotations

import pytest

from filmtui.note_editor import EditorFailed, editor_command


def test_visual_comes_first_and_is_split_as_a_shell_would() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "'/opt/my editor/ed' -n"}) == ["/opt/my editor/ed", "-n"]
    assert editor_command({}) is None


def test_an_editor_that_cannot_be_split_is_one_clear_line() -> None:
    with pytest.raises(EditorFailed, match=r"\$EDITOR cannot be read as a command"):
        editor_command({"EDITOR": "vi 'unclosed"})

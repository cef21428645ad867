"""Every key filmtui knows, screen by screen, as the App has bound them: built from the bindings
(with the user's [keys] table applied), never a list kept by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


@dataclass(frozen=True)
class HelpRow:
    """One binding as the help shows it."""

    keys: str
    """Its keys as they are now (the user's [keys] table applied), e.g. "? / F1"."""
    what: str
    binding_id: str
    """What the [keys] table calls it ("" when it cannot be rebound)."""


@dataclass(frozen=True)
class HelpSection:
    title: str
    rows: tuple[HelpRow, ...]
    notes: tuple[str, ...] = ()
    """What is no binding: typing, clicking, Enter on a row."""


def help_text(sections: Sequence[HelpSection]) -> Group:
    """The key list as tables, so long descriptions wrap beside their keys, not under them."""
    parts: list[Table | Text] = []
    rows = [row for section in sections for row in section.rows]
    widest = min(24, max((len(row.keys) for row in rows), default=8))
    for section in sections:
        table = Table(
            title=section.title, title_justify="left", title_style="bold", show_header=False,
            box=None, padding=(0, 2, 0, 0), expand=True,
        )
        table.add_column(style="bold", no_wrap=True, min_width=widest, max_width=widest)
        table.add_column(ratio=1)
        table.add_column(style="dim", no_wrap=True)
        for row in section.rows:
            table.add_row(Text(row.keys), Text(row.what), Text(row.binding_id))
        parts.append(table)
        parts += [Text(note, style="italic") for note in section.notes]
        parts.append(Text(""))
    parts.append(Text("Rebind any key in config.toml: a [keys] table of id = \"key\" (the ids are "
                      "on the right), e.g. open_help = \"f1\".", style="dim"))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """The key list; any of Esc, q, ? or F1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close_help")]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = tuple(sections)
        """The keys as the App has bound them (the App builds these from its active keymap)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content("filmtui keys").stylize("bold"), id="help-title")
            yield Static(help_text(self.sections), id="help-text")
            yield Static(Content("Esc closes this help."), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

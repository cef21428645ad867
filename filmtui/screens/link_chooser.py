"""The links out of a film page (TMDB, IMDb, Letterboxd, the official site, trailers): Enter opens
one in the browser, y copies it, Esc closes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from filmtui.requests import CopyText, OpenLink
from filmtui.text import clean


class LinkChooser(ModalScreen[None]):
    """Choose a link: Enter opens it, y copies it."""

    BINDINGS = [
        Binding("escape,o", "close", "Close"),
        Binding("y", "copy", "Copy"),
    ]

    DEFAULT_CSS = """
    LinkChooser { align: center middle; }
    #links-box { width: 76; max-width: 100%; height: auto; max-height: 100%;
                 border: thick $primary; background: $surface; padding: 0 1; }
    #links-title { text-style: bold; }
    #links-list { height: auto; max-height: 16; border: none; margin-top: 1; }
    #links-hint { color: $text-muted; }
    """

    def __init__(self, title: str, links: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.links = list(links)

    def compose(self) -> ComposeResult:
        with Vertical(id="links-box"):
            yield Static(Content(f"Links for {clean(self.title_text)}"), id="links-title")
            yield OptionList(
                *(Option(self._prompt(label, url), id=str(n)) for n, (label, url) in enumerate(self.links)),
                id="links-list", markup=False,
            )
            yield Static(Content("Enter opens in your browser · y copies the link · Esc closes"), id="links-hint")

    @staticmethod
    def _prompt(label: str, url: str) -> Text:
        line = Text(clean(label), style="bold")
        line.append("\n  " + clean(url), style="dim")
        return line

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0 if self.links else None
        listing.focus()

    def _highlighted(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        return self.links[index][1] if index is not None and index < len(self.links) else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        url = self.links[int(event.option_id or 0)][1]
        self.dismiss(None)
        self.app.post_message(OpenLink(url))

    def action_copy(self) -> None:
        """Copy the highlighted link."""
        url = self._highlighted()
        if url:
            self.app.post_message(CopyText(url, url))

    def action_close(self) -> None:
        self.dismiss(None)

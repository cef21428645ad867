"""About filmtui: version, where its data lives, and TMDB's notice."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from filmtui import __version__
from filmtui.terms import TMDB_NOTICE, TMDB_WORDMARK
from filmtui.text import clean


class AboutScreen(ModalScreen[None]):
    """Version, data folder, film count, last refresh and TMDB's attribution."""

    BINDINGS = [Binding("escape,q,f2", "dismiss", "Close", id="close_about")]

    def __init__(self, root: Path, films: int | None, last_refresh: str) -> None:
        """`last_refresh` is worded already ("2026-11-25 21:04 UTC (3 hours ago)")."""
        super().__init__()
        self.root = root
        self.films = films
        self.last_refresh = last_refresh

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about-box"):
            yield Static(Content("filmtui").stylize("bold"), id="about-title")
            yield Static(Content("A terminal browser for a curated collection of crime cinema."))
            yield Static(self._facts(), id="about-facts")
            yield Static(Content(TMDB_WORDMARK), id="about-wordmark")
            yield Static(Content(TMDB_NOTICE), id="about-tmdb")
            yield Static(Content("Esc closes this page."), classes="hint")

    def show_last_refresh(self, last_refresh: str) -> None:
        """The store's last refresh, read again from disk (it may be newer than at start)."""
        self.last_refresh = last_refresh
        # Composed or not yet: either the facts are updated, or compose reads the new value.
        for facts in self.query("#about-facts").results(Static):
            facts.update(self._facts())

    def _facts(self) -> Content:
        label = "bold $text-accent"
        facts = [
            ("Version", __version__),
            ("Data folder", clean(str(self.root))),
            ("Films", f"{self.films:,}" if self.films is not None else "loading…"),
            ("Last refresh", clean(self.last_refresh)),
        ]
        return Content("\n").join(Content.assemble((f"{k:<14}", label), v) for k, v in facts)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


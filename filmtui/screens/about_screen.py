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
from filmtui.screens.film_screen import TMDB_NOTICE
from filmtui.text import clean


class AboutScreen(ModalScreen[None]):
    """Version, data folder, film count, last refresh and TMDB's attribution."""

    BINDINGS = [Binding("escape,q,f2", "dismiss", "Close")]

    def __init__(self, root: Path, films: int | None, last_refresh: str | None) -> None:
        super().__init__()
        self.root = root
        self.films = films
        self.last_refresh = last_refresh

    def compose(self) -> ComposeResult:
        label = "bold $text-accent"
        facts = [
            ("Version", __version__),
            ("Data folder", clean(str(self.root))),
            ("Films", f"{self.films:,}" if self.films is not None else "loading…"),
            ("Last refresh", clean(self.last_refresh) or "never: run `filmtui refresh` with a TMDB key"),
        ]
        with VerticalScroll(id="about-box"):
            yield Static(Content("filmtui").stylize("bold"), id="about-title")
            yield Static(Content("A terminal browser for a curated collection of crime cinema."))
            yield Static(
                Content("\n").join(Content.assemble((f"{k:<14}", label), v) for k, v in facts),
                id="about-facts",
            )
            yield Static(Content(TMDB_NOTICE), id="about-tmdb")
            yield Static(Content("Esc closes this page."), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

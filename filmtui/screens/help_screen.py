"""Every key filmtui knows, screen by screen."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

#: (section, [(keys, what they do)]): the one list of keys, kept in step with the BINDINGS.
KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("? / F1", "this help (from the search box too)"),
            ("F2", "about filmtui: version, where data lives"),
            ("Ctrl+P", "command palette: open any film or person by name"),
            ("Ctrl+R", "refresh every film from TMDB (progress below; Ctrl+R again cancels)"),
            ("Ctrl+T", "search TMDB for a film you do not have and add it (Enter on an empty search: trending, then popular)"),
            ("[ / Alt+←", "back to the previous page (from the search box too)"),
            ("] / Alt+→", "forward again"),
            ("q", "quit (in the search box q types: use Ctrl+Q there)"),
            ("Ctrl+Q", "quit from anywhere"),
        ],
    ),
    (
        "Film list",
        [
            ("typing", "search titles, years, directors, cast and keywords as you type (letters and digits type; ? [ ] stay commands)"),
            ("Enter (in search)", "open the top match"),
            ("↓ (in search)", "move into the list"),
            ("/", "back to the search box (or just type: letters go to the search)"),
            ("Esc", "list: back to the search box; search box: clear it"),
            ("↑ ↓ / k j", "move the cursor"),
            ("g / G, Home / End", "first / last film"),
            ("PageUp / PageDown", "a page up or down"),
            ("Enter / click", "open the highlighted film"),
            ("s / Ctrl+S", "next sort: best match, title, year, rating, box office (Ctrl+S in the search box)"),
            ("f / Ctrl+F", "filter by genre, decade, certification or your watchlist (Ctrl+F in the search box)"),
        ],
    ),
    (
        "Film page",
        [
            ("1 2 3 4 5", "Overview, Cast, FAQ, Trivia, More like this"),
            ("Tab / Shift+Tab", "next / previous tab (or click a tab)"),
            ("↑ ↓", "move through the tab's items or scroll"),
            ("Enter (Cast)", "open the person's page"),
            ("Enter (Overview)", "open another film of the same collection"),
            ("r / Enter (FAQ, Trivia)", "reveal or hide the highlighted spoiler"),
            ("R (FAQ, Trivia)", "reveal or hide every spoiler in the tab"),
            ("Enter / a (More like this)", "open a film like this one / add a TMDB recommendation"),
            ("o", "links out: TMDB, IMDb, Letterboxd, the official site, trailers (Enter opens, y copies)"),
            ("y", "copy the film's TMDB link, or on the FAQ tab the highlighted answer"),
            ("u", "update this film from TMDB (trailers, recommendations, where to watch too)"),
            ("p", "the film's poster, drawn in the terminal (Esc closes it)"),
            ("w", "put the film on your watchlist, or take it off (★ in the list)"),
            ("m", "your own rating (1 to 10) and note"),
            ("Esc / Backspace", "back"),
        ],
    ),
    (
        "Person page",
        [
            ("↑ ↓ / k j, Enter", "choose a film: open it if it is yours (●), else add it"),
            ("a", "add the highlighted film from TMDB"),
            ("u", "fetch their details and every film credit from TMDB again"),
            ("Esc / Backspace", "back"),
        ],
    ),
]


def help_text() -> Group:
    """The key list as tables, so long descriptions wrap beside their keys, not under them."""
    parts: list[Table | Text] = []
    widest = min(24, max(len(keys) for _, rows in KEYS for keys, _ in rows))
    for title, rows in KEYS:
        table = Table(
            title=title, title_justify="left", title_style="bold", show_header=False,
            box=None, padding=(0, 2, 0, 0), expand=True,
        )
        table.add_column(style="bold", no_wrap=True, min_width=widest, max_width=widest)
        table.add_column(ratio=1)
        for keys, what in rows:
            table.add_row(Text(keys), Text(what))
        parts += [table, Text("")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """The key list; any of Esc, q, ? or F1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content("filmtui keys").stylize("bold"), id="help-title")
            yield Static(help_text(), id="help-text")
            yield Static(Content("Esc closes this help."), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

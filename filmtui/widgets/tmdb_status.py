"""TMDB's state on screen: the online/offline sign, the film's data age, the refresh-all progress.

The App owns the state and publishes it on its `tmdb_signal`; these widgets only draw it, so
every screen shows the same thing without polling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from filmtui.requests import CancelRefresh
from filmtui.text import clean
from filmtui.widgets.teardown import tolerates_teardown

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from filmtui.models import Film

#: What the network sign says, by state.
NETWORK_LABELS = {
    "unknown": "",
    "checking": "TMDB: checking…",
    "online": "TMDB: online",
    "offline": "TMDB: offline",
    "no-key": "TMDB: no key",
    "refused": "TMDB: key refused",
    "config": "TMDB: config error",
}


@dataclass(frozen=True)
class TmdbState:
    """What the app knows about TMDB right now (immutable: a new one is published on change)."""

    network: str = "unknown"
    """A key of NETWORK_LABELS."""
    refreshing: bool = False
    """A refresh of every film is running."""
    done: int = 0
    total: int = 0
    failed: int = 0
    title: str = ""
    """The film refreshed last (as stored: clean it before showing)."""
    cancelling: bool = False

    @property
    def label(self) -> str:
        return NETWORK_LABELS.get(self.network, "")


def age_line(film: Film, describe: Callable[[str], str]) -> str:
    """How old the film's TMDB data is (`describe` words a stamp), or that it has none."""
    if not film.refreshed_at:
        return "Catalogue only — not yet refreshed from TMDB (u updates it)"
    return describe(film.refreshed_at)


def _app_state(widget: Static | Horizontal) -> TmdbState:
    return getattr(widget.app, "tmdb_state", None) or TmdbState()


class TmdbIndicator(Static):
    """"TMDB: online" / "offline" / "no key": follows the app's TMDB state."""

    DEFAULT_CSS = """
    TmdbIndicator { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    TmdbIndicator.-offline { color: $text-warning; }
    TmdbIndicator.-online { color: $text-success; }
    """

    def on_mount(self) -> None:
        signal = getattr(self.app, "tmdb_signal", None)
        if signal is not None:
            signal.subscribe(self, self.show_state)
        self.show_state(_app_state(self))

    @tolerates_teardown
    def show_state(self, state: TmdbState) -> None:
        text = state.label
        if getattr(self, "_text", None) != text:
            self._text = text
            self.update(Content(text))
        self.set_class(state.network == "online", "-online")
        self.set_class(state.network in ("offline", "refused", "config"), "-offline")


class RefreshPanel(Horizontal):
    """A one-line panel with a progress bar while every film is refreshed; hidden otherwise."""

    DEFAULT_CSS = """
    RefreshPanel { height: 1; background: $panel; display: none; }
    RefreshPanel.-active { display: block; }
    RefreshPanel #refresh-label { width: auto; max-width: 50%; height: 1; padding: 0 1; }
    RefreshPanel ProgressBar { width: 1fr; height: 1; }
    RefreshPanel #refresh-hint { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    """

    def _parts(self) -> tuple[Static, ProgressBar]:
        """The label and the bar, mounted on the first refresh: most sessions never refresh, and
        an idle progress bar would still cost start-up time."""
        from textual.widgets import ProgressBar

        if not self.children:
            self.mount_all([
                Static(Content(""), id="refresh-label"),
                ProgressBar(id="refresh-bar", show_eta=True),
                Static(Content("ctrl+r cancels"), id="refresh-hint"),
            ])
        return self.query_one("#refresh-label", Static), self.query_one(ProgressBar)

    @on(events.Click, "#refresh-hint")
    def _cancel_clicked(self) -> None:
        self.post_message(CancelRefresh())

    def on_mount(self) -> None:
        signal = getattr(self.app, "tmdb_signal", None)
        if signal is not None:
            signal.subscribe(self, self.show_state)
        self.show_state(_app_state(self))

    @tolerates_teardown
    def show_state(self, state: TmdbState) -> None:
        if self.has_class("-active") != state.refreshing:
            self.set_class(state.refreshing, "-active")
        if not state.refreshing:
            return
        words = f"Refreshing from TMDB {state.done:,}/{state.total:,}"
        if state.failed:
            words += f" · {state.failed:,} failed"
        if state.cancelling:
            words += " · cancelling…"
        elif state.title:
            words += f" · {clean(state.title)}"
        label, bar = self._parts()
        label.update(Content(words))
        bar.update(total=max(state.total, 1), progress=state.done)


class FilmAgeBar(Horizontal):
    """The film page's line under the header: how old its TMDB data is, and the online sign."""

    DEFAULT_CSS = """
    FilmAgeBar { height: 1; background: $panel; }
    FilmAgeBar #film-age { width: 1fr; height: 1; padding: 0 1; color: $text-muted; }
    """

    #: Seconds between re-wordings of the age ("just now" becomes "1 minute ago").
    TICK = 30.0

    def __init__(self, describe: Callable[[str], str]) -> None:
        super().__init__()
        self._describe = describe
        """Words a TMDB refresh stamp: "TMDB data from 3 days ago"."""
        self._film: Film | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="film-age")
        yield TmdbIndicator(id="film-tmdb-status")

    def on_mount(self) -> None:
        self.set_interval(self.TICK, self._tick)

    def show_film(self, film: Film | None) -> None:
        """Say how old `film`'s data is (nothing while it loads)."""
        self._film = film
        self._tick()

    @tolerates_teardown
    def _tick(self) -> None:
        film = self._film
        self.query_one("#film-age", Static).update(Content(age_line(film, self._describe) if film else ""))

"""What the App's workers found, as named messages posted back to the App (thread-safe), so the
App, tests and any screen can react to them: "films loaded", "user data saved", ...
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from filmtui.browse import Browser
    from filmtui.models import Film, UserData
    from filmtui.navigation import Visit
    from filmtui.tmdb_service import Refreshed


class FilmsLoaded(Message):
    """The films are read (the search index follows once `drawn` is set)."""

    def __init__(self, browser: Browser, drawn: threading.Event | None = None) -> None:
        self.browser = browser
        self.drawn = drawn
        """Set by the App once the list is on screen: building the index holds the GIL for a
        while, so the worker waits for the list to be drawn first."""
        super().__init__()


class FilmsUnreadable(Message):
    """The films could not be read; `message` says why in one line."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__()


class IndexBuilt(Message):
    """The search index is built: searching works."""


class FilmsReloaded(Message):
    """The films were read again after a refresh or an add."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        super().__init__()


class FilmRead(Message):
    """A page's film is in the cache (or could not be read): the page can be shown."""

    def __init__(self, visit: Visit, restore: bool) -> None:
        self.visit = visit
        self.restore = restore
        super().__init__()


class UserDataRead(Message):
    """The user's data for every film, read at start-up."""

    def __init__(self, mine: dict[int, UserData]) -> None:
        self.mine = mine
        super().__init__()


class FreshUserData(Message):
    """One film's user data as it is on disk now, for what `purpose` names: "rate" (the
    rating dialog), "seen" (the seen dialog) or "note" (the editor)."""

    def __init__(self, film_id: int, mine: UserData, purpose: str = "rate") -> None:
        self.film_id = film_id
        self.mine = mine
        self.purpose = purpose
        super().__init__()


class UserDataSaved(Message):
    """The user's data for a film is saved (`data` is the record as written)."""

    def __init__(self, film_id: int, data: UserData, changes: dict[str, Any]) -> None:
        self.film_id = film_id
        self.data = data
        self.changes = changes
        super().__init__()


class Said(Message):
    """Something to tell the user in one line (a failed save, a failed read)."""

    def __init__(self, message: str, severity: str = "information", timeout: float = 6) -> None:
        self.message = message
        self.severity = severity
        self.timeout = timeout
        super().__init__()


class NetworkChecked(Message):
    """What the online sign should say: a key of widgets.tmdb_status.NETWORK_LABELS."""

    def __init__(self, network: str) -> None:
        self.network = network
        super().__init__()


class FilmRefreshed(Message):
    """One film was fetched again (or could not be)."""

    def __init__(self, film_id: int, outcome: Refreshed) -> None:
        self.film_id = film_id
        self.outcome = outcome
        super().__init__()


class RefreshStarted(Message):
    """A refresh of every film began, over `total` films."""

    def __init__(self, total: int) -> None:
        self.total = total
        super().__init__()


class RefreshFinished(Message):
    """A refresh of every film ended (done, cancelled or failed)."""

    def __init__(self, outcome: Refreshed) -> None:
        self.outcome = outcome
        super().__init__()


class LastRefreshRead(Message):
    """The store's last refresh, read again and worded for the About page."""

    def __init__(self, last_refresh: str) -> None:
        self.last_refresh = last_refresh
        super().__init__()


class FilmAdded(Message):
    """A film was added from TMDB."""

    def __init__(self, film: Film) -> None:
        self.film = film
        super().__init__()

"""What screens, widgets and the palette ask the App for: messages that bubble up to it.

A screen never calls the App; it posts one of these and the App decides (open a page, start a
worker, push a dialog).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.geometry import Size
from textual.message import Message

from filmtui.models import PersonCredit


class FilmRequest(Message):
    """A request about one film."""

    def __init__(self, film_id: int) -> None:
        self.film_id = film_id
        super().__init__()


class OpenFilm(FilmRequest):
    """Open a film's page."""


class OpenPerson(Message):
    """Open a person's page (with credits the sender already knows)."""

    def __init__(self, name: str, known: Sequence[PersonCredit] = ()) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__()


class ToggleWatchlist(FilmRequest):
    """Put a film on the user's watchlist, or take it off."""


class RateFilm(FilmRequest):
    """Open the rating and note dialog for a film."""


class LogViewing(Message):
    """Open the "seen" dialog for a film (today by default) and log the viewing."""

    def __init__(self, film_id: int) -> None:
        self.film_id = film_id
        super().__init__()


class EditNote(Message):
    """Edit a film's note in the user's own editor ($VISUAL or $EDITOR)."""

    def __init__(self, film_id: int) -> None:
        self.film_id = film_id
        super().__init__()


class SaveUserData(Message):
    """Save these changes (watchlist, rating, note) to the user's data for a film."""

    def __init__(self, film_id: int, **changes: Any) -> None:
        self.film_id = film_id
        self.changes = changes
        super().__init__()


class RefreshFilm(FilmRequest):
    """Fetch one film again from TMDB."""


class CancelRefresh(Message):
    """Stop the refresh of every film (what was fetched is kept)."""


class ShowPoster(FilmRequest):
    """Show a film's poster."""


class DrawPoster(Message):
    """Find a film's poster and fit it to `size` cells; the answer goes back to the sender."""

    def __init__(self, film_id: int, size: Size) -> None:
        self.film_id = film_id
        self.size = size
        super().__init__()


class SearchTmdb(Message):
    """Search TMDB for `query`; the answer goes back to the sender."""

    def __init__(self, query: str) -> None:
        self.query = query
        super().__init__()


class AddFromTmdb(Message):
    """Fetch a film from TMDB and add it; the answer goes back to the sender."""

    def __init__(self, tmdb_id: int) -> None:
        self.tmdb_id = tmdb_id
        super().__init__()


class SavePage(FilmRequest):
    """Write the film's page as a Markdown file in the data folder."""


class OpenLink(Message):
    """Open `url` in the user's browser (or show it when no browser can open here)."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__()


class CopyText(Message):
    """Put `text` on the clipboard; `what` names it in the line that says so ("the answer")."""

    def __init__(self, text: str, what: str) -> None:
        self.text = text
        self.what = what
        super().__init__()


class FetchPerson(Message):
    """Fetch a person's details and every film credit from TMDB (and store them); the answer
    goes back to the sender. `films`: ids of films they are known to be in."""

    def __init__(self, name: str, films: Sequence[int] = ()) -> None:
        self.name = name
        self.films = list(films)
        super().__init__()


class DiscoverTmdb(Message):
    """TMDB's "trending" or "popular" films; the answer goes back to the sender."""

    def __init__(self, which: str) -> None:
        self.which = which
        super().__init__()

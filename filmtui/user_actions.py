"""The user's own data in the browser, mixed into FilmApp: the watchlist, a rating and a note.

Read with the films (in the loading worker) and written in a thread worker with a Store of its
own; the screens hear of a change through `mine_changed` and never wait on the disk.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from filmtui.models import Film, UserData


class UserActions:
    """What the user keeps about films. Mixed into FilmApp (which gives `store`, `worker_store`,
    the film cache with `keep_film`, and TmdbActions' `_say`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mine: dict[int, UserData] = {}
        """Film id -> the user's data, for every film they marked, rated or noted."""

    @property
    def watchlist(self) -> frozenset[int]:
        """The ids of the films on the user's watchlist."""
        return frozenset(film_id for film_id, data in self.mine.items() if data.watchlist)

    def read_mine(self) -> None:
        """Read the user's data (call from a worker; a bad file costs the marks, not the app)."""
        try:
            mine = self.store.users()  # type: ignore[attr-defined]
        except Exception as error:
            self.call_from_thread(self._say, f"Could not read your watchlist and ratings: {error}", "warning")  # type: ignore[attr-defined]
            return
        self.call_from_thread(self._mine_read, mine)  # type: ignore[attr-defined]

    def _mine_read(self, mine: dict[int, UserData]) -> None:
        self.mine = mine
        self._tell_screens(None)

    def toggle_watchlist(self, film_id: int) -> None:
        """Put a film on the watchlist, or take it off."""
        on = not (self.mine.get(film_id) and self.mine[film_id].watchlist)
        self.set_mine(film_id, watchlist=on)

    @work(thread=True, group="mine", exit_on_error=False)
    def set_mine(self, film_id: int, **changes: Any) -> None:
        """Save the user's data for one film (in a worker); every screen showing it updates."""
        try:
            data = self.worker_store().set_user(film_id, **changes)  # type: ignore[attr-defined]
        except Exception as error:  # a bad value or the store's folder: one line, nothing lost
            self.call_from_thread(self._say, f"Not saved: {error}", "error")  # type: ignore[attr-defined]
            return
        self.call_from_thread(self._mine_saved, film_id, data, changes)  # type: ignore[attr-defined]

    def _mine_saved(self, film_id: int, data: UserData, changes: dict[str, Any]) -> None:
        if data:
            self.mine[film_id] = data
        else:
            self.mine.pop(film_id, None)
        film: Film | None = self.cached_film(film_id)  # type: ignore[attr-defined]
        if film is not None:
            self.keep_film(replace(film, user=data))  # type: ignore[attr-defined]
        summary = self.summary(film_id)  # type: ignore[attr-defined]
        title = summary.title if summary else f"Film {film_id}"
        if "watchlist" in changes:
            self._say(f"{title} is {'on' if data.watchlist else 'off'} your watchlist")  # type: ignore[attr-defined]
        else:
            self._say(f"{title}: saved")  # type: ignore[attr-defined]
        self._tell_screens(film_id)

    def _tell_screens(self, film_id: int | None) -> None:
        """Every screen that shows the user's data redraws it (None: all films)."""
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            changed = getattr(screen, "mine_changed", None)
            if changed is not None:
                changed(film_id)

"""Quitting, held apart from the App (composed, not mixed in): what came with q is handled first
(a `w` just before it is saved), keys after it are dropped, and the network is cut, never waited for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filmtui.app import FilmApp


class QuitFlow:
    """From q to the App's exit, and what stops however the App ends."""

    SAVE_GRACE = 0.5
    """Seconds quitting waits for the user's data to be saved (a save takes milliseconds; the
    network is never waited for)."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app
        self.quitting = False
        """True once q is pressed: keys after it are dropped (their screens are being torn down)."""
        self._exiting = False

    def quit(self) -> None:
        """Exit once what came with q is handled; pressed again, nothing more happens."""
        if self.quitting:
            return
        self.quitting = True
        app = self.app
        # Through the screen's queue, then the App's: a request the screen posted before q (the
        # watchlist toggle) reaches the App first. The timer covers a screen being torn down.
        app.screen.call_later(app.call_later, self._exit)
        app.set_timer(self.SAVE_GRACE, self._exit)

    async def _exit(self) -> None:
        if self._exiting:
            return
        self._exiting = True
        await self.app.user_flow.saved(self.SAVE_GRACE)
        await self.app.settings_flow.saved(self.SAVE_GRACE)
        self.app.exit()

    def ended(self) -> None:
        """However the App ends (q, Ctrl+C, an error), the refresh of every film stops and TMDB
        and poster requests are cut."""
        self.app.tmdb_flow.stop()
        self.app.tmdb.abort()

"""The user's own data in the browser (watchlist, rating, note, diary), held apart from the App
(composed, not mixed in). Saves run in workers through the Library; every screen that shows the
data is told when it changes; quitting waits for saves in flight.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from filmtui import jobs, requests, results

if TYPE_CHECKING:
    from filmtui.app import FilmApp
    from filmtui.models import UserData, Viewing


class UserFlow:
    """Routes the user-data requests and results the App hands it."""

    GROUP = "mine"
    """The worker group of saves (what quitting waits for)."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app

    def handle(self, event: Message) -> None:
        app, library = self.app, self.app.library
        match event:
            case requests.ToggleWatchlist(film_id=film_id):
                self.save(film_id, watchlist=not library.mine(film_id).watchlist)
            case requests.SaveUserData():
                self.save(event.film_id, **event.changes)
            case requests.RateFilm(film_id=film_id):
                # Read afresh first: another terminal may have written a note since start-up.
                app.work(jobs.fresh_mine, library, app.post_message, film_id, group="rate-read")
            case requests.LogViewing(film_id=film_id):
                app.work(jobs.fresh_mine, library, app.post_message, film_id, "seen", group="rate-read")
            case requests.EditNote(film_id=film_id):
                app.work(jobs.fresh_mine, library, app.post_message, film_id, "note", group="rate-read")
            case results.FreshUserData(purpose="seen"):
                self._seen(event.film_id, event.mine)
            case results.FreshUserData(purpose="note"):
                self._edit_note(event.film_id, event.mine)
            case results.FreshUserData():
                self._rate(event.film_id, event.mine)
            case results.UserDataRead():
                self._tell(None)
            case results.UserDataSaved():
                title = self._title(event.film_id)
                if "watchlist" in event.changes:
                    app.say(f"{title} is {'on' if event.data.watchlist else 'off'} your watchlist")
                elif "diary" in event.changes:
                    app.say(f"{title}: seen {event.changes['diary'].date or '(no day)'}, in your diary")
                else:
                    app.say(f"{title}: saved")
                self._tell(event.film_id)

    def save(self, film_id: int, **changes: object) -> None:
        app = self.app
        app.work(jobs.save_mine, app.library, app.post_message, film_id, changes, group=self.GROUP)

    def _tell(self, film_id: int | None) -> None:
        for screen in self.app.page_flow.showing_user_data():
            screen.mine_changed(film_id)

    def _title(self, film_id: int) -> str:
        summary = self.app.library.summary(film_id)
        return summary.title if summary else f"Film {film_id}"

    def _seen(self, film_id: int, seed: UserData) -> None:
        from filmtui.screens import SeenDialog

        def chosen(viewing: Viewing | None) -> None:
            if viewing is not None:
                app.work(jobs.log_viewing, app.library, app.post_message, film_id, viewing, group=self.GROUP)

        app = self.app
        app.push_screen(SeenDialog(self._title(film_id), date.today().isoformat(), rewatch=seed.seen,
                                   scale=app.library.rating_scale), chosen)

    def _edit_note(self, film_id: int, seed: UserData) -> None:
        """The note in the user's editor, the terminal handed over meanwhile; saved if changed."""
        from textual.app import SuspendNotSupported

        from filmtui.models import parse_note
        from filmtui.note_editor import NO_EDITOR, EditorFailed, edit, editor_command

        app = self.app
        try:
            command = editor_command()
            if command is None:
                app.say(NO_EDITOR, "warning")
                return
            with app.suspend():
                text = edit(command, seed.note)
            note = parse_note(text)
        except SuspendNotSupported:
            app.say("This terminal cannot be handed to an editor: press m to write a short note.", "warning")
            return
        except (EditorFailed, ValueError) as problem:
            app.say(f"Note not saved: {problem}", "error")
            return
        if note == seed.note:
            app.say(f"{self._title(film_id)}: note unchanged")
        else:
            self.save(film_id, note=note)

    def _rate(self, film_id: int, seed: UserData) -> None:
        from filmtui.screens import RateDialog

        def chosen(mine: UserData | None) -> None:
            # Only what the user changed: the store applies it to the record as it is then, so
            # nothing written elsewhere meanwhile is put back to what the dialog was seeded with.
            if mine is None:
                return
            changes = {k: getattr(mine, k) for k in ("rating", "note") if getattr(mine, k) != getattr(seed, k)}
            if changes:
                self.save(film_id, **changes)

        self.app.push_screen(RateDialog(self._title(film_id), seed, self.app.library.rating_scale), chosen)

    async def saved(self, grace: float) -> None:
        """Wait (at most `grace` seconds) for the saves in flight."""
        saves = [w for w in self.app.workers if w.group == self.GROUP and not w.is_finished]
        if saves:
            await asyncio.wait([asyncio.ensure_future(w.wait()) for w in saves], timeout=grace)

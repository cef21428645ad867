"""Moving between pages, held apart from the App (composed, not mixed in): the one film screen and
the one person screen, the history (filmtui.navigation), reading a film before its page shows.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from textual.message import Message

from filmtui import jobs, requests, results
from filmtui.text import clean
from filmtui.navigation import FilmPage, History, Page, PersonPage, Visit

if TYPE_CHECKING:
    from filmtui.app import FilmApp
    from filmtui.screens.film_screen import FilmScreen
    from filmtui.screens.list_screen import ListScreen
    from filmtui.screens.person_screen import PersonScreen

#: Seconds a slow disk gets before the film page is shown anyway, saying "Loading…".
READ_FIRST = 0.12


def browser_can_open() -> bool:
    """True where a web browser can open without taking over this terminal: macOS, Windows, or a
    graphical session that is not reached over SSH (a text browser would draw over the app)."""
    if sys.platform in ("darwin", "win32"):
        return True
    graphical = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return graphical and not (os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


class PageFlow:
    """Which page shows, and the way back to the others."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app
        self.history = History()
        self._film: FilmScreen | None = None
        self._person: PersonScreen | None = None
        self._pending: Visit | None = None
        """A film page whose film is being read before it is shown."""

    def handle(self, event: Message) -> None:
        match event:
            case requests.OpenFilm(film_id=film_id):
                self.open(FilmPage(film_id))
            case requests.OpenPerson():
                self.open(PersonPage(event.name, event.known))
            case results.FilmRead(visit=visit, restore=restore):
                self._show_pending(visit, restore)
            case requests.OpenLink(url=url):
                self.open_link(url)
            case requests.CopyText(text=text, what=what):
                self.app.copy_to_clipboard(text)
                self.app.say(f"Copied {clean(what)} to the clipboard")
            case requests.SavePage(film_id=film_id):
                app = self.app
                app.work(jobs.save_page, app.library, app.post_message, film_id, group="save-page")

    def open_link(self, url: str) -> None:
        """Open the link in a browser when one can open here; always show where it goes."""
        url = clean(url)
        if browser_can_open():
            self.app.open_url(url)
            self.app.say(f"Opening {url}")
        else:
            self.app.say(f"No browser can open from this terminal (over SSH?): {url}", "warning", timeout=20)

    def open_picked(self, kind: str) -> None:
        """The diary or the recently viewed page, over the list: a film opened from it starts
        a history of its own, and going back from that film comes back to it."""
        from filmtui.screens import DiaryScreen, RecentScreen

        app = self.app
        wanted = DiaryScreen if kind == "diary" else RecentScreen
        if isinstance(app.screen, wanted):
            return
        self.set_aside()
        while len(app.screen_stack) > 1:
            app.pop_screen()
        app.push_screen(wanted(app.library))

    # The page screens -----------------------------------------------------------------------

    def film_screen(self) -> FilmScreen:
        """The one FilmScreen, built on first use and kept for the session: opening a film
        refills it instead of composing and styling a new screen."""
        from filmtui.screens.film_screen import FilmScreen

        if self._film is None:
            self._film = FilmScreen(self.app.library)
            self.app.install_screen(self._film, "film-page")
        return self._film

    def person_screen(self) -> PersonScreen:
        from filmtui.screens.person_screen import PersonScreen

        if self._person is None:
            self._person = PersonScreen(self.app.library)
            self.app.install_screen(self._person, "person-page")
        return self._person

    @property
    def film_page(self) -> FilmScreen | None:
        """The FilmScreen, once built (None before)."""
        return self._film

    def showing_user_data(self) -> list[Any]:
        """The screens that show the user's data: the list, the film page once built, and the
        diary or recently viewed page when open."""
        from filmtui.screens.picked_films import PickedFilms

        picked = [screen for screen in self.app.screen_stack if isinstance(screen, PickedFilms)]
        return [self.app.list_screen, *([self._film] if self._film else []), *picked]

    def _screens(self) -> list[FilmScreen | PersonScreen]:
        return [page for page in (self._film, self._person) if page is not None]

    def _on_page(self) -> bool:
        return self.app.screen in self._screens()

    def _in_pages(self) -> bool:
        """True when a page screen is in the stack (perhaps under help or a dialog)."""
        return any(screen in self._screens() for screen in self.app.screen_stack)

    # Going places ---------------------------------------------------------------------------

    def _leave(self) -> None:
        """Remember where the reader is on the film page, for back and forward."""
        if self._film is not None and self._film in self.app.screen_stack:
            self.history.leave(self._film.place())

    def set_aside(self) -> None:
        """Remember where the reader is and drop a film still being read: a page of another
        kind (the diary, recently viewed) goes over the list."""
        self._leave()
        self._pending = None

    def open(self, page: Page) -> None:
        """Go to a new page: it joins the history and the forward history is dropped."""
        if self._pending is not None and self._pending.page == page:
            return  # Enter pressed again while the film is read
        self._leave()
        self._show(self.history.open(page, from_list=not self._in_pages()))

    def back(self) -> None:
        """Back to the previous page, like a browser; from the first page, back to the list."""
        if not self._on_page() or self.app.screen.is_modal:
            return
        self._leave()
        visit = self.history.back()
        if visit is not None:
            self._show(visit, restore=True)
        else:
            self.app.pop_screen()

    def forward(self) -> None:
        """Forward to the page we came back from."""
        if self.app.screen.is_modal:
            return
        self._leave()
        visit = self.history.forward(from_list=not self._in_pages())
        if visit is not None:
            self._show(visit, restore=True)

    def _show(self, visit: Visit, restore: bool = False) -> None:
        """Show `visit`'s page; with `restore` (back and forward), where it was left."""
        app, page = self.app, visit.page
        if isinstance(page, FilmPage) and visit is not self._pending and app.library.cached_film(page.film_id) is None:
            # Read the film first and switch once it is in: the page is drawn once, with the
            # film. A slow disk still gets the page (saying "Loading…") after a moment.
            self._pending = visit
            app.work(jobs.read_film, app.library, app.post_message, visit, restore, group="open")
            app.set_timer(READ_FIRST, lambda: self._show_pending(visit, restore))
            return
        self._pending = None
        # Going to a page closes help, about or a dialog on top: a page screen is never twice in the stack.
        while app.screen.is_modal and len(app.screen_stack) > 1:
            app.pop_screen()
        place = visit.place if restore else None
        screen: FilmScreen | PersonScreen
        if isinstance(page, FilmPage):
            screen = self.film_screen()
            screen.show_film_id(page.film_id, place)
            app.work(jobs.remember_opened, app.library, app.post_message, page.film_id, group="recent")
        else:
            screen = self.person_screen()
            screen.show_person(page.name, page.known)
        if app.screen is screen:
            return
        if self._on_page():
            app.switch_screen(screen)  # film <-> person: swap, the list stays below
        else:
            app.push_screen(screen)

    def _show_pending(self, visit: Visit, restore: bool) -> None:
        if self._pending is visit:  # not superseded by another page meanwhile
            self._show(visit, restore)

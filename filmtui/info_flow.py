"""The app's own pages, held apart from the App (composed, not mixed in): the help built from
the bindings as they are now, About, and the command palette's commands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from filmtui import jobs

if TYPE_CHECKING:
    from filmtui.app import FilmApp


class InfoFlow:
    """Help, About and the palette's own commands."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app

    def help(self) -> None:
        """Every key, as bound now (the user's [keys] table applied)."""
        from filmtui.keymap import help_sections
        from filmtui.screens import HelpScreen

        app = self.app
        if not isinstance(app.screen, HelpScreen):
            app.push_screen(HelpScreen(help_sections(type(app), app._keymap)))

    def about(self) -> None:
        """Version, data folder and TMDB's notice; the last refresh read again in a worker."""
        from filmtui.screens import AboutScreen

        app, library = self.app, self.app.library
        if not isinstance(app.screen, AboutScreen):
            browser = library.browser
            last = library.describe_last_refresh(library.meta_last_refresh())
            app.push_screen(AboutScreen(library.root, len(browser) if browser else None, last))
            app.work(jobs.last_refresh, library, app.post_message, group="meta")

    def last_refresh_read(self, last_refresh: str) -> None:
        from filmtui.screens import AboutScreen

        if isinstance(self.app.screen, AboutScreen):
            self.app.screen.show_last_refresh(last_refresh)

    def system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """filmtui's commands in the palette, after Textual's own."""
        app = self.app
        yield SystemCommand("Diary", "Your viewings by month, newest first (F3)", app.action_diary)
        yield SystemCommand("Recently viewed", "The last 50 film pages you opened (F4)", app.action_recent)
        yield SystemCommand("Help", "Every key filmtui knows", app.action_help)
        yield SystemCommand("About filmtui", "Version, data folder, TMDB notice", app.action_about)
        yield from app.tmdb_flow.system_commands(screen)
        yield from app.settings_flow.system_commands()

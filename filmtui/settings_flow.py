"""The user's theme and keys, held apart from the App (composed, not mixed in): filmtui's own
themes registered, the config's choice applied, the [keys] table checked, a new theme saved."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from contextlib import suppress
from typing import TYPE_CHECKING

from textual.theme import Theme
from textual.worker import Worker

from filmtui import jobs
from filmtui.text import clean
from filmtui.themes import NAMES as THEME_NAMES
from filmtui.themes import THEMES, next_theme

if TYPE_CHECKING:
    from filmtui.app import FilmApp


class SettingsFlow:
    """Themes and keys as config.toml says, and the theme saved when the user picks another."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app
        self._saved_theme = ""
        """The theme config.toml holds (or the default): a change to another is saved."""
        self._theme_save: Worker[None] | None = None

    def use(self, theme: str | None, keys: Mapping[str, str]) -> tuple[str, ...]:
        """Apply the config's theme and [keys]; what cannot be used, one line each."""
        app, problems = self.app, []
        for own in THEMES:
            app.register_theme(own)
        if theme and theme in app.available_themes:
            app.theme = theme
        elif theme:
            problems.append(f"config.toml [ui] theme = {clean(theme)[:40]!r}: no such theme; "
                            f"using {app.theme} (filmtui's own: {', '.join(THEME_NAMES)}; "
                            "Ctrl+P, Theme lists every one)")
        self._saved_theme = app.theme
        if keys:
            from filmtui.keymap import check_keymap  # imports every screen: only when needed

            keymap, bad = check_keymap(type(app), keys)
            app.set_keymap(keymap)
            problems += bad
        return tuple(problems)

    def theme_changed(self, theme: Theme) -> None:
        """A theme picked in the palette or with F6 is saved to config.toml, in a worker."""
        if theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        self._theme_save = self.app.work(jobs.save_theme, theme.name, self.app.post_message,
                                         group="settings")

    def next_theme(self) -> None:
        """filmtui's next own theme (saved for the next start)."""
        self.app.theme = next_theme(self.app.theme)

    async def saved(self, grace: float) -> None:
        """Wait, at most `grace` seconds, for a theme being saved (a hung disk is not waited on)."""
        if self._theme_save is not None and self._theme_save.is_running:
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._theme_save.wait(), grace)

"""The user's theme, ratings scale and keys, held apart from the App (composed, not mixed in):
filmtui's own themes registered, the config's choice applied, the [keys] table checked, a new
theme or ratings scale saved."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.theme import Theme
from textual.worker import Worker

from filmtui import jobs
from filmtui.ratings import SCALE_WORDS, RatingScale, rating_text
from filmtui.text import clean
from filmtui.themes import NAMES as THEME_NAMES
from filmtui.themes import THEMES, next_theme

if TYPE_CHECKING:
    from filmtui.app import FilmApp


class SettingsFlow:
    """Themes, ratings and keys as config.toml says, and a theme or ratings scale saved when the
    user picks another."""

    def __init__(self, app: FilmApp) -> None:
        self.app = app
        self._saved_theme = ""
        """The theme config.toml holds (or the default): a change to another is saved."""
        self._saves: list[Worker[None]] = []

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
        self._save(jobs.save_theme, theme.name, self.app.post_message)

    def next_theme(self) -> None:
        """filmtui's next own theme (saved for the next start)."""
        self.app.theme = next_theme(self.app.theme)

    def system_commands(self) -> Iterable[SystemCommand]:
        """The palette's switch to the other ratings scale."""
        other: RatingScale = "stars" if self.app.library.rating_scale == "ten" else "ten"
        example = f"{rating_text(7, self.app.library.rating_scale)} is {rating_text(7, other)}"
        yield SystemCommand(f"Show ratings as {SCALE_WORDS[other]}",
                            f"Your ratings, {example} (kept for next time)",
                            partial(self.show_ratings, other))

    def show_ratings(self, scale: RatingScale) -> None:
        """Show the user's ratings in `scale` on every page, and save it to config.toml."""
        app = self.app
        if scale == app.library.rating_scale:
            return
        app.library.rating_scale = scale
        for screen in app.page_flow.showing_user_data():
            screen.mine_changed(None)
        app.say(f"Ratings shown as {SCALE_WORDS[scale]} ({rating_text(7, scale)})")
        self._save(jobs.save_ui_setting, "ratings", scale, app.post_message, "ratings scale")

    def _save(self, job: Callable[..., None], *args: object) -> None:
        """Run a save in a worker, kept so that quitting waits for it."""
        self._saves = [save for save in self._saves if not save.is_finished]
        self._saves.append(self.app.work(job, *args, group="settings"))

    async def saved(self, grace: float) -> None:
        """Wait, at most `grace` seconds, for settings being saved (a hung disk is not waited on)."""
        running = [save.wait() for save in self._saves if not save.is_finished]
        if running:
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.gather(*running), grace)

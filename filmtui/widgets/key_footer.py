"""The footer of keys: Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


def _shown(screen: Screen) -> tuple[object, ...]:
    """What the footer of `screen` would show: each key, its action, label and state."""
    return tuple(
        (binding.key, binding.action, binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "command_palette"
    )


class KeyFooter(Footer):
    """Footer recomposes (a widget per key, mounted and styled) on every bindings update, which
    is every focus change: several times as a film page opens, each for the same keys, and a
    good part of opening one. This one recomposes when what it shows is different."""

    _composed: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        # With its keys from the first compose: Footer composes empty until the screen's first
        # bindings update and then mounts them, twice over as a screen starts (with a layout and
        # the keys' CSS parsed), just as the first keys are typed.
        self.set_reactive(Footer._bindings_ready, True)
        self._composed = _shown(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            shown = _shown(screen)
            if shown == self._composed:
                return
            if screen.app.app_focus and self.is_attached:
                # What the recompose asked for below will show: a second update with the same
                # keys before it runs (the focus settling as a screen starts) asks for no other.
                self._composed = shown
        super().bindings_changed(screen)

"""Helpers for pilot tests: let the app settle after keys that start workers."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot) -> None:
    """Wait until workers are done and their messages handled; stop the cursor blinking."""
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # a read-ahead or search superseded by a newer one: expected
        await pilot.pause()
    for search in pilot.app.screen.query(Input):
        search.cursor_blink = False
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys, then settle (keys may start workers, e.g. opening a film)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_by_search(pilot: Pilot, query: str) -> None:
    """Let the films load, type `query` in the search box and open the top match with Enter."""
    await settle(pilot)
    pilot.app.screen.query_one("#search", Input).value = query
    await settle(pilot)
    await press(pilot, "enter")


def facts(app: Any, width: int = 100) -> str:
    """The film page's facts (the Overview's two columns) at `width`, as plain text with
    spaces collapsed."""
    from filmtui.widgets.fact_table import FactTable

    lines = app.screen.query_one("#overview-facts", FactTable).lines(width)
    return " ".join(" ".join(line.plain for line in lines).split())


def screen_text(pilot: Pilot) -> str:
    """What the terminal shows right now, as plain lines (what a person would read). Textual has
    no public way to read the composed screen as text; the compositor is the one private read."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())



def said(app: Any) -> list[str]:
    """Every line the app has said to the user (its notifications), oldest first."""
    return [text for text, _ in app.told]

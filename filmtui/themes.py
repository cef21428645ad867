"""filmtui's own themes: a dark and a light one, for long reading.

Warm, slightly dimmed text on a near-black (or paper) ground rather than pure white on black:
pages of synopsis and trivia are read for minutes at a time. Every text colour the stylesheet
uses keeps at least 7:1 contrast on its background (tests/tui/test_themes.py measures it).
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="filmtui-dark",
    primary="#D9A55B",      # tungsten amber: the cursor, the title
    secondary="#8FA8C8",
    accent="#86C1D9",       # steel blue: labels and highlights
    warning="#E0B25C",
    error="#F08A80",
    success="#9CCB8A",
    foreground="#DCD6CC",   # warm off-white
    background="#17181C",
    surface="#1F2126",
    panel="#2A2D34",
    dark=True,
)

LIGHT = Theme(
    name="filmtui-light",
    primary="#8A4B0F",      # dark amber on paper
    secondary="#3E5F8A",
    accent="#1D5E80",
    warning="#8A5A00",
    error="#A3261B",
    success="#2F6B2A",
    foreground="#26231F",   # ink
    background="#F5F0E6",   # paper
    surface="#EDE6D8",
    panel="#E2D9C7",
    dark=False,
)

THEMES = (DARK, LIGHT)
NAMES = tuple(theme.name for theme in THEMES)


def next_theme(current: str) -> str:
    """The theme after `current` among filmtui's own (the dark one from any other theme)."""
    if current in NAMES:
        return NAMES[(NAMES.index(current) + 1) % len(NAMES)]
    return NAMES[0]

"""The App's own keys, active on every screen; each has an id the user's [keys] table can rebind
(filmtui.keymap checks that table and builds the help from these)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit",
            tooltip="quit (in the search box q types: Ctrl+Q there)"),
    Binding("question_mark,f1", "help", "Help", id="open_help", tooltip="this help (from the search box too)"),
    Binding("f2", "about", "About", show=False, id="open_about",
            tooltip="about filmtui: version, where data lives"),
    Binding("left_square_bracket,alt+left", "back", "Back", show=False, id="back",
            tooltip="back to the previous page (from the search box too)"),
    Binding("right_square_bracket,alt+right", "forward", "Forward", show=False, id="forward",
            tooltip="forward again"),
    Binding("ctrl+r", "refresh_all", "Refresh all", show=False, id="refresh_all",
            tooltip="refresh every film from TMDB (progress below; again cancels)"),
    Binding("ctrl+t", "search_tmdb", "Search TMDB", show=False, id="search_tmdb",
            tooltip="search TMDB for a film you do not have and add it"),
    Binding("f3", "diary", "Diary", show=False, id="diary",
            tooltip="your diary: every viewing you logged, by month"),
    Binding("f4", "recent", "Recently viewed", show=False, id="recent",
            tooltip="the last 50 film pages you opened"),
    Binding("f6", "next_theme", "Theme", show=False, id="next_theme",
            tooltip="next theme, kept for next time: filmtui-dark, filmtui-light (all: Ctrl+P)"),
]

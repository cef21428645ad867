"""filmtui's screens: the film list, a film's page, a person's page, a poster, help, about, the diary,
recently viewed, and the filter, rating and seen dialogs.

Names are imported on first use (PEP 562), as textual.widgets does: start-up needs only the list
screen, and the other screens pull in TabbedContent, OptionList and Select, which cost time to import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filmtui.screens.about_screen import AboutScreen
    from filmtui.screens.film_screen import FilmScreen
    from filmtui.screens.diary_screen import DiaryScreen
    from filmtui.screens.filter_dialog import FilterDialog
    from filmtui.screens.help_screen import HelpScreen
    from filmtui.screens.link_chooser import LinkChooser
    from filmtui.screens.list_screen import ListScreen
    from filmtui.screens.person_screen import PersonScreen
    from filmtui.screens.poster_screen import PosterScreen
    from filmtui.screens.rate_dialog import RateDialog
    from filmtui.screens.recent_screen import RecentScreen
    from filmtui.screens.seen_dialog import SeenDialog
    from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog

_MODULES = {
    "AboutScreen": "about_screen",
    "FilmScreen": "film_screen",
    "DiaryScreen": "diary_screen",
    "FilterDialog": "filter_dialog",
    "HelpScreen": "help_screen",
    "LinkChooser": "link_chooser",
    "ListScreen": "list_screen",
    "PersonScreen": "person_screen",
    "PosterScreen": "poster_screen",
    "RateDialog": "rate_dialog",
    "RecentScreen": "recent_screen",
    "SeenDialog": "seen_dialog",
    "TmdbSearchDialog": "tmdb_search_dialog",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)

"""filmtui's screens: the film list, a film's page, a person's page, help and about."""

from filmtui.screens.about_screen import AboutScreen
from filmtui.screens.film_screen import FilmScreen
from filmtui.screens.filter_dialog import FilterDialog
from filmtui.screens.help_screen import HelpScreen
from filmtui.screens.list_screen import ListScreen
from filmtui.screens.person_screen import PersonScreen

__all__ = ["AboutScreen", "FilmScreen", "FilterDialog", "HelpScreen", "ListScreen", "PersonScreen"]

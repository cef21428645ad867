"""filmtui's widgets."""

from filmtui.widgets.credit_list import CreditList
from filmtui.widgets.film_list import FilmList
from filmtui.widgets.spoiler_list import SpoilerList

__all__ = ["CreditList", "FilmList", "SpoilerList"]

"""filmtui's widgets, imported on first use (PEP 562) so start-up loads only the film list."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filmtui.widgets.credit_list import CreditList
    from filmtui.widgets.film_list import FilmList
    from filmtui.widgets.spoiler_list import SpoilerList

_MODULES = {"CreditList": "credit_list", "FilmList": "film_list", "SpoilerList": "spoiler_list"}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)

"""Handlers that outlive their widgets: keys, results and timers that arrive while the app closes.

Quitting tears the screens down while messages already on their way (a key pressed together with
q, a worker's answer, a refresh of the layout) are still delivered; a handler that queries its
widgets then finds none, or asks a removed screen for a component style. That is not an error while the app is closing, and only then.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from textual.css.query import NoMatches
from textual.dom import DOMNode

N = TypeVar("N", bound=DOMNode)
P = ParamSpec("P")
R = TypeVar("R")


def closing(node: DOMNode) -> bool:
    """True once the app is quitting, or `node` has left the DOM."""
    return not node.is_attached or node.app.return_code is not None


def tolerates_teardown(handler: Callable[Concatenate[N, P], R]) -> Callable[Concatenate[N, P], R | None]:
    """Run `handler`; a query finding nothing because the app is closing ends it quietly."""

    @wraps(handler)
    def guarded(node: N, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return handler(node, *args, **kwargs)
        except (NoMatches, KeyError):
            # KeyError: a removed widget's component styles go with it, so a style looked up
            # by its component class is missing too.
            if closing(node):
                return None
            raise

    return guarded


__all__ = ["closing", "tolerates_teardown"]

"""Keys typed at launch, before the first frame (nothing has the focus yet): kept, and replayed
once the search box has the focus, so a query typed while filmtui starts is not lost."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.message import Message


class LaunchKeys:
    """The keys that came before the first frame, in the order they came."""

    def __init__(self) -> None:
        self._kept: list[events.Key] | None = []
        """None once replayed: from then on keys go straight through."""

    def keep(self, key: events.Key) -> bool:
        """True when `key` is kept for the replay (it came before the first frame)."""
        if self._kept is None or key.is_forwarded:
            return False
        self._kept.append(key)
        return True

    def replay(self, post: Callable[[Message], object]) -> None:
        """The first frame is up: post the kept keys again, in order."""
        kept, self._kept = self._kept or [], None
        for key in kept:
            post(events.Key(key.key, key.character))

"""What an import changes in one film's data, keeping what is newer here and saying so."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from filmtui.exchange.records import Entry
from filmtui.models import UserData, Viewing


@dataclass(slots=True)
class Incoming:
    """Everything the file says about one film, gathered from its entries."""

    viewings: list[Viewing] = field(default_factory=list)
    seen: bool = False
    rating: int | None = None
    rated_on: str | None = None
    watchlist: bool = False
    note: str = ""

    @classmethod
    def gather(cls, entries: Iterable[Entry]) -> Incoming:
        """One film's entries as one: the latest-dated rating wins (an undated one only when
        nothing else says)."""
        incoming = cls()
        for entry in entries:
            incoming.viewings.extend(entry.viewings)
            incoming.seen |= entry.seen
            incoming.watchlist |= entry.watchlist
            incoming.note = incoming.note or entry.note
            if entry.rating is not None and (
                incoming.rating is None or (entry.rated_on or "") >= (incoming.rated_on or "")
            ):
                incoming.rating, incoming.rated_on = entry.rating, entry.rated_on
        return incoming


@dataclass(frozen=True, slots=True)
class Outcome:
    """The film's data after the import, what changed, and what local data was kept."""

    data: UserData
    changes: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()


def _rated_here_on(current: UserData) -> str | None:
    """The day the local rating was given, when a logged viewing says (its rating is yours)."""
    days = [v.date for v in current.diary if v.date and v.rating == current.rating]
    return days[-1] if days else None


def merge(current: UserData, incoming: Incoming) -> Outcome:
    """`current` with what `incoming` adds. Viewings already logged (the same day, or any
    viewing for an undated one) are not added twice; a different local rating or note is kept
    when it is newer than the file's, or when there is no day to tell, and reported."""
    changes: list[str] = []
    kept: list[str] = []
    days = {v.date for v in current.diary}
    new = [v for v in incoming.viewings if (v.date not in days if v.date else not current.diary)]
    if incoming.seen and not current.diary and not new:
        new = [Viewing()]
    if new:
        dated = [v for v in new if v.date]
        changes.append(f"{len(new)} viewing{'s' * (len(new) > 1)}" if dated else "seen")
    data = replace(current, diary=(*current.diary, *new))
    if incoming.rating is not None and incoming.rating != current.rating:
        theirs = f"{incoming.rating}/10" + (f" of {incoming.rated_on}" if incoming.rated_on else "")
        if current.rating is None:
            data = replace(data, rating=incoming.rating)
            changes.append(f"rating {incoming.rating}/10")
        else:
            ours_on = _rated_here_on(current)
            if ours_on and incoming.rated_on and ours_on <= incoming.rated_on:
                data = replace(data, rating=incoming.rating)
                changes.append(f"rating {incoming.rating}/10 (was {current.rating}/10 of {ours_on})")
            else:
                why = f"of {ours_on}, newer" if ours_on else "no day to compare"
                kept.append(f"your rating {current.rating}/10 ({why}; the file has {theirs})")
    if incoming.watchlist and not current.watchlist:
        data = replace(data, watchlist=True)
        changes.append("on your watchlist")
    if incoming.note and incoming.note != current.note:
        if current.note:
            kept.append("your note (the file has another)")
        else:
            data = replace(data, note=incoming.note)
            changes.append("note")
    return Outcome(data, tuple(changes), tuple(kept))

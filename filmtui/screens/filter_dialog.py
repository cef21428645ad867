"""The filter dialog: genre, decade, certification, your lists (seen, not seen, rated by you) and
the watchlist, combined with the search."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Select

from filmtui.browse import YOURS, Filters
from filmtui.text import clean


class FilterDialog(ModalScreen[Filters | None]):
    """Pick filters; dismisses with the new Filters, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel_filter"),
        Binding("ctrl+s", "apply", "Apply", id="apply_filter"),
    ]

    def __init__(
        self,
        filters: Filters,
        genres: list[str],
        decades: list[int],
        certifications: list[str],
        watchlist: frozenset[int] = frozenset(),
        seen: frozenset[int] = frozenset(),
        rated: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__()
        self.filters = filters
        self.watchlist = watchlist
        self.seen = seen
        self.rated = rated
        self.genres = genres
        self.decades = decades
        self.certifications = certifications

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box"):
            yield Label("Filter films", id="filter-title")
            yield Label("Genre")
            yield Select(
                [(Text(clean(g)), g) for g in self.genres],
                prompt="Any genre",
                value=self.filters.genre if self.filters.genre in self.genres else Select.NULL,
                id="filter-genre",
            )
            yield Label("Decade")
            yield Select(
                [(f"{d}s", d) for d in self.decades],
                prompt="Any decade",
                value=self.filters.decade if self.filters.decade in self.decades else Select.NULL,
                id="filter-decade",
            )
            yield Label("Certification")
            yield Select(
                [(Text(clean(c)), c) for c in self.certifications],
                prompt="Any certification",
                value=(
                    self.filters.certification
                    if self.filters.certification in self.certifications
                    else Select.NULL
                ),
                id="filter-certification",
            )
            # Side by side: the dialog fits an 80x24 terminal with its buttons showing.
            with Horizontal(id="filter-mine"):
                counts = {"seen": len(self.seen), "rated by you": len(self.rated)}
                yield Select(
                    [(f"{name} ({counts[name]:,})" if name in counts else name, name) for name in YOURS],
                    prompt="Your films: any",
                    value=self.filters.yours if self.filters.yours is not None else Select.NULL,
                    id="filter-yours",
                )
                yield Checkbox(
                    f"My watchlist ({len(self.watchlist):,})",
                    self.filters.only is not None,
                    id="filter-watchlist",
                )
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply")
                yield Button("Clear", id="filter-clear")
                yield Button("Cancel", id="filter-cancel")

    def _value(self, select_id: str):
        value = self.query_one(f"#{select_id}", Select).value
        return None if value is Select.NULL else value

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        """Close with the chosen filters."""
        self.dismiss(
            Filters(
                genre=self._value("filter-genre"),
                decade=self._value("filter-decade"),
                certification=self._value("filter-certification"),
                only=self.watchlist if self.query_one("#filter-watchlist", Checkbox).value else None,
                yours=(yours := self._value("filter-yours")),
                yours_ids=self.rated if yours == "rated by you" else self.seen,
            )
        )

    @on(Button.Pressed, "#filter-clear")
    def clear(self) -> None:
        """Close with no filters."""
        self.dismiss(Filters())

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        """Close and keep the filters as they were."""
        self.dismiss(None)

"""Your rating (1 to 10, or in stars) and note for a film, in a small dialog."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from filmtui.models import UserData
from filmtui.ratings import DEFAULT_SCALE, RatingScale
from filmtui.screens.rating_field import rating_input, rating_label, rating_rule, read_rating
from filmtui.text import clean


class RateDialog(ModalScreen[UserData | None]):
    """Edit the rating and note; dismisses with the new UserData, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_rating")]

    def __init__(self, title: str, mine: UserData, scale: RatingScale = DEFAULT_SCALE) -> None:
        super().__init__()
        self.film_title = title
        self.mine = mine
        self.scale = scale
        """The scale the rating is typed in (stored 1 to 10 whatever it is)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="rate-box"):
            yield Static(Content.assemble("Your rating and note for ", (clean(self.film_title), "bold")), id="rate-title")
            yield rating_label(self.scale)
            yield rating_input(self.mine.rating, self.scale, "rate-rating")
            # A one-line box would fold a note of several lines into one: those are edited with e.
            several = "\n" in self.mine.note
            yield Label("Note (several lines: press e on the film page to edit it)" if several else "Note")
            yield Input(
                clean(self.mine.note), placeholder="Anything you want to remember", id="rate-note",
                disabled=several,
            )
            yield Static(id="rate-error")
            with Horizontal(id="rate-buttons"):
                yield Button("Save", variant="primary", id="rate-save")
                yield Button("Cancel", id="rate-cancel")

    def on_mount(self) -> None:
        self.query_one("#rate-error").display = False

    @on(Input.Submitted)
    @on(Button.Pressed, "#rate-save")
    def save(self) -> None:
        """Close with the new rating and note, unless the rating is not 1 to 10 (½ to 5 stars)."""
        try:
            rating = read_rating(self.query_one("#rate-rating", Input).value, self.scale)
        except ValueError:
            error = self.query_one("#rate-error", Static)
            error.update(Content(f"{rating_rule(self.scale).capitalize()} (or nothing)."))
            error.display = True
            self.query_one("#rate-rating", Input).focus()
            return
        box = self.query_one("#rate-note", Input)
        note = self.mine.note if box.disabled else box.value.strip()
        self.dismiss(UserData(watchlist=self.mine.watchlist, rating=rating, note=note))

    @on(Button.Pressed, "#rate-cancel")
    def action_cancel(self) -> None:
        """Close and change nothing."""
        self.dismiss(None)

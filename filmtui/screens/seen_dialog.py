"""Log a viewing of a film: the day (today unless changed), a rating, a note, rewatch or not."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from filmtui.models import Viewing, parse_note
from filmtui.ratings import DEFAULT_SCALE, RatingScale
from filmtui.screens.rating_field import rating_input, rating_label, read_rating
from filmtui.text import clean


class SeenDialog(ModalScreen[Viewing | None]):
    """Dismisses with the Viewing to log, or None when cancelled. Enter at once logs today."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, today: str, rewatch: bool = False,
                 scale: RatingScale = DEFAULT_SCALE) -> None:
        super().__init__()
        self.film_title = title
        self.today = today
        self.rewatch = rewatch
        """True when the film was seen before: the viewing is marked a rewatch unless unticked."""
        self.scale = scale
        """The scale the rating is typed in (stored 1 to 10 whatever it is)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="seen-box"):
            yield Static(Content.assemble("Seen ", (clean(self.film_title), "bold")), id="seen-title")
            yield Label("Day (YYYY-MM-DD, empty: not known)")
            yield Input(self.today, placeholder="YYYY-MM-DD", max_length=10, id="seen-date")
            yield rating_label(self.scale)
            yield rating_input(None, self.scale, "seen-rating")
            yield Label("Note on this viewing")
            yield Input(placeholder="Anything you want to remember", id="seen-note")
            yield Checkbox("Rewatch", self.rewatch, id="seen-rewatch")
            yield Static(id="seen-error")
            with Horizontal(id="seen-buttons"):
                yield Button("Log it", variant="primary", id="seen-save")
                yield Button("Cancel", id="seen-cancel")

    def on_mount(self) -> None:
        self.query_one("#seen-error").display = False
        self.query_one("#seen-date", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#seen-{name}", Input).value

    @on(Input.Submitted)
    @on(Button.Pressed, "#seen-save")
    def save(self) -> None:
        """Close with the viewing, unless the day or the rating is not sound (said in a line)."""
        try:
            viewing = Viewing(
                date=self._value("date").strip() or None,
                rating=read_rating(self._value("rating"), self.scale),
                note=parse_note(self._value("note")),
                rewatch=self.query_one("#seen-rewatch", Checkbox).value,
            )
        except ValueError as problem:
            error = self.query_one("#seen-error", Static)
            error.update(Content(f"{clean(str(problem)).capitalize()}."))
            error.display = True
            return
        self.dismiss(viewing)

    @on(Button.Pressed, "#seen-cancel")
    def action_cancel(self) -> None:
        """Close and log nothing."""
        self.dismiss(None)

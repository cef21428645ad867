"""FAQ and trivia items, each with its source; spoilers stay hidden until the reader asks."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from filmtui.models import FaqItem, TriviaItem
from filmtui.text import clean

HIDDEN = "Spoiler hidden: press r (or Enter) to reveal."


class SpoilerList(OptionList):
    """FAQ questions with answers, or trivia items; `r`/Enter reveals the highlighted spoiler."""

    BINDINGS = [
        Binding("r", "reveal", "Reveal", id="reveal",
                tooltip="FAQ, Trivia: reveal or hide the highlighted spoiler (Enter too)"),
        Binding("R", "reveal_all", "Reveal all", show=False, id="reveal_all",
                tooltip="FAQ, Trivia: reveal or hide every spoiler in the tab"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.items: Sequence[FaqItem | TriviaItem] = ()
        self.revealed: set[int] = set()

    def show(self, items: Sequence[FaqItem | TriviaItem]) -> None:
        """List `items`, every spoiler hidden."""
        self.items = items
        self.revealed = set()
        self.set_options(Option(self._prompt(i), id=str(i)) for i in range(len(items)))
        self.highlighted = 0 if items else None

    def _prompt(self, index: int) -> Text:
        item = self.items[index]
        hidden = item.spoiler and index not in self.revealed
        text = Text()
        if isinstance(item, FaqItem):
            text.append(clean(item.question), style="bold")
            text.append("\n")
            body = item.answer
        else:
            body = item.text
        if hidden:
            text.append(HIDDEN, style="italic reverse")
        else:
            if item.spoiler:
                text.append("Spoiler: ", style="bold")
            text.append(clean(body, multiline=True).strip())
        if item.source:
            text.append("\nSource: ", style="dim")
            text.append(clean(item.source), style="dim")
        if item.second_source:
            text.append("\nAlso: ", style="dim")
            text.append(clean(item.second_source), style="dim")
        text.append("\n")
        return text

    def _redraw(self, index: int) -> None:
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def action_reveal(self) -> None:
        """Reveal (or hide again) the highlighted item's spoiler."""
        index = self.highlighted
        if index is None or not self.items[index].spoiler:
            return
        self.revealed ^= {index}
        self._redraw(index)

    def action_reveal_all(self) -> None:
        """Reveal every spoiler, or hide them all when all are showing."""
        spoilers = {i for i, item in enumerate(self.items) if item.spoiler}
        self.revealed = set() if spoilers <= self.revealed else spoilers
        for index in spoilers:
            self._redraw(index)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_reveal()

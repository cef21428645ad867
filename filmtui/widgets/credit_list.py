"""The Cast tab's list: cast in billing order, then key crew; Enter opens a person's page."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from filmtui.models import KEY_JOBS, CastMember, CrewMember
from filmtui.text import clean


def key_crew(crew: Sequence[CrewMember], directors: Sequence[str]) -> list[CrewMember]:
    """Key crew in KEY_JOBS order (directors first, even when only `directors` names them)."""
    people = list(crew)
    named = {(c.name, c.job) for c in people}
    people += [CrewMember(name, "Director") for name in directors if (name, "Director") not in named]
    rank = {job: i for i, job in enumerate(KEY_JOBS)}
    keyed = [c for c in people if c.job in rank]
    return sorted(keyed, key=lambda c: rank[c.job])  # stable: billing order within a job


class CreditList(OptionList):
    """Cast members with their characters, then key crew with their jobs."""

    class PersonSelected(Message):
        """A person was chosen (Enter or click)."""

        def __init__(self, name: str, role: str) -> None:
            self.name = name
            self.role = role
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._people: dict[str, tuple[str, str]] = {}

    def show(self, cast: Sequence[CastMember], crew: Sequence[CrewMember]) -> None:
        """List `cast` then `crew` (already in key-crew order)."""
        self._people.clear()
        options: list[Option | None] = []
        if cast:
            options.append(Option(Text("Cast", style="bold"), disabled=True))
        for number, member in enumerate(cast):
            option_id = f"cast-{number}"
            self._people[option_id] = (member.name, member.character or "Cast")
            line = Text(clean(member.name), style="bold")
            line.append("  as " if member.character else "", style="dim")
            line.append(clean(member.character))
            options.append(Option(line, id=option_id))
        if crew:
            if cast:
                options.append(None)
            options.append(Option(Text("Key crew", style="bold"), disabled=True))
        for number, crew_member in enumerate(crew):
            option_id = f"crew-{number}"
            self._people[option_id] = (crew_member.name, crew_member.job)
            line = Text(clean(crew_member.name), style="bold")
            line.append("  " + clean(crew_member.job), style="dim")
            options.append(Option(line, id=option_id))
        self.set_options(options)
        # The first person, not the "Cast" heading, starts highlighted.
        self.highlighted = 1 if len(options) > 1 else None

    @on(OptionList.OptionSelected)
    def _person_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        person = self._people.get(event.option_id or "")
        if person is not None:
            self.post_message(self.PersonSelected(*person))

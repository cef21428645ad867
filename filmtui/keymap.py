"""The user's [keys] table checked against filmtui's bindings, and the help built from them.

Every binding has an id; Textual's keymap (App.set_keymap) swaps a binding's keys by id. Textual
itself takes a clashing key away from the binding that had it; here a bad entry (an unknown id,
a key name Textual has never heard of, a key another binding on the same screen already uses)
is one line for the user and is left out, so that binding keeps its default keys.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key, format_key, key_to_character

from filmtui.screens.about_screen import AboutScreen
from filmtui.screens.film_screen import FilmScreen
from filmtui.screens.filter_dialog import FilterDialog
from filmtui.screens.help_screen import HelpRow, HelpSection, HelpScreen
from filmtui.screens.list_screen import ListScreen
from filmtui.screens.person_screen import PersonScreen
from filmtui.screens.poster_screen import PosterScreen
from filmtui.screens.rate_dialog import RateDialog
from filmtui.screens.tmdb_search_dialog import TmdbSearchDialog
from filmtui.widgets.film_list import FilmList
from filmtui.widgets.search_box import SearchBox
from filmtui.widgets.spoiler_list import SpoilerList

#: Where bindings are active together: a screen with the widgets on it. The App's bindings are
#: active on every one of them. The first four are the help's sections.
SCOPES: tuple[tuple[str, tuple[type[DOMNode], ...]], ...] = (
    ("Film list", (ListScreen, SearchBox, FilmList)),
    ("Film page", (FilmScreen, SpoilerList)),
    ("Person page", (PersonScreen,)),
    ("Help", (HelpScreen,)),
    ("About", (AboutScreen,)),
    ("Poster", (PosterScreen,)),
    ("Filter dialog", (FilterDialog,)),
    ("Rating dialog", (RateDialog,)),
    ("TMDB search", (TmdbSearchDialog,)),
)
HELP_SECTIONS = 3
"""The help shows the App's keys, then the first HELP_SECTIONS scopes."""

MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
_NAMED = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}


@dataclass(frozen=True)
class _Bound:
    """One key of one binding, where it is declared."""

    key: str
    binding: Binding
    scope: str


def normalize_key(key: str) -> str | None:
    """`key` as Textual names it ("?" -> "question_mark", "Ctrl+X" -> "ctrl+x"), or None when it
    is no key Textual knows."""
    *modifiers, base = key.strip().split("+")
    modifiers = [modifier.strip().lower() for modifier in modifiers]
    base = base.strip()
    if not base or any(modifier not in MODIFIERS for modifier in modifiers):
        return None
    if len(base) == 1:
        base = _character_to_key(base)
    else:
        base = base.lower()
        if base not in _NAMED and key_to_character(base) is None:
            return None
    return "+".join([*modifiers, base])


def key_label(key: str) -> str:
    """A key as the help names it: "Ctrl+R", "?", "F1", "Alt+←", "PageUp"."""
    *modifiers, base = key.split("+")
    shown = format_key(base)
    shown = {"esc": "Esc", "pgup": "PageUp", "pgdn": "PageDown", "pageup": "PageUp",
             "pagedown": "PageDown", "⏎": "Enter", "⌫": "Backspace"}.get(shown, shown)
    if (len(shown) > 1 and shown[0] == "f" and shown[1:].isdigit()) or (modifiers and len(shown) == 1):
        shown = shown.upper()
    elif len(shown) > 1 and shown.islower():
        shown = shown.capitalize()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


def _declared(owner: type[DOMNode]) -> Iterable[Binding]:
    """`owner`'s bindings, inherited ones too, one per key."""
    merged = owner._merged_bindings
    if merged is None:
        return ()
    return [binding for bindings in merged.key_to_bindings.values() for binding in bindings]


def _everything(app: type[App[None]]) -> list[_Bound]:
    bound = [_Bound(b.key, b, "") for b in _declared(app)]
    bound.append(_Bound(app.COMMAND_PALETTE_BINDING, Binding(app.COMMAND_PALETTE_BINDING, "command_palette"), ""))
    for scope, owners in SCOPES:
        bound += [_Bound(b.key, b, scope) for owner in owners for b in _declared(owner)]
    return bound


def _keys_of(bound: Sequence[_Bound], binding_id: str) -> list[str]:
    return list(dict.fromkeys(b.key for b in bound if b.binding.id == binding_id))


def _labels(keys: Iterable[str]) -> str:
    return ", ".join(key_label(key) for key in keys)


def check_keymap(app: type[App[None]], wanted: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The usable part of the user's [keys] table (id -> normalized keys) and one line for each
    entry left out."""
    bound = _everything(app)
    ids = {b.binding.id for b in bound if b.binding.id}
    usable: dict[str, list[str]] = {}
    problems: list[str] = []
    for binding_id, value in wanted.items():
        where = f"config.toml [keys] {binding_id}"
        if binding_id not in ids:
            close = difflib.get_close_matches(binding_id, sorted(ids), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"{where}: no such binding{hint}; the help (?) names every binding's id")
            continue
        keys = [normalize_key(part) for part in value.split(",")] if value.strip() else [None]
        if None in keys:
            bad = [part.strip() for part, key in zip(value.split(","), keys) if key is None]
            problems.append(f"{where} = {value!r}: {bad[0]!r} is not a key name (try f5, ctrl+s, "
                            f"question_mark or a letter); it keeps {_labels(_keys_of(bound, binding_id))}")
            continue
        usable[binding_id] = list(dict.fromkeys(key for key in keys if key))
    # A clash is checked against where every other binding ends up; leaving one entry out can
    # put its default keys back in another's way, so check again until nothing changes.
    while True:
        clash = _first_clash(bound, usable)
        if clash is None:
            break
        binding_id, key, other = clash
        scope = f" on the {other.scope.lower()}" if other.scope else ""
        problems.append(f"config.toml [keys] {binding_id}: {key_label(key)} is already taken by "
                        f"{other.binding.id or other.binding.action}{scope}; it keeps "
                        f"{_labels(_keys_of(bound, binding_id))}")
        del usable[binding_id]
    return {binding_id: ",".join(keys) for binding_id, keys in usable.items()}, problems


def _first_clash(bound: Sequence[_Bound], usable: Mapping[str, list[str]]) -> tuple[str, str, _Bound] | None:
    """(id, key, the binding already there) for the first rebinding whose new key is taken. A key
    the binding had by default is not new: whatever shared it before (F1 opens and closes the
    help) shares it as it always did."""
    final = [b for b in bound if b.binding.id not in usable]
    for binding_id, keys in usable.items():
        final += [_Bound(key, b.binding, b.scope) for b in bound if b.binding.id == binding_id
                  for key in keys]
    for binding_id, keys in usable.items():
        scopes = {b.scope for b in bound if b.binding.id == binding_id}
        new = set(keys) - set(_keys_of(bound, binding_id))
        for other in final:
            if other.binding.id == binding_id or other.key not in new:
                continue
            # The App's keys meet every screen's; a screen's keys meet the App's and their own.
            if "" in scopes or other.scope == "" or other.scope in scopes:
                return binding_id, other.key, other
    return None


def help_sections(app: type[App[None]], keymap: Mapping[str, str]) -> list[HelpSection]:
    """Every binding with an id, as the keymap leaves it: the App's, then each page's (an id
    the App already showed is not repeated)."""
    everywhere = (*_rows([app], keymap, set()), HelpRow(
        key_label(app.COMMAND_PALETTE_BINDING),
        "command palette: open any film or person by name, pick a theme", ""))
    sections = [HelpSection("Everywhere", everywhere)]
    # "": on the pages, only filmtui's own bindings (Textual's id-less ones are its widgets').
    shown = {row.binding_id for row in everywhere} | {""}
    for title, owners in SCOPES[:HELP_SECTIONS]:
        notes = tuple(str(getattr(owner, "HELP_NOTE")) for owner in owners if getattr(owner, "HELP_NOTE", ""))
        sections.append(HelpSection(title, _rows(owners, keymap, shown), notes))
    return sections


def _rows(owners: Iterable[type[DOMNode]], keymap: Mapping[str, str], shown: set[str]) -> tuple[HelpRow, ...]:
    """One row per binding id declared in `owners` (in their order), skipping ids in `shown`."""
    rows: dict[str, HelpRow] = {}
    for owner in owners:
        for cls in owner.__mro__:
            for binding in Binding.make_bindings(getattr(cls, "BINDINGS", ()) if "BINDINGS" in vars(cls) else ()):
                binding_id = binding.id or ""
                if binding.system or binding_id in shown or not (binding.tooltip or binding_id):
                    continue
                keys = keymap[binding_id].split(",") if binding_id in keymap else [binding.key]
                what = binding.tooltip or binding.description
                name = binding_id or f"action:{binding.action}"
                row = rows.get(name)
                if row is None or binding_id in keymap:
                    rows[name] = HelpRow(_labels(keys).replace(", ", " / "), what, binding_id)
                else:
                    rows[name] = HelpRow(f"{row.keys} / {_labels(keys)}", row.what, binding_id)
    return tuple(rows.values())

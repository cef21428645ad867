"""The browser's history as plain data: back and forward like a browser, each page coming back
on the tab and row it was left on. No Textual, no store."""

from __future__ import annotations

from filmtui.models import PersonCredit
from filmtui.navigation import FilmPage, History, PersonPage, Place

HEAT, SCARFACE = FilmPage(949), FilmPage(111)
PACINO = PersonPage("Al Pacino", (PersonCredit(949, "Heat", 1995, "Vincent Hanna"),))


def test_back_and_forward_walk_the_pages_in_order_and_back_past_the_first_is_the_list() -> None:
    history = History()
    history.open(HEAT, from_list=True)
    history.open(PACINO, from_list=False)
    history.open(SCARFACE, from_list=False)
    assert history.back().page == PACINO
    assert history.back().page == HEAT
    assert history.back() is None  # back to the list
    assert history.forward(from_list=True).page == HEAT
    assert history.forward(from_list=False).page == PACINO
    assert history.forward(from_list=False).page == SCARFACE
    assert history.forward(from_list=False) is None


def test_a_page_comes_back_on_the_tab_and_row_it_was_left_on() -> None:
    history = History()
    history.open(HEAT, from_list=True)
    history.leave(Place("cast", 3))  # Cast tab, fourth row: then Enter on a person
    history.open(PACINO, from_list=False)
    back = history.back()
    assert back.page == HEAT and back.place == Place("cast", 3)
    history.leave(Place("trivia", 1))
    history.open(PACINO, from_list=False)
    assert history.back().place == Place("trivia", 1)  # where it was left last, not first


def test_a_new_page_drops_the_forward_history_and_from_the_list_history_starts_again() -> None:
    history = History()
    history.open(HEAT, from_list=True)
    history.open(PACINO, from_list=False)
    history.back()
    history.open(SCARFACE, from_list=False)
    assert history.forward(from_list=False) is None
    assert [v.page for v in history.visits] == [HEAT, SCARFACE]
    history.open(PACINO, from_list=True)
    assert [v.page for v in history.visits] == [PACINO]
    assert history.back() is None


def test_the_same_film_twice_in_the_history_keeps_two_places() -> None:
    history = History()
    history.open(HEAT, from_list=True)
    history.leave(Place("faq", 2))
    history.open(PACINO, from_list=False)
    history.open(HEAT, from_list=False)
    history.leave(Place("cast", 0))
    assert history.back().page == PACINO
    assert history.back().place == Place("faq", 2)

"""The one film page model: the facts, their order and labels, the unverified marking, the notes
and TMDB's notice, the same for the film screen and `filmtui show`."""

from __future__ import annotations

from fake_films import film
from filmtui import film_page
from filmtui.cli.show import page
from filmtui.models import UserData

CAST = [{"name": f"Actor {n}", "character": f"Role {n}"} for n in range(1, 8)]
HEAT = film(
    949, "Heat", year=1995, directors=["Michael Mann"], cast=CAST, budget=60_000_000,
    certification="R", unverified=["certification", "budget"], complexity="Long but linear.",
)
REFRESHED = film(1, "Refreshed", tmdb={"id": 1, "title": "Refreshed", "refreshed_at": "2026-11-30T10:00:00+00:00"})


def test_the_facts_come_in_one_order_with_one_set_of_labels_and_five_names_starring() -> None:
    labels = [label for label, _ in film_page.facts(HEAT, keys=True)]
    assert labels == ["Directed by", "Starring", "Released", "Budget", "Box office", "Complexity",
                      "Advisories", "Links", "Yours"]
    facts = dict(film_page.facts(HEAT))
    assert facts["Starring"] == "Actor 1, Actor 2, Actor 3, Actor 4, Actor 5"
    assert facts["Budget"] == "$60 million (unverified)"
    assert "Yours" not in facts  # `show` leaves it out when the user kept nothing
    assert "R (unverified)" in film_page.meta(HEAT)


def test_the_yours_line_names_the_browsers_keys_only_in_the_browser() -> None:
    mine = UserData(watchlist=True, rating=8)
    assert film_page.yours(mine) == "on your watchlist · your rating 8/10"
    assert film_page.yours(mine, keys=True) == (
        "On your watchlist · your rating 8/10 (w: watchlist, m: rating, v: seen, e: note)"
    )


def test_tmdbs_current_notice_and_wordmark_only_where_tmdb_data_is_shown() -> None:
    assert film_page.TMDB_NOTICE == (
        "This product uses TMDB and the TMDB APIs but is not endorsed, certified, or otherwise "
        "approved by TMDB."
    )
    assert film_page.TMDB_NOTICE in film_page.source_lines(REFRESHED)
    assert film_page.TMDB_WORDMARK in film_page.source_lines(REFRESHED)
    assert film_page.TMDB_NOTICE not in film_page.source_lines(HEAT)
    assert film_page.UNVERIFIED in film_page.source_lines(HEAT)


def test_show_lays_out_the_same_facts() -> None:
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=200, color_system=None)
    console.print(page(HEAT, region="US"))
    text = console.file.getvalue()
    for label, value in film_page.facts(HEAT):
        assert f"{label}: {value}" in text

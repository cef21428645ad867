"""The rating box of the rating and seen dialogs, in the scale the user reads ratings in: 1 to
10 as stored, or Letterboxd's stars (3.5 is kept as 7)."""

from __future__ import annotations

from textual.widgets import Input, Label

from filmtui.models import RATING_RULE, parse_rating
from filmtui.ratings import STARS_RULE, RatingScale, parse_stars, stars_typed


def rating_label(scale: RatingScale) -> Label:
    """What the box takes, said above it."""
    if scale == "stars":
        return Label("Rating in stars, ½ to 5 (3.5 is 7/10; empty: none)")
    return Label("Rating, 1 to 10 (empty: none)")


def rating_input(rating: int | None, scale: RatingScale, id: str) -> Input:
    """The box, holding `rating` as the user reads it ("3.5" in stars)."""
    if scale == "stars":
        return Input(stars_typed(rating) if rating else "", placeholder="½-5 stars", max_length=5, id=id)
    return Input(str(rating or ""), placeholder="1-10", type="integer", max_length=2, id=id)


def read_rating(text: str, scale: RatingScale) -> int | None:
    """The 1-10 rating typed in the box (None for nothing); ValueError saying the rule."""
    return parse_stars(text) if scale == "stars" else parse_rating(text)


def rating_rule(scale: RatingScale) -> str:
    """What a rating typed in the box must be."""
    return STARS_RULE if scale == "stars" else RATING_RULE

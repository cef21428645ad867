"""A rating of yours as the user wants it shown: on IMDb's 1-10 scale, as stored ("7/10"), or in
Letterboxd's stars, where a star is two points and so every rating maps exactly ("★★★½").

TMDB's community score is not the user's and is always shown out of 10 (film_page does that).
"""

from __future__ import annotations

import re
from typing import Literal

RatingScale = Literal["ten", "stars"]
SCALES: tuple[RatingScale, ...] = ("ten", "stars")
"""What `[ui] ratings` in config.toml may say."""
DEFAULT_SCALE: RatingScale = "ten"
SCALE_WORDS: dict[RatingScale, str] = {"ten": "1-10", "stars": "stars"}
"""How each scale is named to the user ("Show ratings as 1-10")."""

STAR = "★"
HALF = "½"
# Both glyphs are in every terminal font filmtui targets (★ already marks the watchlist), and one
# cell wide, so no ASCII fallback is kept.


def rating_text(rating: int, scale: RatingScale = DEFAULT_SCALE) -> str:
    """`rating` (1 to 10) for the user: "8/10", or in stars 8 -> "★★★★", 7 -> "★★★½", 1 -> "½"."""
    if scale == "stars":
        return STAR * (rating // 2) + HALF * (rating % 2)
    return f"{rating}/10"


def parse_scale(value: object) -> RatingScale | None:
    """A scale as written in config.toml ("stars", "ten", any case); None when it is neither."""
    word = value.strip().lower() if isinstance(value, str) else None
    return next((scale for scale in SCALES if scale == word), None)


STARS_RULE = "a rating in stars is ½ to 5, in half stars (3.5, 3½ or ★★★½)"
_STAR_GLYPHS = re.compile(f"{STAR}{{0,5}}{HALF}?")
_STAR_NUMBER = re.compile(r"\d(?:\.[05])?")


def parse_stars(text: str) -> int | None:
    """Stars as typed ("3.5", "3½", "3,5", "★★★½", "4") as the 1-10 rating they stand for
    (stars x 2); None for nothing; ValueError (saying STARS_RULE) for anything else."""
    text = text.strip()
    if not text:
        return None
    if _STAR_GLYPHS.fullmatch(text):
        points = 2 * text.count(STAR) + text.count(HALF)
    else:
        number = text.replace(",", ".").replace(HALF, ".5")
        number = "0" + number if number.startswith(".") else number
        if not _STAR_NUMBER.fullmatch(number):
            raise ValueError(f"{STARS_RULE}, not {text!r}")
        points = round(float(number) * 2)
    if not 1 <= points <= 10:
        raise ValueError(f"{STARS_RULE}, not {text!r}")
    return points


def stars_typed(rating: int) -> str:
    """`rating` as stars the way one types them back: 7 -> "3.5", 8 -> "4"."""
    return f"{rating // 2}.5" if rating % 2 else str(rating // 2)

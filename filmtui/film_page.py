"""The film page's model: which facts it shows, in what order, under which labels, and the notes
under them (source, unverified marking, TMDB's notice). Plain strings, no Textual and no Rich:
the film screen and `filmtui show` lay out the same page from here.

Every value is cleaned (control characters stripped) and meant to be shown as plain text.
"""

from __future__ import annotations

from filmtui.models import Film, UserData, Viewing, WatchOptions
from filmtui.ratings import DEFAULT_SCALE, RatingScale, rating_text
from filmtui.terms import JUSTWATCH_CREDIT, TMDB_NOTICE, TMDB_WORDMARK
from filmtui.text import clean, clip, money, runtime

STARRING = 5
"""How many cast members the Starring fact names."""
UNVERIFIED = "Marked (unverified): facts no published source has confirmed yet."


def flagged(film: Film, field: str, text: str) -> str:
    """`text`, marked when the catalogue could not confirm `field` (and "—" stays "—")."""
    if field in film.unverified and text and text != "—":
        return f"{text} (unverified)"
    return text


def title(film: Film) -> tuple[str, str]:
    """The title and the year part (" (1995)", marked when unverified), both cleaned."""
    year = f" ({film.year})" if film.year else ""
    return clip(clean(film.title)), flagged(film, "year", year)


def meta(film: Film) -> list[str]:
    """The line under the title: runtime, certification, genres, an original title."""
    parts = [
        flagged(film, "runtime", runtime(film.runtime)),
        flagged(film, "certification", clean(film.certification) or "Not rated"),
        flagged(film, "genres", clean(", ".join(film.genres)) or "—"),
    ]
    if film.original_title and film.original_title != film.title:
        parts.append(f"original title: {clean(film.original_title)}")
    return parts


def yours(mine: UserData, *, keys: bool = False, scale: RatingScale = DEFAULT_SCALE) -> str:
    """What the user keeps about the film, ratings in `scale`; with `keys`, the browser's keys
    that change it."""
    said = mine.describe(scale)
    if not keys:
        return said
    if not said:
        return "Nothing yet: w adds it to your watchlist, m rates it, v logs a viewing"
    return f"{said[0].upper()}{said[1:]} (w: watchlist, m: rating, v: seen, e: note)"


def viewing_line(viewing: Viewing, scale: RatingScale = DEFAULT_SCALE) -> str:
    """One diary entry: "2026-11-30 · 8/10 · rewatch · the note" (the rating in `scale`, the
    note literally, control characters stripped, its lines kept)."""
    parts = [viewing.date or "undated"]
    if viewing.rating is not None:
        parts.append(rating_text(viewing.rating, scale))
    if viewing.rewatch:
        parts.append("rewatch")
    note = clean(viewing.note, multiline=True).strip()
    if note:
        parts.append(note)
    return " · ".join(parts)


def history(mine: UserData, scale: RatingScale = DEFAULT_SCALE) -> str:
    """Every viewing, newest first, one a line ("" when none is logged)."""
    return "\n".join(viewing_line(v, scale) for v in reversed(mine.diary))


def facts(film: Film, *, keys: bool = False, scale: RatingScale = DEFAULT_SCALE) -> list[tuple[str, str]]:
    """(label, value) in page order, the user's ratings in `scale` (TMDB's stays out of 10).
    With `keys` (the browser) the "Yours" line names its keys and is always there; without, it
    is left out when the user has kept nothing."""
    found: list[tuple[str, str]] = [
        ("Directed by", flagged(film, "directors", clean(", ".join(film.directors)) or "—")),
        ("Starring", flagged(film, "cast", clean(", ".join(c.name for c in film.cast[:STARRING])) or "—")),
        ("Released", flagged(film, "release_date", clean(film.release_date) or "—")),
        ("Budget", flagged(film, "budget", money(film.budget))),
        ("Box office", flagged(film, "revenue", money(film.revenue))),
    ]
    if film.rating:
        votes = f" from {film.vote_count:,} votes" if film.vote_count else ""
        found.append(("TMDB rating", f"{film.rating:.1f}/10{votes}"))
    found.append(("Complexity", clean(film.complexity) or "No viewing-complexity note yet."))
    found.append(("Advisories", " · ".join(clean(a) for a in film.advisories) or "None listed."))
    if film.keywords:
        found.append(("Keywords", clean(", ".join(film.keywords))))
    if keys:
        found.append(("Links", links_line(film)))
    mine = yours(film.user, keys=keys, scale=scale)
    if mine:
        found.append(("Yours", mine))
    if film.user.note.strip():
        found.append(("Your note", clean(film.user.note, multiline=True).strip()))
    if film.user.diary:
        found.append(("Your diary", history(film.user, scale)))
    return found


def pages(film: Film) -> list[tuple[str, str]]:
    """(label, URL) of the pages about the film elsewhere: TMDB, IMDb, Letterboxd (by TMDB id),
    the official site when stored."""
    found = [("TMDB", f"https://www.themoviedb.org/movie/{film.id}")]
    if film.imdb_id:
        found.append(("IMDb", f"https://www.imdb.com/title/{clean(film.imdb_id)}/"))
    found.append(("Letterboxd", f"https://letterboxd.com/tmdb/{film.id}"))
    if film.homepage and film.homepage.startswith(("https://", "http://")):
        found.append(("Official site", clean(film.homepage)))
    return found


def trailers(film: Film) -> list[tuple[str, str]]:
    """(label, URL) of the stored trailers, official first (as the refresh stored them)."""
    return [(f"Trailer: {clean(v.name)} ({v.site})", clean(v.url)) for v in film.videos]


def links(film: Film) -> list[tuple[str, str]]:
    """Every link out, for the chooser: the pages, then the trailers."""
    return pages(film) + trailers(film)


def links_line(film: Film) -> str:
    """The Overview's links line: where the film can be looked up, and the keys."""
    names = [label for label, _ in pages(film)]
    if film.videos:
        names.append("a trailer" if len(film.videos) == 1 else f"{len(film.videos)} trailers")
    return " · ".join(names) + " (o opens one, y copies)"


def watch_line(film: Film, region: str, age: str = "", *, keys: bool = False) -> str:
    """Where to watch in `region`: streaming, rent, buy, how old that is ("3 days ago" as
    `age`), and JustWatch's credit (TMDB's terms ask for it wherever the data is shown); what
    would fill it when nothing is. With `keys` (the browser) the update is `u`, else the command."""
    update = "u" if keys else f"filmtui refresh {film.id}"
    if not film.has_tmdb:
        return f"Not known yet: updating from TMDB ({update}) fetches where to watch in {region}."
    when = f"as of {watch_date(film)}" + (f", {age}" if age else "")
    options = film.providers.get(region)
    if not options:
        return f"Not streaming, for rent or for sale in {region} that TMDB knows of ({when}; {update} updates it)."
    parts = [f"{label}: {', '.join(names)}" for label, names in watch_kinds(options) if names]
    return f"{' · '.join(parts)} (in {region}, {when}). {JUSTWATCH_CREDIT}"


def watch_kinds(options: WatchOptions) -> list[tuple[str, tuple[str, ...]]]:
    """The ways to watch under the labels the Watch line gives them, in its order."""
    return [("Stream", options.flatrate), ("Rent", options.rent), ("Buy", options.buy)]


def watch_date(film: Film) -> str:
    """The day the where-to-watch data was fetched ("2026-11-30"; "" when never)."""
    return clean(film.refreshed_at or "")[:10]


def refreshed_line(film: Film) -> str:
    """Where the facts come from: a TMDB refresh (with its date) or the catalogue alone."""
    if film.refreshed_at:
        return f"TMDB data refreshed {clean(film.refreshed_at)[:10]}"
    return "From the filmtui catalogue; not yet refreshed from TMDB"


def source_lines(film: Film) -> list[str]:
    """The notes under the facts: the source, the unverified marking, TMDB's wordmark and notice."""
    lines = [refreshed_line(film)]
    if film.unverified:
        lines.append(UNVERIFIED)
    if film.has_tmdb:
        lines += [TMDB_WORDMARK, TMDB_NOTICE]
    return lines

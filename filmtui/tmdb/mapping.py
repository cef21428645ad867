"""TMDB's `/movie/{id}` answer (with credits, release_dates, keywords, external_ids, videos,
recommendations and watch/providers appended) →
the store's TMDB fields (see `Film.merge`).

TMDB's JSON is treated as untrusted: any field may be null, absent or of the wrong type, and an
appended key may be missing altogether. Nothing here raises on bad data; a value that cannot be
read becomes "unknown" (None, "" or []), and `Film.merge` then falls back to the catalogue.
Every string goes through `clean()`, so no terminal escape reaches the screen.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from filmtui.tmdb.readers import count, items, iso_date, number, obj, text

#: US release types, most telling first: theatrical, limited, premiere, digital, physical, TV.
US_RELEASE_ORDER = (3, 2, 1, 4, 5, 6)
#: Fields that move every day without anything a reader sees changing.
VOLATILE = ("refreshed_at", "popularity", "vote_count")

_POSTER = re.compile(r"/[A-Za-z0-9][A-Za-z0-9._-]{0,200}")
_IMDB = re.compile(r"tt\d{5,12}")


def map_movie(
    raw: Any, refreshed_at: str | None = None, film_id: int | None = None
) -> dict[str, Any]:
    """The store's TMDB fields for one film (`refreshed_at` defaults to now, UTC).

    `film_id`, the id that was asked for, wins over the answer's own (which may be missing).
    """
    raw = raw if isinstance(raw, dict) else {}
    release_date = iso_date(raw.get("release_date"))
    vote_count = count(raw.get("vote_count"))
    credits = obj(raw.get("credits"))
    crew = _crew(credits.get("crew"))
    return {
        "id": film_id if film_id is not None else count(raw.get("id")),
        "title": text(raw.get("title")),
        "original_title": text(raw.get("original_title")),
        "year": int(release_date[:4]) if release_date else None,
        "release_date": release_date,
        "runtime": count(raw.get("runtime")) or None,
        "tagline": text(raw.get("tagline")),
        "overview": text(raw.get("overview"), multiline=True),
        "genres": _names(raw.get("genres")),
        "certification": certification(raw),
        "directors": _unique(c["name"] for c in crew if c["job"] == "Director"),
        "cast": _cast(credits.get("cast")),
        "crew": crew,
        "budget": _money(raw.get("budget")),
        "revenue": _money(raw.get("revenue")),
        "poster_path": poster_path(raw.get("poster_path")),
        # An average of no votes is not a rating.
        "rating": number(raw.get("vote_average")) if vote_count else None,
        "vote_count": vote_count,
        "popularity": number(raw.get("popularity")),
        "keywords": _keywords(raw.get("keywords")),
        "imdb_id": _imdb(raw.get("imdb_id")) or _imdb(obj(raw.get("external_ids")).get("imdb_id")),
        "collection": text(obj(raw.get("belongs_to_collection")).get("name")) or None,
        "homepage": homepage(raw.get("homepage")),
        "videos": videos(raw.get("videos")),
        "recommendations": recommendations(raw.get("recommendations")),
        "providers": providers(raw.get("watch/providers")),
        "refreshed_at": refreshed_at or now_iso(),
    }


#: Video sites a trailer is linked on, and what a key there looks like.
VIDEO_SITES = ("YouTube", "Vimeo")
_VIDEO_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: Most trailers, recommendations and providers of one kind kept with a film.
MAX_VIDEOS = 6
MAX_RECOMMENDED = 20
MAX_PROVIDERS = 12
#: How TMDB names the ways to watch, in the order they are shown.
WATCH_KINDS = ("flatrate", "rent", "buy")


def homepage(value: Any) -> str | None:
    """The official site when it is a plain http(s) address, else None."""
    url = text(value)
    return url if re.fullmatch(r"https?://[^\s]{1,300}", url) else None


def videos(value: Any) -> list[dict[str, Any]]:
    """Trailers and teasers on YouTube or Vimeo: official first, trailers before teasers."""
    found = []
    for item in items(obj(value).get("results")):
        item = obj(item)
        key, site, kind = item.get("key"), item.get("site"), text(item.get("type"))
        if site in VIDEO_SITES and isinstance(key, str) and _VIDEO_KEY.fullmatch(key) and kind in ("Trailer", "Teaser"):
            found.append({"name": text(item.get("name")) or kind, "site": site, "key": key, "type": kind,
                          "official": item.get("official") is True})
    found.sort(key=lambda v: (not v["official"], v["type"] != "Trailer"))  # stable: TMDB's order within
    return found[:MAX_VIDEOS]


def recommendations(value: Any) -> list[dict[str, Any]]:
    """TMDB's recommended films as {id, title, year}, in TMDB's order."""
    found = []
    for item in items(obj(value).get("results")):
        item = obj(item)
        film_id = count(item.get("id"))
        if not film_id:
            continue
        released = iso_date(item.get("release_date"))
        found.append({"id": film_id, "title": text(item.get("title")) or text(item.get("original_title")),
                      "year": int(released[:4]) if released else None})
    return found[:MAX_RECOMMENDED]


def providers(value: Any) -> dict[str, dict[str, Any]]:
    """Where to watch, by region: {"US": {"link", "flatrate": [names], "rent": [...], "buy": [...]}},
    each list in TMDB's display order. The data is JustWatch's (credit it where it is shown)."""
    found: dict[str, dict[str, Any]] = {}
    for region, options in obj(obj(value).get("results")).items():
        options = obj(options)
        if not (isinstance(region, str) and re.fullmatch(r"[A-Z]{2}", region)):
            continue
        entry: dict[str, Any] = {"link": homepage(options.get("link")) or ""}
        for kind in WATCH_KINDS:
            listed = [obj(p) for p in items(options.get(kind))]
            listed.sort(key=lambda p: count(p.get("display_priority")) if count(p.get("display_priority")) is not None else 1 << 30)
            entry[kind] = _unique(text(p.get("provider_name")) for p in listed)[:MAX_PROVIDERS]
        if any(entry[kind] for kind in WATCH_KINDS):
            found[region] = entry
    return found


def same_content(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """True when two mappings differ only in fields that drift daily (popularity, vote count, time)."""
    if not old:
        return False
    strip = lambda fields: {k: v for k, v in fields.items() if k not in VOLATILE}  # noqa: E731
    return strip(old) == strip(new)


def now_iso() -> str:
    """Now, UTC, ISO 8601 to the second: the format of `refreshed_at`."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def certification(raw: Any) -> str:
    """The US certification: the theatrical release's first, then other US releases'.

    Reads `release_dates` (current API) and falls back to the legacy `releases` shape.
    """
    raw = obj(raw)
    for country in items(obj(raw.get("release_dates")).get("results")):
        country = obj(country)
        if country.get("iso_3166_1") != "US":
            continue
        releases = [obj(r) for r in items(country.get("release_dates"))]
        for kind in US_RELEASE_ORDER:
            for release in releases:
                cert = text(release.get("certification"))
                if release.get("type") == kind and cert:
                    return cert
        for release in releases:  # a release with no (or an unknown) type still says something
            if cert := text(release.get("certification")):
                return cert
    for country in items(obj(raw.get("releases")).get("countries")):
        country = obj(country)
        if country.get("iso_3166_1") == "US" and (cert := text(country.get("certification"))):
            return cert
    return ""


def poster_path(value: Any) -> str | None:
    """TMDB's poster path ("/abc.jpg") when it is one plain file name, else None.

    The path later names a file in the poster cache, so "/../x" or "/a/b" must never get through.
    """
    if isinstance(value, str) and _POSTER.fullmatch(value) and ".." not in value:
        return value
    return None


# -- pieces ------------------------------------------------------------------------------------


def _money(value: Any) -> int | None:
    """USD; TMDB's 0 means unknown."""
    amount = count(value)
    return amount or None


def _imdb(value: Any) -> str | None:
    return value if isinstance(value, str) and _IMDB.fullmatch(value) else None


def _unique(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _names(value: Any) -> list[str]:
    """The `name` of each object in a list ({"id", "name"} genres, keywords)."""
    return _unique(text(obj(item).get("name")) for item in items(value))


def _keywords(value: Any) -> list[str]:
    # Films list them under "keywords", TV shows under "results".
    block = obj(value)
    return _names(block.get("keywords") if "keywords" in block else block.get("results"))


def _cast(value: Any) -> list[dict[str, str]]:
    """Cast in billing order (TMDB's `order`), nameless entries dropped."""
    people = [obj(p) for p in items(value)]
    people = [p for p in people if text(p.get("name"))]
    people.sort(key=lambda p: count(p.get("order")) if count(p.get("order")) is not None else 1 << 30)
    return [{"name": text(p.get("name")), "character": text(p.get("character"))} for p in people]


def _crew(value: Any) -> list[dict[str, str]]:
    """Crew as {name, job}, duplicates (same person, same job) dropped."""
    seen: dict[tuple[str, str], None] = {}
    for item in items(value):
        item = obj(item)
        name, job = text(item.get("name")), text(item.get("job"))
        if name and job:
            seen.setdefault((name, job), None)
    return [{"name": name, "job": job} for name, job in seen]

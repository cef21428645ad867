"""Realistic synthetic films for benchmarks: TMDB-shaped, with the sizes real films have."""

from __future__ import annotations

import random
from typing import Any

_WORDS = (
    "heat night city blood money king last road dark river street black gun cold fire silent "
    "long killer dead house man woman big sleep deep red white blue iron steel stone empire "
    "crime code honor thief cop dog shadow angel devil cross town bridge harbor moon sun "
    "rain wolf snake fox hunter witness judge jury verdict heist score job getaway chase "
    "midnight dawn dusk winter summer echo mirror glass paper diamond gold silver connection "
    "confidential usual suspects godfather casino departed prisoner sicario drive collateral"
).split()
_ACCENTED = ("Café", "Señor", "Über", "Noël", "Été", "Mañana", "Ódio", "Déjà", "Naïve", "Fiancé")
_FIRST = (
    "Al Robert Val Tom Jon Diane Amy Ashley Jean Natascha Stellan Sean Jonathan Michael Joe Ray "
    "Harvey Chazz Kevin Gabriel Benicio Emily Josh Denzel Ethan Ryan Carey Bryan Chris Frances "
    "William Steve Javier Woody Song Kim Park Bong Zoë Renée José Søren Åsa Björn Chloé Agnès"
).split()
_LAST = (
    "Pacino De Niro Kilmer Sizemore Voight Venora Brenneman Judd Reno McElhone Skarsgård Bean "
    "Pryce Lonsdale Pesci Liotta Keitel Palminteri Spacey Byrne Del Toro Blunt Brolin Washington "
    "Hawke Gosling Mulligan Cranston Pine McDormand Macy Buscemi Bardem Harrelson Kang-ho Hee-ae "
    "Hae-il Doona Núñez Müller Åkesson Ferreira Dupont Lefèvre O'Brien MacLeod Nakamura Kowalski"
).split()
_GENRES = ("Crime", "Drama", "Thriller", "Action", "Mystery", "Comedy", "History", "Romance",
           "Western", "War", "Horror", "Adventure", "Science Fiction", "Music", "Documentary")
_CERTS = ("R", "PG-13", "PG", "NC-17", "G", "")
_JOBS = ("Screenplay", "Producer", "Executive Producer", "Original Music Composer",
         "Director of Photography", "Editor", "Casting", "Production Design", "Novel", "Story")


def person(rng: random.Random) -> str:
    """A plausible name, sometimes accented; a pool of ~2,500 so people recur across films."""
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def title(rng: random.Random) -> str:
    words = [rng.choice(_WORDS).capitalize() for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))]
    if rng.random() < 0.05:
        words.insert(0, rng.choice(_ACCENTED))
    if rng.random() < 0.3:
        words.insert(0, "The")
    return " ".join(words)


def film_fields(film_id: int, rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """(mapped TMDB fields as the store keeps them, a TMDB-shaped raw response)."""
    name = title(rng)
    year = rng.randint(1920, 2026)
    directors = [person(rng) for _ in range(rng.choice((1, 1, 1, 2)))]
    cast = [{"name": person(rng), "character": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"}
            for _ in range(rng.randint(8, 24))]
    crew = [{"name": d, "job": "Director"} for d in directors]
    crew += [{"name": person(rng), "job": rng.choice(_JOBS)} for _ in range(rng.randint(6, 14))]
    budget = rng.choice((0, rng.randint(1, 200) * 1_000_000))
    revenue = rng.choice((0, rng.randint(1, 900) * 1_000_000 + rng.randint(0, 999_999)))
    overview = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(30, 90))).capitalize() + "."
    fields = {
        "id": film_id,
        "title": name,
        "original_title": name if rng.random() < 0.9 else f"{rng.choice(_ACCENTED)} {name}",
        "year": year,
        "release_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "runtime": rng.randint(75, 200),
        "tagline": " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9))).capitalize(),
        "overview": overview,
        "genres": rng.sample(_GENRES, rng.randint(1, 3)),
        "certification": rng.choice(_CERTS),
        "directors": directors,
        "cast": cast,
        "crew": crew,
        "budget": budget or None,
        "revenue": revenue or None,
        "poster_path": f"/{film_id:x}poster.jpg",
        "rating": round(rng.uniform(2, 9), 1),
        "vote_count": rng.randint(0, 30000),
        "popularity": round(rng.uniform(0.5, 120), 3),
        "keywords": rng.sample(_WORDS, rng.randint(3, 10)),
        "imdb_id": f"tt{film_id:07d}",
        "collection": None,
        "refreshed_at": "2026-11-01T12:00:00+00:00",
    }
    raw = {
        "id": film_id, "title": name, "original_title": fields["original_title"],
        "release_date": fields["release_date"], "runtime": fields["runtime"],
        "overview": overview, "tagline": fields["tagline"], "budget": budget, "revenue": revenue,
        "genres": [{"id": i, "name": g} for i, g in enumerate(fields["genres"])],
        "credits": {"cast": [{**c, "order": i} for i, c in enumerate(cast)], "crew": crew},
        "vote_average": fields["rating"], "vote_count": fields["vote_count"],
        "popularity": fields["popularity"], "poster_path": fields["poster_path"],
    }
    return fields, raw

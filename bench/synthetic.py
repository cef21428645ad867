"""Realistic synthetic films for benchmarks: TMDB-shaped, with the sizes real films have.

`film_fields` says what a film is; `FilmMaker` makes exactly the same films from the same
generator several times faster (a 1,000,000-film store is mostly the making of its films), and
`summary` gives the index row the store would derive from one, without the model's objects.
"""

from __future__ import annotations

import random
import sys
from array import array
from collections.abc import Sequence
from math import ceil, log
from typing import Any

from filmtui.models import KEY_JOBS, PACK, FilmSummary

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


_KEY_RANK = {job: at for at, job in enumerate(KEY_JOBS) if job != "Director"}


def summary(fields: dict[str, Any]) -> FilmSummary:
    """The index row the store derives from a film_fields film with no catalogue part
    (`tidy(Film.merge(None, fields).summary())`), made straight from the fields: a fifth of the
    cost, for the bulk loader, which checks a sample of them against the model's."""
    title, original, directors = fields["title"], fields["original_title"], fields["directors"]
    cast = fields["cast"][:6]
    key = [c for c in fields["crew"] if c["job"] in _KEY_RANK]
    key.sort(key=lambda c: _KEY_RANK[c["job"]])
    pairs: dict[str, str] = {}
    for member in key:
        if member["name"] not in directors:
            pairs.setdefault(member["name"], member["job"])
    crew = [part for pair in list(pairs.items())[:8] for part in pair]
    # Packed as FilmSummary() packs them (no name holds a tab), without its per-name pass.
    return tuple.__new__(FilmSummary, (
        fields["id"], title, original if original != title else "", fields["year"],
        tuple(directors), PACK.join([c["name"] for c in cast]),
        PACK.join([c["character"] for c in cast]), tuple(fields["genres"]),
        fields["certification"], fields["rating"], fields["revenue"], fields["popularity"],
        PACK.join(fields["keywords"][:8]), fields["refreshed_at"], False, PACK.join(crew),
    ))


assert all(word == word.lower() for word in _WORDS)
assert not any(PACK in text for text in (*_WORDS, *_FIRST, *_LAST, *_ACCENTED, *_JOBS))


_NAMES = [[f"{first} {last}" for last in _LAST] for first in _FIRST]
_CAPITAL = [word.capitalize() for word in _WORDS]
_BLOCK = 1 << 16  # words drawn from the generator at a time (256 KB)
_RESERVE = 1 << 13  # words kept ahead of a film (one takes ~300)


def _table(n: int) -> bytes:
    """A word's top byte -> the value below(n) draws from that word (n < 255), or 255 (drawn
    again)."""
    shift = 8 - n.bit_length()
    return bytes(t >> shift if t >> shift < n else 255 for t in range(256))


_WORD = _table(len(_WORDS))
# A person is a first name then a last name, drawn from words of the same bit width: one table
# (the wider list's) drops the words that neither takes.
assert len(_FIRST).bit_length() == len(_LAST).bit_length() and len(_FIRST) < len(_LAST) < 128
_PERSON = _table(len(_LAST))
_NAME_SHIFT = 8 - len(_LAST).bit_length()
_JOB_SHIFT = 8 - len(_JOBS).bit_length()


class FilmMaker:
    """film_fields's films, the same ones for the same generator state, ~2-3x faster.

    Every draw film_fields makes (choice, randint, random, uniform, sample) takes 32-bit words
    from the Mersenne Twister in order: getrandbits(k), k <= 32, is a word's top k bits, drawn
    again while >= n; random() is two words. Here the words come in blocks of bytes and the same
    draws are made from them, runs of one kind through a byte table (no interpreter step per
    word), so each film is film_fields's to the bit (tests/test_synthetic.py compares
    them). The generator is read ahead: give a FilmMaker its own Random.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._bytes = self._tops = b""
        self._words = array("I")
        self._at = 0

    def _more(self, words: int) -> None:
        new = self._rng.getrandbits(32 * words).to_bytes(4 * words, "little")
        self._bytes = self._bytes[4 * self._at:] + new
        self._words = array(_WORD32, self._bytes)
        if sys.byteorder == "big":
            self._words.byteswap()
        self._tops = self._bytes[3::4]
        self._at = 0

    def film(self, film_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """film_fields's next film."""
        fields, raw, _ = self.made(film_id)
        return fields, raw

    def made(self, film_id: int) -> tuple[dict[str, Any], dict[str, Any], FilmSummary]:
        """film_fields's next film, and `summary` of it, made from the draws (the crew's jobs
        as numbers, the cast's first names in a list) at a third of summary()'s cost."""
        if len(self._words) - self._at < _RESERVE:
            self._more(_BLOCK)
        while True:
            try:
                fields, raw, row, self._at = _film(film_id, self._words, self._tops, self._at)
                return fields, raw, row
            except IndexError:  # a film past the reserve (vanishingly rare): again, with more
                self._more(len(self._words) - self._at + _BLOCK)


_REFRESHED = "2026-11-01T12:00:00+00:00"
#: A crew job's number (its place in _JOBS) -> its rank among the key jobs, or -1.
_CREW_RANK = [_KEY_RANK.get(job, -1) for job in _JOBS]
_RANKED_JOBS = {rank: job for job, rank in _KEY_RANK.items()}
# A key job's member is numbered rank << 5 | their place after the directors (at most 14).
_WORD32 = "I" if array("I").itemsize == 4 else "L"


def _below(words: array, tops: bytes, p: int, n: int) -> tuple[int, int]:
    """Random._randbelow(n) from the words at p on; the word after."""
    k = n.bit_length()
    s = 8 - k
    if s >= 0:  # a byte will do
        r = tops[p] >> s
        p += 1
        while r >= n:
            r = tops[p] >> s
            p += 1
        return r, p
    s = 32 - k
    r = words[p] >> s
    p += 1
    while r >= n:
        r = words[p] >> s
        p += 1
    return r, p


def _uniform(words: array, p: int) -> tuple[float, int]:
    """Random.random() from the two words at p (as CPython's genrand_res53 makes it)."""
    return ((words[p] >> 5) * 67108864.0 + (words[p + 1] >> 6)) * (1.0 / 9007199254740992.0), p + 2


def _run(tops: bytes, p: int, table: bytes, count: int) -> tuple[bytes, int]:
    """`count` draws through `table`: every word taken is either used or rejected, in order."""
    out = b""
    while count:
        taken = tops[p:p + count]
        if len(taken) < count:
            raise IndexError
        p += count
        kept = taken.translate(table).replace(b"\xff", b"")
        out += kept
        count -= len(kept)
    return out, p


def _names(tops: bytes, p: int, count: int) -> tuple[list[str], int]:
    """`count` person() draws: a first name, then a last name."""
    out: list[str] = []
    first, firsts = -1, len(_FIRST)
    while count:
        need = 2 * count - (first >= 0)
        taken = tops[p:p + need]
        if len(taken) < need:
            raise IndexError
        p += need
        for v in taken.translate(_PERSON).replace(b"\xff", b""):
            if first < 0:
                if v < firsts:
                    first = v
            else:
                out.append(_NAMES[first][v])
                first = -1
                count -= 1
    return out, p


def _sample(tops: bytes, p: int, population: Sequence[str], k: int) -> tuple[list[str], int]:
    """Random.sample(population, k), its two ways included (population under 256)."""
    n = len(population)
    setsize = 21
    if k > 5:
        setsize += 4 ** ceil(log(k * 3, 4))
    result: list[str] = []
    if n <= setsize:
        pool = list(population)
        for i in range(k):
            left = n - i
            s = 8 - left.bit_length()
            j = tops[p] >> s
            p += 1
            while j >= left:
                j = tops[p] >> s
                p += 1
            result.append(pool[j])
            pool[j] = pool[left - 1]
    else:
        selected: set[int] = set()
        s = 8 - n.bit_length()
        for _ in range(k):
            j = tops[p] >> s
            p += 1
            while j >= n or j in selected:  # drawn again when out of range or taken
                j = tops[p] >> s
                p += 1
            selected.add(j)
            result.append(population[j])
    return result, p


def _film(film_id: int, words: array, tops: bytes, p: int) -> tuple[dict[str, Any], dict[str, Any], FilmSummary, int]:
    """film_fields's film from the words at p on (`tops`: each word's top byte), draw for draw
    in its order; its row (as `summary` makes it); and the word after its last."""
    n, p = _below(words, tops, p, 6)
    picked, p = _run(tops, p, _WORD, (1, 2, 2, 3, 3, 4)[n])
    parts = [_CAPITAL[i] for i in picked]
    x, p = _uniform(words, p)
    if x < 0.05:
        n, p = _below(words, tops, p, 10)
        parts.insert(0, _ACCENTED[n])
    x, p = _uniform(words, p)
    if x < 0.3:
        parts.insert(0, "The")
    title = " ".join(parts)
    n, p = _below(words, tops, p, 107)
    year = 1920 + n
    n, p = _below(words, tops, p, 4)
    directors, p = _names(tops, p, (1, 1, 1, 2)[n])
    n, p = _below(words, tops, p, 17)
    people, p = _names(tops, p, 2 * (8 + n))
    cast = [{"name": a, "character": b} for a, b in zip(people[::2], people[1::2])]
    crew = [{"name": d, "job": "Director"} for d in directors]
    n, p = _below(words, tops, p, 9)
    firsts, lasts, jobs = len(_FIRST), len(_LAST), len(_JOBS)
    members: list[str] = []  # the crew's names after the directors
    keyed: list[int] = []
    for _ in range(6 + n):  # a person, then a job: inline, three draws of 3 widths a member
        a = tops[p] >> _NAME_SHIFT
        p += 1
        while a >= firsts:
            a = tops[p] >> _NAME_SHIFT
            p += 1
        b = tops[p] >> _NAME_SHIFT
        p += 1
        while b >= lasts:
            b = tops[p] >> _NAME_SHIFT
            p += 1
        j = tops[p] >> _JOB_SHIFT
        p += 1
        while j >= jobs:
            j = tops[p] >> _JOB_SHIFT
            p += 1
        name = _NAMES[a][b]
        crew.append({"name": name, "job": _JOBS[j]})
        if _CREW_RANK[j] >= 0:  # a key job: sorts by its rank, then its place in the crew
            keyed.append(_CREW_RANK[j] << 5 | len(members))
        members.append(name)
    n, p = _below(words, tops, p, 200)
    m, p = _below(words, tops, p, 2)
    budget = (0, (1 + n) * 1_000_000)[m]
    n, p = _below(words, tops, p, 900)
    m, p = _below(words, tops, p, 1_000_000)
    x, p = _below(words, tops, p, 2)
    revenue = (0, (1 + n) * 1_000_000 + m)[x]
    n, p = _below(words, tops, p, 61)
    picked, p = _run(tops, p, _WORD, 30 + n)
    # str.capitalize() of the lower-case words: the first one's capital, the rest as they are.
    overview = " ".join([_CAPITAL[picked[0]], *[_WORDS[i] for i in picked[1:]]]) + "."
    x, p = _uniform(words, p)
    if x < 0.9:
        original = title
    else:
        n, p = _below(words, tops, p, 10)
        original = f"{_ACCENTED[n]} {title}"
    n, p = _below(words, tops, p, 12)
    m, p = _below(words, tops, p, 28)
    release = f"{year}-{1 + n:02d}-{1 + m:02d}"
    n, p = _below(words, tops, p, 126)
    runtime = 75 + n
    n, p = _below(words, tops, p, 7)
    picked, p = _run(tops, p, _WORD, 3 + n)
    tagline = " ".join([_CAPITAL[picked[0]], *[_WORDS[i] for i in picked[1:]]])
    n, p = _below(words, tops, p, 3)
    genres, p = _sample(tops, p, _GENRES, 1 + n)
    n, p = _below(words, tops, p, 6)
    certification = _CERTS[n]
    x, p = _uniform(words, p)
    rating = round(2 + 7 * x, 1)
    votes, p = _below(words, tops, p, 30001)
    x, p = _uniform(words, p)
    popularity = round(0.5 + 119.5 * x, 3)
    n, p = _below(words, tops, p, 8)
    keywords, p = _sample(tops, p, _WORDS, 3 + n)
    poster = f"/{film_id:x}poster.jpg"
    fields = {
        "id": film_id, "title": title, "original_title": original, "year": year,
        "release_date": release, "runtime": runtime, "tagline": tagline, "overview": overview,
        "genres": genres, "certification": certification, "directors": directors,
        "cast": cast, "crew": crew, "budget": budget or None, "revenue": revenue or None,
        "poster_path": poster, "rating": rating, "vote_count": votes, "popularity": popularity,
        "keywords": keywords, "imdb_id": f"tt{film_id:07d}", "collection": None,
        "refreshed_at": _REFRESHED,
    }
    raw = {
        "id": film_id, "title": title, "original_title": original, "release_date": release,
        "runtime": runtime, "overview": overview, "tagline": tagline, "budget": budget,
        "revenue": revenue, "genres": [{"id": i, "name": g} for i, g in enumerate(genres)],
        "credits": {
            "cast": [{"name": c["name"], "character": c["character"], "order": i}
                     for i, c in enumerate(cast)],
            "crew": crew,
        },
        "vote_average": rating, "vote_count": votes, "popularity": popularity,
        "poster_path": poster,
    }
    keyed.sort()
    pairs: dict[str, str] = {}  # summary()'s key crew: first job per person, 8 people
    for key in keyed:
        name = members[key & 31]
        if name not in pairs and name not in directors:
            pairs[name] = _RANKED_JOBS[key >> 5]
            if len(pairs) == 8:
                break
    row = tuple.__new__(FilmSummary, (
        film_id, title, original if original != title else "", year, tuple(directors),
        PACK.join(people[0:12:2]), PACK.join(people[1:12:2]), tuple(genres), certification,
        rating, revenue or None, popularity, PACK.join(keywords[:8]), _REFRESHED, False,
        PACK.join([part for pair in pairs.items() for part in pair]),
    ))
    return fields, raw, row, p

"""The film as filmtui knows it: plain data, merged from our catalogue, TMDB and the user.

Three sources are stored apart and merged here, on read:
- editorial: our catalogue (data/catalog/*.toml): our writing plus baseline facts;
- tmdb: fields mapped from TMDB by a refresh, with `refreshed_at`;
- user: the user's own watchlist flag, rating and note.
For facts, TMDB's current value wins over the catalogue's baseline; our writing always comes from
the catalogue; the user's data is only ever the user's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date as _date
from typing import Any, Mapping, NamedTuple, Sequence

from filmtui.ratings import DEFAULT_SCALE, RatingScale, rating_text
from filmtui.text import clean

#: Fact fields that exist in both the catalogue and TMDB's mapping.
FACT_FIELDS = (
    "title",
    "original_title",
    "year",
    "release_date",
    "runtime",
    "genres",
    "certification",
    "directors",
    "cast",
    "crew",
    "budget",
    "revenue",
    "imdb_id",
    "collection",
    "keywords",
)

#: Key crew jobs shown on the Cast tab, in this order.
KEY_JOBS = (
    "Director",
    "Screenplay",
    "Writer",
    "Story",
    "Novel",
    "Original Music Composer",
    "Music",
    "Director of Photography",
    "Producer",
    "Executive Producer",
    "Editor",
)


@dataclass(frozen=True, slots=True)
class CastMember:
    """An actor and the character they play, in billing order."""

    name: str
    character: str = ""


@dataclass(frozen=True, slots=True)
class CrewMember:
    """A person and their job on the film ("Director", "Screenplay", ...)."""

    name: str
    job: str


@dataclass(frozen=True, slots=True)
class FaqItem:
    """A question people ask about the film, with our answer."""

    question: str
    answer: str
    spoiler: bool = False
    """True when the answer gives away the plot: shown only when the reader asks."""
    source: str | None = None
    """Where the fact behind the answer comes from (a URL)."""
    second_source: str | None = None
    """A second, independent source for the same fact, when there is one."""


@dataclass(frozen=True, slots=True)
class TriviaItem:
    """One piece of trivia, in our words."""

    text: str
    spoiler: bool = False
    source: str | None = None
    second_source: str | None = None


RATING_RULE = "a rating is a whole number from 1 to 10"


def _sound_rating(value: object) -> bool:
    return type(value) is int and 1 <= value <= 10  # type() is: True is an int, not a rating


def parse_rating(text: str) -> int | None:
    """A rating as typed: None for nothing; ValueError (saying RATING_RULE) unless 1 to 10."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not _sound_rating(int(text)):
        raise ValueError(f"{RATING_RULE}, not {text!r}")
    return int(text)


#: Longest note kept: a page of writing. A megabyte pasted by mistake would freeze the browser.
NOTE_MAX = 10_000
NOTE_RULE = f"a note is at most {NOTE_MAX:,} characters"


def _note_problem(note: object) -> str | None:
    if not isinstance(note, str):
        return "a note is text"
    if len(note) > NOTE_MAX:
        return f"{NOTE_RULE}, not {len(note):,}"
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: bytes from argv that were not UTF-8
        return "a note must be UTF-8 text (it holds bytes that are not)"
    return None


def parse_note(text: str) -> str:
    """A note as typed (many lines allowed): control characters dropped, trimmed; ValueError,
    saying why, when it is too long or not text."""
    if problem := _note_problem(text):
        raise ValueError(problem)
    return clean(text, multiline=True).strip()


def _sound_note(note: object) -> str:
    """What of a stored note can be kept: text, cut to NOTE_MAX, undecodable bytes replaced."""
    if not isinstance(note, str):
        return ""
    note = note[:NOTE_MAX]
    return note.encode("utf-8", "replace").decode("utf-8") if _note_problem(note) else note


@dataclass(frozen=True, slots=True)
class Viewing:
    """One time the user watched a film: a diary entry, with its own rating and note if given."""

    date: str | None = None
    """The day, as YYYY-MM-DD; None when the user only knows they have seen it."""
    rating: int | None = None
    """The rating given on that viewing, 1 to 10."""
    note: str = ""
    rewatch: bool = False

    def __post_init__(self) -> None:
        if self.date is not None and not _sound_date(self.date):
            raise ValueError(f"a viewing date is a day like 2026-12-01, not {self.date!r}")
        if self.rating is not None and not _sound_rating(self.rating):
            raise ValueError(f"{RATING_RULE}, not {self.rating!r}")
        if problem := _note_problem(self.note):
            raise ValueError(problem)
        if type(self.rewatch) is not bool:
            raise ValueError("a rewatch mark is True or False")

    @classmethod
    def from_doc(cls, doc: object) -> Viewing | None:
        """A stored entry, keeping what is sound; None when nothing in it is."""
        if not isinstance(doc, Mapping):
            return None
        date, rating = doc.get("date"), doc.get("rating")
        return cls(
            date=date if isinstance(date, str) and _sound_date(date) else None,
            rating=rating if _sound_rating(rating) else None,
            note=_sound_note(doc.get("note")),
            rewatch=doc.get("rewatch") is True,
        )


def _sound_date(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        _date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class UserData:
    """What the user keeps about a film. Never written by a refresh or a re-sync."""

    watchlist: bool = False
    rating: int | None = None
    """The user's own rating, 1 to 10."""
    note: str = ""
    diary: tuple[Viewing, ...] = ()
    """Every time the user watched it, oldest first (a viewing with no date first of all)."""

    def __post_init__(self) -> None:
        if self.rating is not None and not _sound_rating(self.rating):
            raise ValueError(f"{RATING_RULE}, not {self.rating!r}")
        if problem := _note_problem(self.note):
            raise ValueError(problem)
        if type(self.watchlist) is not bool:
            raise ValueError("the watchlist mark is True or False")
        if not all(isinstance(v, Viewing) for v in self.diary):
            raise ValueError("a diary holds viewings")
        ordered = tuple(sorted(self.diary, key=lambda v: v.date or ""))
        if ordered != tuple(self.diary):
            object.__setattr__(self, "diary", ordered)  # frozen: set once, while being made

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any] | None) -> UserData:
        """What a stored document says, keeping what is sound: user.json is the user's own file
        and may have been edited by hand, so a bad value is dropped, never a reason to fail."""
        doc = doc if isinstance(doc, Mapping) else {}
        rating = doc.get("rating")
        entries = doc.get("diary")
        viewings = [Viewing.from_doc(e) for e in entries] if isinstance(entries, list) else []
        return cls(
            watchlist=doc.get("watchlist") is True,
            rating=rating if _sound_rating(rating) else None,
            note=_sound_note(doc.get("note")),
            diary=tuple(v for v in viewings if v is not None),
        )

    def __bool__(self) -> bool:
        return (self.watchlist or self.rating is not None or bool(self.note.strip())
                or bool(self.diary))

    @property
    def seen(self) -> bool:
        """True once the user has logged a viewing."""
        return bool(self.diary)

    @property
    def last_seen(self) -> str | None:
        """The day of the latest dated viewing, if any."""
        dated = [v.date for v in self.diary if v.date]
        return dated[-1] if dated else None

    def logged(self, viewing: Viewing) -> UserData:
        """This data with one more viewing in the diary (its rating, if any, becomes yours)."""
        rating = viewing.rating if viewing.rating is not None else self.rating
        return replace(self, diary=(*self.diary, viewing), rating=rating)

    def describe(self, scale: RatingScale = DEFAULT_SCALE) -> str:
        """"on your watchlist · your rating 8/10 · seen 3 times, last 2026-11-30" (the rating
        in `scale`: "★★★★" in stars); "" when none of those is kept (the note is shown apart)."""
        parts = ["on your watchlist"] if self.watchlist else []
        if self.rating is not None:
            parts.append(f"your rating {rating_text(self.rating, scale)}")
        if self.diary:
            times = f"{len(self.diary)} times" if len(self.diary) > 1 else ""
            last = f"last {self.last_seen}" if times and self.last_seen else self.last_seen or ""
            parts.append("seen " + ", ".join(p for p in (times, last) if p) if times or last else "seen")
        return " · ".join(parts)

    def to_doc(self) -> dict[str, Any]:
        """As stored in user.json: lists, not tuples, so a stored copy compares equal; no diary
        key until there is a viewing, so records from before diaries are left as they were."""
        doc: dict[str, Any] = {"watchlist": self.watchlist, "rating": self.rating, "note": self.note}
        if self.diary:
            doc["diary"] = [asdict(v) for v in self.diary]
        return doc

    def to_json(self) -> dict[str, Any]:
        """For `show --json`: the same, with the diary always there (a stable shape)."""
        return {**self.to_doc(), "diary": [asdict(v) for v in self.diary]}


#: Separates names inside the packed fields of a FilmSummary (text is cleaned of tabs first).
PACK = "\t"


def pack(names: Sequence[str]) -> str:
    """Names as one packed string (see FilmSummary)."""
    return PACK.join(name.replace(PACK, " ") for name in names)


def unpack(packed: str) -> tuple[str, ...]:
    """The names in a packed string."""
    return tuple(packed.split(PACK)) if packed else ()


class _SummaryRow(NamedTuple):
    id: int
    title: str
    original_title: str
    year: int | None
    directors: Sequence[str]
    packed_cast: str
    packed_characters: str
    genres: Sequence[str]
    certification: str
    rating: float | None
    revenue: int | None
    popularity: float | None
    packed_keywords: str
    refreshed_at: str | None
    editorial: bool
    packed_crew: str = ""


class FilmSummary(_SummaryRow):
    """One row of the slim index: what the list, search and person pages need, and no more.

    A named tuple, not a dataclass: 100,000 of these are built at start-up, and a tuple is the
    cheapest Python object that still reads like a record. Cast, characters and keywords are
    kept packed in one string each and split when read: building 600,000 name strings at
    start-up would cost more than everything else the list needs together.
    """

    __slots__ = ()

    def __new__(
        cls,
        id: int,
        title: str,
        original_title: str = "",
        year: int | None = None,
        directors: Sequence[str] = (),
        cast: Sequence[str] = (),
        characters: Sequence[str] = (),
        genres: Sequence[str] = (),
        certification: str = "",
        rating: float | None = None,
        revenue: int | None = None,
        popularity: float | None = None,
        keywords: Sequence[str] = (),
        refreshed_at: str | None = None,
        editorial: bool = False,
        crew: Sequence[Sequence[str]] = (),
    ) -> FilmSummary:
        return tuple.__new__(cls, (
            id, title, original_title, year, tuple(directors), pack(cast), pack(characters),
            tuple(genres), certification, rating, revenue, popularity, pack(keywords),
            refreshed_at, editorial, pack([part for pair in crew for part in pair]),
        ))  # fmt: skip

    @property
    def cast(self) -> tuple[str, ...]:
        """Top-billed actors, in order."""
        return unpack(self.packed_cast)

    @property
    def characters(self) -> tuple[str, ...]:
        """The characters `cast` play, aligned with it ("" where unknown)."""
        return unpack(self.packed_characters)

    @property
    def keywords(self) -> tuple[str, ...]:
        """Search terms: ours for catalogue films, TMDB's for the rest."""
        return unpack(self.packed_keywords)

    @property
    def crew(self) -> tuple[tuple[str, str], ...]:
        """Key crew other than the directors, as (name, job) pairs: searchable, not shown."""
        parts = unpack(self.packed_crew)
        return tuple(zip(parts[::2], parts[1::2]))

    def fields(self) -> dict[str, Any]:
        """The row as keyword arguments for `FilmSummary(**...)`, names unpacked."""
        values = self._asdict()
        for name in ("cast", "characters", "keywords", "crew"):
            values[name] = getattr(self, name)
            del values[f"packed_{name}"]
        return values


@dataclass(frozen=True, slots=True)
class Video:
    """A trailer or clip on YouTube or Vimeo, as TMDB lists it with the film."""

    name: str
    site: str
    key: str
    type: str = "Trailer"
    official: bool = False

    @property
    def url(self) -> str:
        if self.site == "Vimeo":
            return f"https://vimeo.com/{self.key}"
        return f"https://www.youtube.com/watch?v={self.key}"


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """Where the film can be watched in one region (TMDB's data, from JustWatch)."""

    region: str
    flatrate: tuple[str, ...] = ()
    rent: tuple[str, ...] = ()
    buy: tuple[str, ...] = ()
    link: str = ""

    def __bool__(self) -> bool:
        return bool(self.flatrate or self.rent or self.buy)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(clean(v) for v in value if isinstance(v, str) and v) if isinstance(value, list) else ()


def _videos(value: Any) -> list[Video]:
    """Stored videos, read leniently (a hand-edited or older store may hold anything)."""
    found = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, Mapping) and isinstance(item.get("key"), str) and item.get("site") in ("YouTube", "Vimeo"):
            found.append(Video(clean(str(item.get("name") or "Trailer")), item["site"], item["key"],
                               clean(str(item.get("type") or "Trailer")), item.get("official") is True))
    return found


def _recommended(value: Any) -> list[dict[str, Any]]:
    return [dict(item) for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _providers(value: Any) -> dict[str, WatchOptions]:
    found = {}
    for region, options in value.items() if isinstance(value, Mapping) else ():
        if isinstance(region, str) and isinstance(options, Mapping):
            link = options.get("link")
            found[region] = WatchOptions(region, _strings(options.get("flatrate")),
                                         _strings(options.get("rent")), _strings(options.get("buy")),
                                         link if isinstance(link, str) else "")
    return found


@dataclass(frozen=True, slots=True)
class PersonCredit:
    """One film of a person's, for the person page."""

    film_id: int
    title: str
    year: int | None
    role: str
    """The character played, or the job ("Director")."""


#: Longest biography shown on a person's page (TMDB's text, cut to our length).
BIOGRAPHY_LENGTH = 320


def cut(text: str, length: int) -> str:
    """`text` cut to `length` characters at a word, with "…" when it was longer."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True, slots=True)
class Person:
    """A person as TMDB knows them, stored so their page shows offline: details and every film."""

    tmdb_id: int
    name: str
    birthday: str | None = None
    deathday: str | None = None
    place_of_birth: str = ""
    known_for: str = ""
    biography: str = ""
    cast: tuple[PersonCredit, ...] = ()
    """Films they acted in (role: the character), by year."""
    crew: tuple[PersonCredit, ...] = ()
    """Films they worked on (role: the job), by year."""
    fetched_at: str = ""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Person | None:
        """A stored person, read leniently; None when the record is not one."""
        person_id, name = doc.get("id"), doc.get("name")
        if type(person_id) is not int or not isinstance(name, str) or not name:
            return None

        def credits(key: str) -> tuple[PersonCredit, ...]:
            found = []
            listed = doc.get(key)
            for item in listed if isinstance(listed, list) else ():
                if isinstance(item, Mapping) and type(item.get("film_id")) is int and isinstance(item.get("title"), str):
                    year = item.get("year") if type(item.get("year")) is int else None
                    role = item.get("role") if isinstance(item.get("role"), str) else ""
                    found.append(PersonCredit(item["film_id"], clean(item["title"]), year, clean(role)))
            return tuple(found)

        def text(key: str) -> str:
            value = doc.get(key)
            return clean(value) if isinstance(value, str) else ""

        return cls(person_id, clean(name), text("birthday") or None, text("deathday") or None,
                   text("place_of_birth"), text("known_for"),
                   cut(text("biography"), BIOGRAPHY_LENGTH), credits("cast"), credits("crew"),
                   text("fetched_at"))


@dataclass(slots=True)
class Film:
    """A film's full page, merged from its sources."""

    id: int
    title: str
    original_title: str = ""
    year: int | None = None
    release_date: str | None = None
    runtime: int | None = None
    tagline: str = ""
    blurb: str = ""
    overview: str = ""
    """Our synopsis when we wrote one, else TMDB's overview."""
    genres: list[str] = field(default_factory=list)
    certification: str = ""
    directors: list[str] = field(default_factory=list)
    cast: list[CastMember] = field(default_factory=list)
    crew: list[CrewMember] = field(default_factory=list)
    budget: int | None = None
    revenue: int | None = None
    complexity: str = ""
    advisories: list[str] = field(default_factory=list)
    faq: list[FaqItem] = field(default_factory=list)
    trivia: list[TriviaItem] = field(default_factory=list)
    poster_path: str | None = None
    refreshed_at: str | None = None
    rating: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    keywords: list[str] = field(default_factory=list)
    imdb_id: str | None = None
    collection: str | None = None
    unverified: list[str] = field(default_factory=list)
    """Catalogue fields our fact sheet could not confirm (shown flagged)."""
    homepage: str | None = None
    videos: list[Video] = field(default_factory=list)
    """Trailers and clips, official ones first."""
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    """TMDB's recommendations as stored: {"id", "title", "year"} each, in TMDB's order."""
    providers: dict[str, WatchOptions] = field(default_factory=dict)
    """Where to watch, by region ("US"), as of `refreshed_at`."""
    editorial: bool = False
    user: UserData = field(default_factory=UserData)

    @property
    def has_tmdb(self) -> bool:
        """True when some of this page came from TMDB (and needs TMDB's attribution)."""
        return self.refreshed_at is not None

    @classmethod
    def merge(
        cls,
        editorial: Mapping[str, Any] | None,
        tmdb: Mapping[str, Any] | None,
        user: Mapping[str, Any] | None = None,
    ) -> Film:
        """Build the page from its three stored parts; any of them may be missing."""
        ed = editorial or {}
        tm = tmdb or {}

        def fact(name: str) -> Any:
            value = tm.get(name)
            if value in (None, "", [], 0) and name in ed:
                return ed[name]
            return value

        film_id = int(tm.get("id") or ed.get("id"))
        return cls(
            id=film_id,
            title=fact("title") or f"#{film_id}",
            original_title=fact("original_title") or "",
            year=fact("year"),
            release_date=fact("release_date"),
            runtime=fact("runtime"),
            tagline=tm.get("tagline") or ed.get("tagline") or "",
            blurb=ed.get("blurb", ""),
            overview=ed.get("synopsis") or tm.get("overview") or "",
            genres=list(fact("genres") or []),
            certification=fact("certification") or "",
            directors=list(fact("directors") or []),
            cast=[CastMember(c["name"], c.get("character") or "") for c in fact("cast") or []],
            crew=[CrewMember(c["name"], c.get("job") or "") for c in fact("crew") or []],
            budget=fact("budget") or None,
            revenue=fact("revenue") or None,
            complexity=ed.get("complexity", ""),
            advisories=list(ed.get("advisories", [])),
            faq=[FaqItem(**item) for item in ed.get("faq", [])],
            trivia=[TriviaItem(**item) for item in ed.get("trivia", [])],
            poster_path=tm.get("poster_path"),
            refreshed_at=tm.get("refreshed_at"),
            rating=tm.get("rating"),
            vote_count=tm.get("vote_count"),
            popularity=tm.get("popularity"),
            keywords=list(fact("keywords") or []),
            imdb_id=fact("imdb_id"),
            collection=fact("collection"),
            # A flag stays only while the value still comes from the catalogue.
            unverified=[name for name in ed.get("unverified", []) if not tm.get(name)],
            homepage=tm.get("homepage") if isinstance(tm.get("homepage"), str) and tm.get("homepage") else None,
            videos=_videos(tm.get("videos")),
            recommendations=_recommended(tm.get("recommendations")),
            providers=_providers(tm.get("providers")),
            editorial=bool(ed),
            user=UserData.from_doc(user),
        )

    def summary(self) -> FilmSummary:
        """The slim index row for this film."""
        # Six billed names keep the index small enough to load 100,000 films at start-up.
        top = self.cast[:6]
        return FilmSummary(
            id=self.id,
            title=self.title,
            original_title=self.original_title if self.original_title != self.title else "",
            year=self.year,
            directors=tuple(self.directors),
            cast=tuple(c.name for c in top),
            characters=tuple(c.character for c in top),
            genres=tuple(self.genres),
            certification=self.certification,
            rating=self.rating,
            revenue=self.revenue,
            popularity=self.popularity,
            keywords=tuple(self.keywords[:8]),
            refreshed_at=self.refreshed_at,
            editorial=self.editorial,
            crew=self._key_crew(),
        )

    def _key_crew(self) -> tuple[tuple[str, str], ...]:
        """Up to eight people of the key crew jobs but Director (it has its own column), each
        once, at their first job in KEY_JOBS order: "Dante Spinotti", "Director of Photography"."""
        rank = {job: at for at, job in enumerate(KEY_JOBS) if job != "Director"}
        jobs = sorted((c for c in self.crew if c.job in rank), key=lambda c: rank[c.job])
        pairs: dict[str, str] = {}
        for member in jobs:
            if member.name and member.name not in self.directors:
                pairs.setdefault(member.name, member.job)
        return tuple(pairs.items())[:8]

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `filmtui show --json`: scripts depend on it."""
        return {
            "id": self.id,
            "title": self.title,
            "original_title": self.original_title or None,
            "year": self.year,
            "release_date": self.release_date,
            "runtime": self.runtime,
            "tagline": self.tagline or None,
            "blurb": self.blurb or None,
            "overview": self.overview or None,
            "genres": list(self.genres),
            "certification": self.certification or None,
            "directors": list(self.directors),
            "cast": [asdict(c) for c in self.cast],
            "crew": [asdict(c) for c in self.crew],
            "budget": self.budget,
            "revenue": self.revenue,
            "complexity": self.complexity or None,
            "advisories": list(self.advisories),
            "faq": [_item_json(asdict(i)) for i in self.faq],
            "trivia": [_item_json(asdict(i)) for i in self.trivia],
            "poster_path": self.poster_path,
            "refreshed_at": self.refreshed_at,
            "rating": self.rating,
            "vote_count": self.vote_count,
            "keywords": list(self.keywords),
            "imdb_id": self.imdb_id,
            "collection": self.collection,
            "unverified": list(self.unverified),
            "user": self.user.to_json(),
        }


def _item_json(item: dict[str, Any]) -> dict[str, Any]:
    """FAQ/trivia JSON: `spoiler` and the sources only when they say something."""
    for key in ("spoiler", "source", "second_source"):
        if not item.get(key):
            item.pop(key, None)
    return item

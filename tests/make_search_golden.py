"""Regenerates tests/data/search-golden.json: search's results on a fixed synthetic store.

    .venv/bin/python tests/make_search_golden.py

Run it ONLY when a change to the ranking is intended, and say so in the commit message: the file
is the record of how search ranks (tests/test_search_golden.py compares today's code to it exactly),
so regenerating it to make that test pass hides the very change the test is there to catch.

The store: 3,000 films shaped like bench/bench_search.py's (titles of shared and made-up words,
accented names, original titles, sequel numbers, initialisms, popularity with ties, a few
catalogue films), the same for the same seed. The queries: the bench's, typos, accents, people,
keywords, years, several words, initialisms, sequels and a whole title one typo off.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from filmtui.models import FilmSummary  # noqa: E402
from filmtui.search import Match, SearchIndex  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "data" / "search-golden.json"
SEED = 14
SIZE = 3000
TOP = 20

_TITLE_WORDS = """
the a an of in and for no night city dark blood money heat street mean lost hard cold deep red
man men old woman boy king boss family brother father mother son cop thief job heist bank score
crime law country godfather casino fargo seven killer murder dead death gun drive run chase
confidential story part ii iii 2 3 return revenge escape river road hotel diner club sunset
amélie léon café crème noël señor mañana niño ángel corazón münchen straße mörder ødegaard
skarsgård björn østergaard hélène françois déjà vu L.A. S.W.A.T. heart hearth wheat alpha palace
""".split()
_SYLLABLES = "ka ro mi na tel ver sa lo bri den mar co fa gu ell ston har wick ber".split()
_FIRST = """
al val robert michael james david martin francis brian sidney jack marlon diane faye meryl tilda
juliette isabelle léa jean pierre alain gérard stellan mads noomi björn liv tom heath gary ray
harvey uma pam kevin benicio javier penélope pedro song kang min park lee tony ken ángela joaquín
""".split()
_LAST = """
pacino de niro pesci scorsese coppola mann fincher tarantino lumet brando hackman keaton dunaway
streep swinton binoche huppert deneuve delon depardieu cassel melville skarsgård mikkelsen rapace
ullmann hardy pitt ledger oldman keitel grier spacey del toro bardem cruz almodóvar hee-ae
hernández garcía lópez gonzález pérez sánchez álvarez jiménez
""".split()
_KEYWORDS = """
heist neo-noir mafia police corruption revenge drug cartel hitman serial killer detective prison
escape bank robbery double cross undercover blackmail gangster yakuza los angeles paris 1995 riots
""".split()

QUERIES = [
    # bench/bench_search.py's
    "h", "he", "hea", "heat", "al pa", "heat pacino", "godfahter", "mann 1995", "skarsgard",
    "seven", "al pa 19", "qzxvk",
    # typos
    "pachino", "heat pachino", "godfahter part", "collaterall", "skarsgrad", "murdr mother",
    # accents, either way
    "skarsgård", "amelie", "Amélie", "leon", "strasse", "straße", "cafe creme", "munchen",
    # people
    "al pacino", "al pacino heat", "michael ma", "stellan skarsgard", "val pacino", "de niro",
    # keywords and years
    "heist", "neo-noir", "serial killer", "1995", "bank heist 1995", "los angeles",
    # several words
    "the night", "dark blood money", "the heat", "a man", "night city cop", "old man",
    # initialisms, sequels, whole titles
    "la confidential", "l.a. confidential", "l a confidential", "swat", "godfather 2",
    "godfather part ii", "the godfather", "godfather", "no country for old man",
    "no country for old men", "no country", "le fabuleux destin", "le fabuleux destin d amelie",
    # original titles starting with the query
    "no heart", "king part", "lost 2", "hearth killer", "mean killer",
    # scripts without spaces, and nothing at all
    "보이", "올드보이", "   ", "-",
]
CLOSEST = ["godfahter part", "qzxvk", "collaterall", "the long night of the killer bank", "nite"]


def films(size: int = SIZE, seed: int = SEED) -> list[FilmSummary]:
    """The fixed store: `size` films, the same for the same seed; the first few are real."""
    rnd = random.Random(seed)

    def made_up() -> str:
        return "".join(rnd.choices(_SYLLABLES, k=rnd.randint(2, 3)))

    rare = [made_up() for _ in range(600)]
    surnames = _LAST + [made_up().title() for _ in range(300)]

    def word() -> str:
        return rnd.choice(_TITLE_WORDS) if rnd.random() < 0.8 else rnd.choice(rare)

    def title() -> str:
        return " ".join(word() for _ in range(rnd.randint(1, 5))).capitalize()

    people = sorted({f"{rnd.choice(_FIRST).title()} {rnd.choice(surnames).title()}"
                     for _ in range(2500)})[:2000]
    people[:6] = ["Al Pacino", "Michael Mann", "Stellan Skarsgård", "Val Pacino", "Al Hee-ae",
                  "Robert De Niro"]
    real = [
        FilmSummary(1, "Heat", year=1995, directors=("Michael Mann",),
                    cast=("Al Pacino", "Robert De Niro"), popularity=80.0, keywords=("heist",),
                    editorial=True),
        FilmSummary(2, "The Godfather", year=1972, directors=("Francis Ford Coppola",),
                    cast=("Marlon Brando", "Al Pacino"), popularity=95.0, keywords=("mafia",)),
        FilmSummary(3, "The Godfather Part II", year=1974, directors=("Francis Ford Coppola",),
                    cast=("Al Pacino", "Robert De Niro"), popularity=60.0),
        FilmSummary(4, "Se7en", year=1995, directors=("David Fincher",),
                    cast=("Brad Pitt", "Morgan Freeman"), popularity=70.0),
        FilmSummary(5, "L.A. Confidential", year=1997, directors=("Curtis Hanson",),
                    cast=("Kevin Spacey",), popularity=40.0, keywords=("los angeles",)),
        FilmSummary(6, "No Country for Old Men", year=2007, directors=("Joel Coen",),
                    cast=("Javier Bardem",), popularity=55.0, editorial=True),
        FilmSummary(7, "Insomnia", original_title="Insomnia", year=1997,
                    cast=("Stellan Skarsgård",), popularity=12.0),
        FilmSummary(8, "Amélie", original_title="Le Fabuleux Destin d'Amélie Poulain",
                    year=2001, popularity=30.0),
        FilmSummary(9, "Oldboy", original_title="올드보이", year=2003, popularity=35.0),
        FilmSummary(10, "Straße der Sünde", year=1950, popularity=1.0),
        FilmSummary(11, "Collateral", year=2004, directors=("Michael Mann",),
                    cast=("Tom Cruise",), popularity=40.0),
        FilmSummary(12, "S.W.A.T.", year=2003, popularity=20.0),
    ]
    made = [
        FilmSummary(
            film_id, title(),
            original_title=title() if rnd.random() < 0.15 else "",
            year=rnd.choice([rnd.randint(1920, 2026), rnd.randint(1920, 2026), None]),
            directors=tuple(rnd.sample(people, rnd.choice((1, 1, 1, 2)))),
            cast=tuple(rnd.sample(people, rnd.randint(0, 8))),
            popularity=rnd.choice([None, round(rnd.expovariate(0.2), 1)]),  # many ties
            keywords=tuple(rnd.sample(_KEYWORDS, rnd.randint(0, 4))),
            editorial=rnd.random() < 0.02,
        )
        for film_id in range(len(real) + 1, size + 1)
    ]
    return (real + made)[:size]


def _record(matches: list[Match]) -> list[list[object]]:
    return [[m.id, m.score, m.field, [list(span) for span in m.spans]] for m in matches]


def answers(index: SearchIndex, query: str) -> dict[str, list[list[object]]]:
    """`query`'s full result and its top TOP (a limited search takes its own way), as JSON."""
    return {"all": _record(index.search(query)), f"top{TOP}": _record(index.search(query, TOP))}


def results(index: SearchIndex) -> dict[str, object]:
    """Everything the golden file holds, from `index`: every query's answers, and closest()'s
    suggestions."""
    search = {query: answers(index, query) for query in QUERIES}
    closest = {query: index.closest(query) for query in CLOSEST}
    return {"seed": SEED, "films": SIZE, "search": search, "closest": closest}


def main() -> None:
    golden = results(SearchIndex(films()))
    # One query a line: a ranking change shows in a diff as the queries it touches.
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
             for key, value in golden["search"].items()]  # type: ignore[union-attr]
    head = {k: v for k, v in golden.items() if k != "search"}
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "search": {\n'
    text += ",\n".join(lines) + "\n}}\n"
    assert json.loads(text) == golden
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(text):,} characters, {len(QUERIES)} queries)")


if __name__ == "__main__":
    main()

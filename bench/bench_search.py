"""How fast is search at catalogue scale? Prints figures; asserts nothing.

    python bench/bench_search.py --films 100000

Builds N synthetic films (titles of 1-5 words from a word list with accented names, plus made-up
words; years 1920-2026, 1-2 directors, 8 cast from a pool of 20,000 people, 1-4 keywords), times the
index build and typical keystroke queries: median and p95 over repeated runs, after a warm-up.
Before each timed query the index's memory of recent query words is flushed with an untimed
query of other words, so every figure is a first-time query; "typing" then times each keystroke
of a query typed letter by letter, the path that memory is for; last, closest() ("did you
mean") for a few queries, after its first call. Wall-clock figures are noisy on
a shared machine: the load average is printed alongside, and build CPU time next to wall time.
Memory: the resident size with the films alone, then with the first index built, and the peak;
then the index saved as the app saves it and loaded in a fresh process (time and memory there).
The films have six characters and three key crew each (both searchable); `--plain` leaves them
out, for comparing with a checkout from before they were (copy this file into its bench/ and run
both in one session). `--memory` stops after the memory figures (one build: for 1M films).
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from filmtui.models import FilmSummary  # noqa: E402
from filmtui.search import SearchIndex  # noqa: E402

WORDS = """
the a of and in night city dark blood money last big kill killer murder dead death gun guns
heat street streets mean lost hard long black white red blue cold hot deep high low little
man men woman women boy girl king queen boss family brother brothers sister father mother son
daughter friend friends enemy enemies cop cops thief thieves job heist bank score crime crimes
law justice public enemy no country for old scarface godfather goodfellas casino departed
fargo chinatown vertigo psycho memento collateral drive thief sicario prisoners zodiac seven
usual suspects reservoir dogs pulp fiction jackie brown kill bill snatch lock stock smoking
barrels layer cake sexy beast get carter italian french connection taxi driver raging bull
mean streets town traffic wire ozark narcos gomorrah city god amores perros oldboy mother
memories murder chaser handmaiden parasite burning infernal affairs election hard boiled
killer bullet head time face off full contact exiled vengeance breathless pierrot le fou
samourai rififi cercle rouge doulos bob flambeur touchez pas au grisbi elevator gallows
diabolique wages fear quai orfevres rules game umbrellas cherbourg hate haine prophet
amélie léon café crème noël éclair señor mañana niño ángel corazón göteborg münchen straße
mörder düsseldorf ødegaard skarsgård björn åsa østergaard jérôme hélène françois çà déjà vu
river bridge road highway station harbour port dock docks airport hotel motel diner bar club
sunset dawn dusk midnight morning evening winter summer autumn spring rain snow fire ice
shadow shadows mirror glass stone steel iron gold silver diamond diamonds pearl ruby dollar
dollars million billion cash debt loan deal double cross triple touch kiss goodbye hello
return revenge escape chase run running hunt hunter hunted trap trapped fall falling rise
one two three four five six eight nine ten hundred thousand first second third final end
""".split()

FIRST = """
al robert joe michael james john david steven martin quentin francis brian sidney william
jack marlon gene diane faye kim meryl jodie frances emma tilda cate juliette isabelle
catherine sophie marion léa audrey jean pierre alain gérard vincent mathieu françois jacques
stellan mads nikolaj noomi björn liv max bruno hanna ulrich lars thomas tom brad edward
christian heath gary ralph ray harvey tim samuel uma pam bruce willis kevin benicio josh
javier penélope pedro antonio gael diego song kang min park chan lee choi tony andy leslie
chow takeshi ken koji toshiro tatsuya alicia ana carmen lucía martín ángela joaquín
""".split()

LAST = """
pacino de niro pesci liotta scorsese coppola mann fincher tarantino palma lumet brando
hackman keaton dunaway novak streep foster mcdormand thompson swinton blanchette binoche
huppert deneuve marceau seydoux tautou belmondo delon depardieu cassel amalric truffaut
godard melville skarsgård mikkelsen waaje rapace borg ullmann von sydow ganz ulrich trier
vinterberg hardy pitt norton bale ledger oldman fiennes keitel roth jackson thurman grier
willis spacey del toro brolin bardem cruz almodóvar banderas bernal luna kang ho sook wook
min sik chan wook yoon lee choi leung lau chow kitano kurosawa mifune nakadai hernández
garcía lópez martínez gonzález rodríguez pérez sánchez ramírez torres flores rivera gómez
díaz reyes morales ortiz gutiérrez chávez ramos ruiz álvarez castillo jiménez moreno romero
""".split()

KEYWORDS = """
heist neo-noir mafia police corruption revenge drug cartel hitman serial killer detective
prison escape bank robbery conspiracy femme fatale double cross undercover informant kidnapping
blackmail gangster yakuza triad organized crime nonlinear timeline los angeles new york paris
marseille seoul hong kong tokyo mexico city small town courtroom lawyer interrogation
""".split()

QUERIES = ["h", "he", "hea", "heat", "al pa", "heat pacino", "godfahter", "mann 1995", "skarsgard"]
QUERIES += ["seven", "al pa 19"]
QUERIES += ["qzxvk"]  # no match at all: the typo-tolerant pass, finding nothing
CLOSEST = ["godfahter part", "qzxvk", "collaterall", "the long night of the killer bank"]
FLUSH = "zzz qqq xxx yyy vvv www uuu ttt"  # eight words no film has: pushes out remembered ones


JOBS = ["Screenplay", "Original Music Composer", "Director of Photography", "Editor", "Producer"]

SYLLABLES = "ka ro mi na tel ver sa lo bri den mar co fa gu ell ston har wick ber ga no vi".split()


def make_films(n: int, seed: int = 1, plain: bool = False) -> list[FilmSummary]:
    """N plausible films, the same for the same seed; the first three are real.

    Made-up words widen the vocabularies to a catalogue's size (~20,000 distinct title words
    and surnames), which is what searching inside words and typo matching scale with.
    """
    rnd = random.Random(seed)

    def made_up() -> str:
        return "".join(rnd.choices(SYLLABLES, k=rnd.randint(2, 4)))

    rare = [made_up() for _ in range(20_000)]
    surnames = LAST + [made_up().title() for _ in range(12_000)]

    def person(i: int) -> str:
        name = f"{rnd.choice(FIRST).title()} {rnd.choice(surnames)}"
        return name if i % 4 else f"{name} {rnd.choice(LAST).title()}"  # some double surnames

    def word() -> str:
        return rnd.choice(WORDS) if rnd.random() < 0.7 else rnd.choice(rare)

    people = sorted({person(i) for i in range(24_000)})[:20_000]
    people[:3] = ["Al Pacino", "Michael Mann", "Stellan Skarsgård"]
    films = [
        FilmSummary(1, "Heat", year=1995, directors=("Michael Mann",),
                    cast=("Al Pacino", "Robert De Niro"), popularity=80.0),
        FilmSummary(2, "The Godfather", year=1972, directors=("Francis Ford Coppola",),
                    cast=("Marlon Brando", "Al Pacino"), popularity=95.0),
        FilmSummary(3, "Se7en", year=1995, directors=("David Fincher",),
                    cast=("Brad Pitt", "Morgan Freeman"), popularity=70.0),
    ]
    # Characters and key crew come from a second generator, so the films above stay what they
    # were before these were searchable; crew only where FilmSummary has it (an older checkout
    # benchmarked in the same run has not).
    more = random.Random(seed + 1)
    roles = [f"{more.choice(FIRST).title()} {more.choice(surnames)}" for _ in range(30_000)]
    with_crew = "packed_crew" in FilmSummary._fields and not plain
    for film_id in range(4, n + 1):
        extra = {"crew": [(more.choice(people), more.choice(JOBS)) for _ in range(3)]}
        played = tuple(more.sample(roles, 6))
        films.append(
            FilmSummary(
                id=film_id,
                title=" ".join(word() for _ in range(rnd.randint(1, 5))).capitalize(),
                original_title=f"{word()} {word()}".capitalize() if rnd.random() < 0.15 else "",
                year=rnd.randint(1920, 2026),
                directors=tuple(rnd.sample(people, rnd.choice((1, 1, 1, 2)))),
                cast=tuple(rnd.sample(people, 8)),
                popularity=round(rnd.expovariate(0.2), 3),  # three decimals, like TMDB: many ties
                keywords=tuple(rnd.sample(KEYWORDS, rnd.randint(1, 4))),
                characters=() if plain else played,
                **(extra if with_crew else {}),
            )
        )
    return films[:n]


def timed(call: Callable[[], object]) -> int:
    """Nanoseconds `call` takes; what it returns is freed outside the timing, as in the app."""
    start = time.perf_counter_ns()
    result = call()
    elapsed = time.perf_counter_ns() - start
    del result
    return elapsed


def ms(samples: list[int]) -> str:
    """Median and p95 of `samples`, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered) / 1e6:8.2f} {p95 / 1e6:8.2f}"


def rss_mb() -> float:
    """The process's resident memory now, in MB (0 where /proc is missing)."""
    statm = Path("/proc/self/statm")
    if not statm.exists():
        return 0.0
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    """The most resident memory the process has had, in MB (Linux counts in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def cpu_model() -> str:
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    models = (line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    return next(models, platform.processor())


def save(index: SearchIndex, path: Path) -> int:
    """Save the index as the app does (a pickle, in checkouts from before search_file); bytes."""
    try:
        from filmtui.store import search_file
    except ImportError:
        path.write_bytes(pickle.dumps(index.columns, protocol=pickle.HIGHEST_PROTOCOL))
    else:
        search_file.write(path, (0,), index.columns)
    return path.stat().st_size


def loaded_mb(path: Path) -> str:
    """What loading a saved index costs this (fresh) process: time and resident memory."""
    import filmtui.search.columns  # noqa: F401  (the code, not the data: not counted)

    before = rss_mb()
    start = time.perf_counter()
    try:
        from filmtui.store import search_file
    except ImportError:
        columns = pickle.loads(path.read_bytes())
    else:
        columns = search_file.read(path, (0,))
    index = SearchIndex.from_columns(columns)
    elapsed = time.perf_counter() - start
    grown = rss_mb() - before
    index.search("heat")
    index.closest("godfahter")
    used = rss_mb() - before
    return (f"{elapsed * 1000:.0f} ms, +{grown:.0f} MB (+{used:.0f} MB after a search and"
            f" closest()); peak {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query")
    parser.add_argument("--limit", type=int, default=100, help="the limited column's `limit`")
    parser.add_argument("--plain", action="store_true",
                        help="films without characters and crew (as before they were searched)")
    parser.add_argument("--memory", action="store_true",
                        help="build and memory figures only (one build, no query timings: 1M films)")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # the child that measures a load
    args = parser.parse_args()

    if args.load:
        print(loaded_mb(Path(args.load)))
        return
    films = make_films(args.films, plain=args.plain)
    films_rss = rss_mb()
    index = SearchIndex(films)
    kept = rss_mb()
    walls, cpus = [], []
    for _ in range(1 if args.memory else 3):
        cpu_start = time.process_time_ns()
        walls.append(timed(lambda: SearchIndex(films)))
        cpus.append(time.process_time_ns() - cpu_start)
    print(f"{len(index):,} films; Python {platform.python_version()}; {os.cpu_count()} CPUs"
          f" ({cpu_model()}); load average {os.getloadavg()[0]:.2f}")
    wall, cpu = statistics.median(walls) / 1e6, statistics.median(cpus) / 1e6
    slowest = max(walls) / 1e6
    print(f"build: median {wall:.0f} ms wall, {cpu:.0f} ms CPU ({len(walls)} builds; slowest"
          f" {slowest:.0f} ms)")
    print(f"memory: {films_rss:.0f} MB resident with the films alone, {kept:.0f} MB with the first"
          f" index built (+{kept - films_rss:.0f} MB); peak {peak_rss_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "search-index"
        size = save(index, saved)
        child = [sys.executable, __file__, "--load", str(saved)]
        grown = subprocess.run(child, capture_output=True, text=True, check=True).stdout.strip()
    print(f"saved: {size / 1e6:.1f} MB on disk; loaded in a fresh process: {grown}")
    print()
    if args.memory:
        return

    for query in QUERIES * 2:  # warm-up
        index.search(query)
    times: dict[tuple[str, int | None], list[int]] = {}
    for _ in range(args.runs):
        for query in QUERIES:
            for limit in (None, args.limit):
                index.search(FLUSH)
                elapsed = timed(lambda: index.search(query, limit=limit))
                times.setdefault((query, limit), []).append(elapsed)
    print(f"{'ms':<12} {'hits':>7} {'all: median':>17} {f'top {args.limit}: median':>17}")
    print(f"{'':<12} {'':>7} {'p95':>17} {'p95':>17}")
    for query in QUERIES:
        hits = len(index.search(query))
        print(f"{query!r:<12} {hits:>7} {ms(times[query, None])} {ms(times[query, args.limit])}")

    typed = "heat pacino"
    keystrokes: list[int] = []
    for _ in range(args.runs):
        index.search(FLUSH)
        keystrokes += [timed(lambda: index.search(typed[:end])) for end in range(1, len(typed) + 1)]
    print(f"\ntyping {typed!r} a key at a time, all hits: {ms(keystrokes)} ms a key (median, p95)")
    first = timed(lambda: index.closest(CLOSEST[0]))
    print(f"\nclosest(), first call (prepares its titles): {first / 1e6:.2f} ms")
    runs = max(5, args.runs // 3)
    for query in CLOSEST:
        suggest = [timed(lambda: index.closest(query)) for _ in range(runs)]
        print(f"closest({query!r}): {ms(suggest)} ms (median, p95)")


if __name__ == "__main__":
    main()

"""How fast is "more like this" at catalogue scale? Prints figures; asserts nothing.

    python bench/bench_similar.py --films 100000

Builds N TMDB-shaped films with bench/synthetic.py (8-24 cast and 3-10 keywords each from small
pools, so people and keywords recur far more than in a real store: a hard case), or with
`--shape search` the shape bench_search.py uses (20,000 people, 1-4 keywords from ~50). The
slim rows are what the store would hold (six billed actors, eight keywords). Times the index
build (what the first "more like this" pays), then one call for 50 random films, from their
full pages (all cast, crew with writers, keywords), median and p95 after a warm-up; last, a
film sharing nothing but common keywords, the path that brings in films of its own. Wall-clock
figures are noisy on a shared machine: the load average is printed alongside.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_search import cpu_model, make_films, ms, timed  # noqa: E402
from synthetic import film_fields  # noqa: E402

from filmtui.models import CastMember, CrewMember, Film, FilmSummary  # noqa: E402
from filmtui.similar import SimilarIndex  # noqa: E402


def synthetic_pages(n: int, picks: set[int]) -> tuple[list[FilmSummary], dict[int, Film]]:
    """N rows from bench/synthetic.py, and the full pages of the films in `picks`."""
    rng = random.Random(1)
    rows: list[FilmSummary] = []
    pages: dict[int, Film] = {}
    for film_id in range(1, n + 1):
        fields, _ = film_fields(film_id, rng)
        page = Film.merge(None, fields)
        rows.append(page.summary())
        if film_id in picks:
            pages[film_id] = page
    return rows, pages


def search_pages(n: int, picks: set[int]) -> tuple[list[FilmSummary], dict[int, Film]]:
    """N rows shaped as bench_search.py's, and made-up pages (a writer each) for `picks`."""
    rows = make_films(n)
    pages = {}
    for row in rows:
        if row.id in picks:
            writer = row.cast[-1] if row.cast else "Nobody"
            pages[row.id] = Film(
                row.id, row.title, year=row.year, directors=list(row.directors),
                cast=[CastMember(name) for name in row.cast],
                crew=[CrewMember(writer, "Screenplay")], keywords=list(row.keywords),
                genres=list(row.genres),
            )  # fmt: skip
    return rows, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=50, help="random films timed")
    parser.add_argument("--shape", choices=("synthetic", "search"), default="synthetic")
    args = parser.parse_args()

    picks = set(random.Random(7).sample(range(1, args.films + 1), min(args.calls, args.films)))
    make = synthetic_pages if args.shape == "synthetic" else search_pages
    rows, pages = make(args.films, picks)
    print(f"{len(rows):,} films ({args.shape} shape); Python {platform.python_version()};"
          f" {os.cpu_count()} CPUs ({cpu_model()}); load average {os.getloadavg()[0]:.2f}")

    builds, cpus = [], []
    for _ in range(3):
        index = SimilarIndex(rows)
        cpu = time.process_time_ns()
        builds.append(timed(index.prepare))
        cpus.append(time.process_time_ns() - cpu)
    wall, cpu, slowest = statistics.median(builds), statistics.median(cpus), max(builds)
    print(f"index build: median {wall / 1e6:.0f} ms wall, {cpu / 1e6:.0f} ms CPU"
          f" (3 builds; slowest {slowest / 1e6:.0f} ms)")

    films = [pages[i] for i in sorted(pages)]
    for film in films[:5]:  # warm-up
        index.like(film)
    calls = [timed(lambda: index.like(film)) for film in films]
    found = [len(index.like(film, limit=None).films) for film in films]
    print(f"like(), limit 12, {len(films)} random films: {ms(calls)} ms (median, p95);"
          f" films sharing something: median {statistics.median(found):,.0f}")
    sample = index.like(films[0]).films[:3]
    for entry in sample:
        print(f"  e.g. {entry.score:6.2f}  {entry.why}")

    # New people only, common keywords only: the rarer ties find nothing.
    loner = Film(10**9, "Loner", year=2000, cast=[CastMember("Zz Nobody")],
                 keywords=list(films[0].keywords), genres=list(films[0].genres))
    alone = [timed(lambda: index.like(loner)) for _ in range(10)]
    print(f"like() for a film sharing only common keywords: {ms(alone)} ms (median, p95)")


if __name__ == "__main__":
    main()

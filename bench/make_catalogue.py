"""Write a store of N synthetic films (plus the embedded catalogue) for benchmarks.

    python bench/make_catalogue.py --films 100000 --data-dir /tmp/films-100k
    FILMTUI_DATA_DIR=/tmp/films-100k filmtui

Films are made a group of shards at a time, in one process per core (synthetic.FilmMaker, which
makes film_fields's films, and their index rows straight from the fields), and written with
`filmtui.store.bulk.build`: each shard file once, the index rows in one SQLite transaction, in a
hidden folder renamed into place when complete, so 1,000,000 films take about two minutes on two
cores and a build killed midway leaves no store. The search index a first start would build is
saved too (it holds every row in memory, as that start would); without it (--no-search-index)
memory holds a group's rows, not the collection. The same seed makes the same films, with any
number of workers. Where the time went is printed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import FilmMaker  # noqa: E402

from filmtui.models import FilmSummary  # noqa: E402
from filmtui.store import StoreError, TmdbUpdate  # noqa: E402
from filmtui.store.bulk import Phases, build  # noqa: E402
from filmtui.store.store import SHARDS  # noqa: E402

FIRST_ID = 1_000_000
#: Shards made together from one generator: the films depend on it (its seed is the group's).
GROUP = 64


def films_of(shards: range, count: int, seed: int) -> Iterator[tuple[TmdbUpdate, FilmSummary]]:
    """The synthetic films of ids FIRST_ID.. FIRST_ID+count that fall in `shards`, with their
    index rows, shard by shard."""
    maker = FilmMaker(random.Random(f"{seed}:{shards.start}"))
    last = FIRST_ID + count
    for shard in shards:
        film_id = FIRST_ID + (shard - FIRST_ID) % SHARDS
        while film_id < last:
            fields, raw, row = maker.made(film_id)
            yield TmdbUpdate(film_id, fields, raw), row
            film_id += SHARDS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, required=True, help="how many synthetic films")
    parser.add_argument("--data-dir", type=Path, required=True, help="the store folder to create")
    parser.add_argument("--seed", type=int, default=1995, help="random seed (same seed, same films)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes making films (default: one per core)")
    parser.add_argument("--search-index", action=argparse.BooleanOptionalAction, default=True,
                        help="also save the search index a first start would build (default: "
                             "yes; it holds every row in memory, ~2 GB at 1M films)")
    args = parser.parse_args()
    if args.data_dir.exists() and any(args.data_dir.iterdir()):
        parser.error(f"{args.data_dir} is not empty")
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 16 == 0 or done == total:
            print(f"  {done}/{total} groups of shards, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)

    phases = Phases()
    try:
        build(args.data_dir, lambda shards: films_of(shards, args.films, args.seed),
              group_shards=GROUP, workers=args.workers, progress=progress, phases=phases,
              search_index=args.search_index)
    except StoreError as error:
        parser.error(str(error))
    wall = time.perf_counter() - started
    size = sum(p.stat().st_size for p in args.data_dir.rglob("*") if p.is_file())
    print(
        f"phases: films made {phases.making:.1f} s and shards written {phases.shards:.1f} s "
        f"(CPU over {args.workers} workers); here: index rows {phases.rows:.1f} s, in id order "
        f"{phases.ordering:.1f} s, sort indexes and commit {phases.indexes:.1f} s, then the "
        f"search index (built beside them) {phases.search:.1f} s, sync {phases.sync:.1f} s"
    )
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(u.ru_utime + u.ru_stime for u in usage)
    print(
        f"wrote {args.films:,} films to {args.data_dir} ({size / 1e6:.0f} MB) in {wall:.1f} s "
        f"({cpu:.0f} s CPU), peak RSS {usage[0].ru_maxrss / 1024:.0f} MB here, "
        f"{usage[1].ru_maxrss / 1024:.0f} MB in a child (a worker, or the search index's)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

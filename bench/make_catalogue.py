"""Write a store of N synthetic films (plus the embedded catalogue) for benchmarks.

    python bench/make_catalogue.py --films 100000 --data-dir /tmp/films-100k
    FILMTUI_DATA_DIR=/tmp/films-100k filmtui

Films are made a group of shards at a time, in one process per core, and written with
`filmtui.store.bulk.bulk_load`: each shard file once, the index rows in one SQLite transaction,
so 1,000,000 films take minutes and memory holds a few groups (~16,000 films each), not the
collection. The same seed makes the same films, with any number of workers.
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

from synthetic import film_fields  # noqa: E402

from filmtui.store import Store, TmdbUpdate  # noqa: E402
from filmtui.store.bulk import bulk_load  # noqa: E402
from filmtui.store.store import SHARDS  # noqa: E402

FIRST_ID = 1_000_000


def films_of(shards: range, count: int, seed: int) -> Iterator[TmdbUpdate]:
    """The synthetic films of ids FIRST_ID.. FIRST_ID+count that fall in `shards`."""
    rng = random.Random(f"{seed}:{shards.start}")
    last = FIRST_ID + count
    for shard in shards:
        film_id = FIRST_ID + (shard - FIRST_ID) % SHARDS
        while film_id < last:
            yield TmdbUpdate(film_id, *film_fields(film_id, rng))
            film_id += SHARDS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, required=True, help="how many synthetic films")
    parser.add_argument("--data-dir", type=Path, required=True, help="the store folder to create")
    parser.add_argument("--seed", type=int, default=1995, help="random seed (same seed, same films)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes making films (default: one per core)")
    args = parser.parse_args()
    if args.data_dir.exists() and any(args.data_dir.iterdir()):
        parser.error(f"{args.data_dir} is not empty")
    started = time.perf_counter()
    store = Store.open(args.data_dir)

    def progress(done: int, total: int) -> None:
        if done % 16 == 0 or done == total:
            print(f"  {done}/{total} groups of shards", file=sys.stderr)

    bulk_load(store, lambda shards: films_of(shards, args.films, args.seed), progress=progress,
              workers=args.workers)
    size = sum(p.stat().st_size for p in args.data_dir.rglob("*") if p.is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"wrote {args.films:,} films to {args.data_dir} ({size / 1e6:.0f} MB) in "
        f"{time.perf_counter() - started:.1f} s, peak RSS {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write a store of N synthetic films (plus the embedded catalogue) for benchmarks.

    python bench/make_catalogue.py --films 100000 --data-dir /tmp/films-100k
    FILMTUI_DATA_DIR=/tmp/films-100k filmtui
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import film_fields  # noqa: E402

from filmtui.store import Store, TmdbUpdate  # noqa: E402
from filmtui.store.store import SHARDS  # noqa: E402

FIRST_ID = 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, required=True, help="how many synthetic films")
    parser.add_argument("--data-dir", type=Path, required=True, help="the store folder to create")
    parser.add_argument("--seed", type=int, default=1995, help="random seed (same seed, same films)")
    args = parser.parse_args()
    if args.data_dir.exists() and any(args.data_dir.iterdir()):
        parser.error(f"{args.data_dir} is not empty")
    started = time.perf_counter()
    store = Store.open(args.data_dir)
    rng = random.Random(args.seed)
    ids = range(FIRST_ID, FIRST_ID + args.films)
    # Batches cover disjoint ranges of shards, so each shard file is written once.
    groups = max(1, min(16, args.films // 5000))
    for group in range(groups):
        members = [i for i in ids if (i % SHARDS) * groups // SHARDS == group]
        store.write_tmdb(TmdbUpdate(i, *film_fields(i, rng)) for i in members)
        print(f"  {group + 1}/{groups} batches", file=sys.stderr, end="\r")
    size = sum(p.stat().st_size for p in args.data_dir.rglob("*") if p.is_file())
    print(
        f"wrote {args.films:,} films to {args.data_dir} "
        f"({size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

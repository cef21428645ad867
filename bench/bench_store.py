"""Store benchmarks: start-up load, opening one film, writing a batch of 100 refreshed films.

    python bench/make_catalogue.py --films 100000 --data-dir /tmp/films-100k
    python bench/bench_store.py --data-dir /tmp/films-100k

Targets at 100,000 films: load what the list needs <= 0.3 s and 250 MB peak RSS; one film's
details <= 20 ms; a batch of 100 refreshed films <= 1 s. Each load runs in a fresh process, so
peak RSS is the load's own.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import film_fields  # noqa: E402

from filmtui.store import Store, TmdbUpdate  # noqa: E402

_LOAD = r"""
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
from filmtui.store import Store
imported = time.perf_counter()
store = Store.open(Path(sys.argv[1]))
rows = store.summaries()
done = time.perf_counter()
print(json.dumps({"films": len(rows), "seconds": done - imported, "import": imported - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_load(data_dir: Path, runs: int) -> dict:
    results = [
        json.loads(subprocess.check_output([sys.executable, "-c", _LOAD, str(data_dir)]))
        for _ in range(runs)
    ]
    return {
        "films": results[0]["films"],
        "load_s": statistics.median(r["seconds"] for r in results),
        "import_s": statistics.median(r["import"] for r in results),
        "rss_mb": max(r["rss_mb"] for r in results),
    }


def measure_open(store: Store, ids: list[int], count: int) -> list[float]:
    rng = random.Random(7)
    times = []
    for film_id in rng.sample(ids, min(count, len(ids))):
        started = time.perf_counter()
        store.film(film_id)
        times.append(time.perf_counter() - started)
    return times


def measure_batches(store: Store, ids: list[int], batches: int) -> list[float]:
    rng = random.Random(11)
    times = []
    for _ in range(batches):
        chosen = rng.sample(ids, min(100, len(ids)))
        updates = [TmdbUpdate(i, *film_fields(i, rng)) for i in chosen]
        started = time.perf_counter()
        store.write_tmdb(updates)
        times.append(time.perf_counter() - started)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure the store's costs on a made catalogue.")
    parser.add_argument("--data-dir", type=Path, required=True, help="a store from make_catalogue.py")
    parser.add_argument("--runs", type=int, default=5, help="fresh-process loads to time")
    args = parser.parse_args()
    load = measure_load(args.data_dir, args.runs)
    # Writes go to a copy, so the benchmark can be rerun on the same made catalogue.
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "store"
        shutil.copytree(args.data_dir, copy)
        store = Store.open(copy)
        ids = [s.id for s in store.summaries()]
        opens = measure_open(store, ids, 300)
        batches = measure_batches(store, ids, 10)
    opens.sort()
    print(f"films                        {load['films']:>10,}")
    print(f"import filmtui.store         {ms(load['import_s']):>10}")
    print(f"open + load index (median)   {ms(load['load_s']):>10}   target <= 300 ms")
    print(f"peak RSS of that load        {load['rss_mb']:>7.0f} MB   target <= 250 MB")
    print(f"open one film (median)       {ms(statistics.median(opens)):>10}   target <= 20 ms")
    print(f"open one film (p95)          {ms(opens[int(len(opens) * 0.95)]):>10}")
    print(f"write 100 refreshed (median) {ms(statistics.median(batches)):>10}   target <= 1000 ms")
    print(f"write 100 refreshed (max)    {ms(max(batches)):>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Store benchmarks: the list's first screen, every row, a page anywhere in the list, opening one
film, writing a batch of 100 refreshed films, rebuilding the list index.

    python bench/make_catalogue.py --films 100000 --data-dir /tmp/films-100k
    python bench/bench_store.py --data-dir /tmp/films-100k

Targets at 100,000 films: the list's count and first screen <= a few ms (it runs on the event
loop before the first frame); one film's details <= 20 ms; a batch of 100 refreshed films <= 1 s.
Each load runs in a fresh process, so peak RSS is the load's own.
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
from filmtui.browser import Browser
imported = time.perf_counter()
store = Store.open(Path(sys.argv[1]))
opened = time.perf_counter()
browser = Browser(store.list_index(), build=False)
first = browser.order("title")[:80]
head = time.perf_counter()
head_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
rows = store.summaries()
done = time.perf_counter()
print(json.dumps({"films": len(browser), "open": opened - imported, "head": head - opened,
                  "seconds": done - head,
                  "import": imported - started, "head_rss_mb": head_rss,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_load(data_dir: Path, runs: int) -> dict:
    results = [
        json.loads(subprocess.check_output([sys.executable, "-c", _LOAD, str(data_dir)]))
        for _ in range(runs)
    ]
    return {
        "films": results[0]["films"],
        "open_s": statistics.median(r["open"] for r in results),
        "head_s": statistics.median(r["head"] for r in results),
        "head_rss_mb": max(r["head_rss_mb"] for r in results),
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


def measure_pages(store: Store, count: int) -> dict[str, list[float]]:
    """A page of 100 rows anywhere in the title order: by offset, and by id once the ids are read."""
    from filmtui.browser import Browser, Rows

    browser = Browser(store.list_index(), build=False)
    total = len(browser)
    rng = random.Random(3)
    spots = [rng.randrange(total) for _ in range(count)]
    by_offset = []
    for at in spots:
        rows = Rows(browser.list_index, order="title", count=total)
        started = time.perf_counter()
        rows[at]
        by_offset.append(time.perf_counter() - started)
    started = time.perf_counter()
    ordered = Rows(browser.list_index, order="title", count=total)
    ordered.prepare()
    ids_read = time.perf_counter() - started
    by_id = []
    for at in spots:
        ordered._pages.clear()
        started = time.perf_counter()
        ordered[at]
        by_id.append(time.perf_counter() - started)
    return {"offset": sorted(by_offset), "id": sorted(by_id), "ids_read": [ids_read]}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure the store's costs on a made catalogue.")
    parser.add_argument("--data-dir", type=Path, required=True, help="a store from make_catalogue.py")
    parser.add_argument("--runs", type=int, default=5, help="fresh-process loads to time")
    parser.add_argument("--reads-only", action="store_true",
                        help="skip the writes and the rebuild (they run on a copy of the store)")
    args = parser.parse_args()
    load = measure_load(args.data_dir, args.runs)
    if args.reads_only:
        pages = measure_pages(Store.open(args.data_dir), 50)
        print_load(load, pages)
        return 0
    # Writes go to a copy, so the benchmark can be rerun on the same made catalogue.
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "store"
        shutil.copytree(args.data_dir, copy)
        store = Store.open(copy)
        ids = [s.id for s in store.summaries()]
        opens = measure_open(store, ids, 300)
        pages = measure_pages(store, 50)
        batches = measure_batches(store, ids, 10)
        started = time.perf_counter()
        store.rebuild_index()
        rebuilt = time.perf_counter() - started
    opens.sort()
    print_load(load, pages)
    print(f"rebuild-index                {ms(rebuilt):>10}")
    print(f"open one film (median)       {ms(statistics.median(opens)):>10}   target <= 20 ms")
    print(f"open one film (p95)          {ms(opens[int(len(opens) * 0.95)]):>10}")
    print(f"write 100 refreshed (median) {ms(statistics.median(batches)):>10}   target <= 1000 ms")
    print(f"write 100 refreshed (max)    {ms(max(batches)):>10}")
    return 0


def print_load(load: dict, pages: dict[str, list[float]]) -> None:
    print(f"films                        {load['films']:>10,}")
    print(f"import filmtui.store+browse  {ms(load['import_s']):>10}")
    print(f"Store.open                   {ms(load['open_s']):>10}")
    print(f"count + first screen         {ms(load['head_s']):>10}   (the first frame's query)")
    print(f"peak RSS by then             {load['head_rss_mb']:>7.0f} MB")
    print(f"every row, summaries()       {ms(load['load_s']):>10}   (search build, people, CLI)")
    print(f"peak RSS with every row      {load['rss_mb']:>7.0f} MB")
    for kind in ("offset", "id"):
        times = pages[kind]
        print(f"a page anywhere, by {kind:<7}  {ms(statistics.median(times)):>10}   "
              f"p95 {ms(times[int(len(times) * 0.95)])}")
    print(f"read the title order's ids   {ms(pages['ids_read'][0]):>10}   (in a worker)")


if __name__ == "__main__":
    raise SystemExit(main())

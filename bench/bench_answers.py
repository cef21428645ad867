"""What a user waits for at catalogue scale, outside the list: `filmtui status`, a person page's
credits and "more like this", on a store made by make_catalogue.py. Prints figures; asserts nothing.

    python bench/bench_answers.py --data-dir /tmp/films-1m [--films 1000000 1000123 1004567]

Each answer is timed in a fresh process (its own peak memory, nothing cached by an earlier one):
status as the CLI runs it; the credits of the first film's lead through Library.people(), then
the director of each other film; "more like this" through Library.more_like() for each film.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def child(root: Path, what: str, ids: list[int]) -> None:
    from filmtui.library import Library
    from filmtui.store import Store

    store = Store.open(root)
    library = Library(store)
    for number, film_id in enumerate(ids):
        film = store.film(film_id)
        if film is None:
            print(f"  no film {film_id}")
            continue
        started = time.perf_counter()
        if what == "people":
            name = film.cast[0].name if number == 0 and film.cast else film.directors[0]
            found = library.people().credits(name)
            label = f"{name}: {len(found)} credits"
        else:
            similar = library.more_like(film).films
            label = f"{film.title}: {len(similar)} like it, first {similar[0].film_id if similar else '-'}"
        print(f"  {what} {'first' if number == 0 else 'next '} {time.perf_counter() - started:6.2f} s  {label}")
    print(f"  {what} peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--films", type=int, nargs="*", default=[1_000_000, 1_000_123, 1_004_567])
    parser.add_argument("--child", choices=("people", "similar"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.data_dir, args.child, args.films)
        return 0
    print(f"{args.data_dir}, load average {os.getloadavg()[0]:.1f}")
    env = {**os.environ, "FILMTUI_DATA_DIR": str(args.data_dir)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "filmtui", "status"], env=env, capture_output=True, check=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  status        {time.perf_counter() - started:6.2f} s  peak RSS {peak:.0f} MB")
    for what in ("people", "similar"):
        subprocess.run([sys.executable, __file__, "--data-dir", str(args.data_dir), "--child", what,
                        "--films", *map(str, args.films)], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A refresh to be killed: refreshes the ids given on the command line in small batches.

Run by test_sigkill.py with FILMTUI_* and TMDB_* set; prints "ready" once the store is open so
the test can kill it while it fetches and writes.
"""

from __future__ import annotations

import sys

from filmtui.config import load_config
from filmtui.store import Store
from filmtui.tmdb import refresh_films


def main() -> None:
    batch = int(sys.argv[1])
    ids = [int(i) for i in sys.argv[2:]]
    store = Store.open()
    print("ready", flush=True)
    report = refresh_films(store, ids, load_config(), batch_size=batch)
    print(report.summary(), flush=True)


if __name__ == "__main__":
    main()

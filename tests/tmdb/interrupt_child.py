"""`filmtui ARGS` whose store writes say "writing N" on stderr and take half a second first.

Run by test_interrupt.py, which sends Ctrl-C while a batch is being written: the moment a
refresh that tells films before writing them would lose them.
"""

from __future__ import annotations

import sys
import time

from filmtui.cli import main
from filmtui.store import Store

_write = Store.write_tmdb


def slow_write(self: Store, updates) -> int:
    updates = list(updates)
    print(f"writing {len(updates)}", file=sys.stderr, flush=True)
    time.sleep(0.5)
    return _write(self, updates)


if __name__ == "__main__":
    Store.write_tmdb = slow_write
    sys.exit(main(sys.argv[1:]))

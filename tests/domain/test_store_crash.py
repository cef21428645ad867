"""The atomic writer and the lock: temp files of killed writers swept, fsync before replace, and
the store working where fcntl does not exist (Windows)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from filmtui.models import UserData
from filmtui.store import Store
from filmtui.store import storage

HEAT = 949

_USER_WRITER = r"""
import sys
from pathlib import Path
from filmtui.store import Store, TmdbUpdate
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
print("ready", flush=True)
n = 0
while True:  # big notes and batches: every write takes a while, so a kill lands inside one
    n += 1
    if sys.argv[3] == "user":
        store.set_user(1_000_000 + n % 300, note=f"{n} " + "x" * 5000)
    else:
        store.write_tmdb([TmdbUpdate(2_000_000 + i * 7, {
            "id": 2_000_000 + i * 7, "title": f"Film {i} v{n}", "overview": "y" * 2000,
            "refreshed_at": "2026-01-01T00:00:00+00:00"}) for i in range(300)])
"""


def leftovers(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob(".*.tmp")]


def test_temp_files_of_killed_writers_are_swept_at_open(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog).set_user(HEAT, watchlist=True, note="keep me")
    rng = random.Random(1995)
    found = {"user": 0, "films": 0}
    for trial in range(40):
        kind = ("user", "films")[trial % 2]
        child = subprocess.Popen(
            [sys.executable, "-c", _USER_WRITER, str(data_dir), str(catalog), kind],
            stdout=subprocess.PIPE,
        )
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.3))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        found[kind] += len(leftovers(data_dir))
        store = Store.open(data_dir, catalog)
        assert leftovers(data_dir) == [], "a dead writer's temp file was left behind"
        assert store.user(HEAT) == UserData(watchlist=True, note="keep me")
        assert store.notices == []
    assert all(found.values()), f"no kill landed mid-write: the sweep was not exercised {found}"


def test_the_sweep_leaves_other_files_alone(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog)
    keep = [data_dir / ".lock", data_dir / "my-notes.tmp", data_dir / ".user.json.backup.tmp",
            data_dir / "films" / "notes.txt"]  # fmt: skip
    for path in keep:
        path.write_text("mine")
    stale = [data_dir / ".user.json.k3_9xq0a.tmp", data_dir / "films" / ".3b5.json.abc_def9.tmp"]
    for path in stale:
        path.write_text("{}")
    (data_dir / "journal.json").write_text('{"ids": [949]}')  # its writer died mid-batch
    Store.open(data_dir, catalog)
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in keep)


def test_the_atomic_writer_fsyncs_the_new_file_before_it_replaces_the_old(
    tmp_path: Path, monkeypatch
) -> None:
    events: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(source, target) -> None:
        events.append(("replace", os.stat(source).st_ino))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "user.json"
    target.write_text("old")
    storage.write_atomic(target, b"new")
    new_inode = target.stat().st_ino
    assert target.read_bytes() == b"new"
    assert ("fsync", new_inode) in events, "the new file's content was never fsynced"
    assert events.index(("fsync", new_inode)) < events.index(("replace", new_inode))
    folder_syncs = [i for kind, i in events if kind == "fsync" and i == tmp_path.stat().st_ino]
    assert folder_syncs, "the folder was not fsynced after the rename"


_WITHOUT_FCNTL = r"""
import json, sys
sys.modules["fcntl"] = None  # as on Windows: `import fcntl` fails
from pathlib import Path
from filmtui.store import Store, TmdbUpdate
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
store.set_user(949, rating=8, note="no fcntl here")
store.write_tmdb([TmdbUpdate(550, {"id": 550, "title": "Fight Club",
                                   "refreshed_at": "2026-01-01T00:00:00+00:00"})])
again = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"user": again.user(949).note, "film": again.film(550).title,
                  "listed": 550 in {s.id for s in again.summaries()},
                  "fcntl": sys.modules.get("fcntl") is None}))
"""


def test_the_store_works_where_fcntl_does_not_exist(data_dir: Path, catalog: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FCNTL, str(data_dir), str(catalog)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "nothing to say about the lock"
    assert json.loads(result.stdout) == {
        "user": "no fcntl here", "film": "Fight Club", "listed": True, "fcntl": True
    }
    assert Store.open(data_dir, catalog).user(HEAT).rating == 8


_LOCK_HOLDER = r"""
import sys, time
sys.modules["fcntl"] = None
from pathlib import Path
from filmtui.store import Store
store = Store.open(Path(sys.argv[1]), Path(sys.argv[2]))
with store.lock():
    print("locked", flush=True)
    time.sleep(60)
"""


def test_without_fcntl_a_killed_lock_holder_does_not_block_the_next_writer(
    data_dir: Path, catalog: Path
) -> None:
    Store.open(data_dir, catalog)
    child = subprocess.Popen(
        [sys.executable, "-c", _LOCK_HOLDER, str(data_dir), str(catalog)], stdout=subprocess.PIPE
    )
    assert child.stdout.readline().strip() == b"locked"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FCNTL, str(data_dir), str(catalog)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0 and json.loads(result.stdout)["user"] == "no fcntl here"


_THREAD_WRITERS = r"""
import sys, threading
sys.modules["fcntl"] = None
from pathlib import Path
from filmtui.store import Store
root, catalog = Path(sys.argv[1]), Path(sys.argv[2])
def write(offset):
    store = Store.open(root, catalog)
    for n in range(30):
        store.set_user(offset + n, note=f"note {offset + n}")
base = int(sys.argv[3])
threads = [threading.Thread(target=write, args=(base + o,)) for o in (1_000_000, 2_000_000)]
for t in threads: t.start()
for t in threads: t.join()
"""


def test_without_fcntl_two_writers_at_once_lose_nothing(data_dir: Path, catalog: Path) -> None:
    Store.open(data_dir, catalog)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _THREAD_WRITERS, str(data_dir), str(catalog), str(base)]
        )
        for base in (0, 10_000)
    ]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    mine = Store.open(data_dir, catalog).users()
    assert len(mine) == 120, "a writer's notes were lost"
    assert all(mine[i].note == f"note {i}" for i in mine)

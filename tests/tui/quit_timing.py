"""How long does `q` take to end filmtui while TMDB work is in flight? A script, not a test (it
times things): the real `filmtui` runs in a pseudo-terminal against the loopback TMDB stand-in,
whose answers are made to take 40 s, and each trial presses q while a request is waiting.

    python tests/tui/quit_timing.py --trials 10      # 10 per situation, 3 situations

Situations: `u` on a film page (one film's refresh), Ctrl+R (a refresh of every film) and `p` (a
poster download). Prints each exit time and the worst; exit code 1 if any took a second or more.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

import tmdb.server as stand_in  # noqa: E402

TOKEN = "tok-quit-timing-never-shown"
SLOW = 40.0
SLOW_IMAGES = threading.Event()
FILMTUI = Path(sys.executable).with_name("filmtui")


def _slow_images(tmdb: stand_in.FakeTmdb) -> type:
    """The stand-in's handler, with poster downloads that take SLOW seconds when asked."""
    base = _handler_for(tmdb)

    class Handler(base):  # type: ignore[misc, valid-type]
        def _image(self, path: str) -> None:
            if SLOW_IMAGES.is_set():
                time.sleep(SLOW)
            super()._image(path)

    return Handler


_handler_for = stand_in._handler_for
stand_in._handler_for = _slow_images


def trial(env: dict[str, str], keys: list[tuple[str, float]], quit: bytes) -> float:
    """Run filmtui, send `keys` (text, seconds to wait after), then `quit`; seconds until it exits."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(str(FILMTUI), [str(FILMTUI)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    done = threading.Event()

    def drain() -> None:  # the terminal's output must be read, or the app blocks writing it
        while not done.is_set():
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()
    time.sleep(2.5)  # start-up and the first frame
    for text, pause in keys:
        os.write(fd, text.encode())
        time.sleep(pause)
    started = time.monotonic()
    os.write(fd, quit)
    deadline = started + 60
    while time.monotonic() < deadline:
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    elapsed = time.monotonic() - started
    done.set()
    os.close(fd)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10, help="trials per situation")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="filmtui-quit-"))
    with stand_in.FakeTmdb(token=TOKEN, api_key=None) as server:
        server.films = stand_in.real_films()
        env = {
            **os.environ, "TERM": "xterm-256color", "NO_PROXY": "127.0.0.1,localhost",
            "FILMTUI_TMDB_URL": server.url, "TMDB_READ_ACCESS_TOKEN": TOKEN,
            "FILMTUI_TMDB_TIMEOUT": "60", "FILMTUI_TMDB_RETRIES": "0", "FILMTUI_RATE_LIMIT": "1000",
            "FILMTUI_DATA_DIR": str(work / "data"), "FILMTUI_CONFIG_DIR": str(work / "config"),
        }
        for name in ("FILMTUI_TMDB_CONCURRENCY", "NO_COLOR", "TEXTUAL"):
            env.pop(name, None)
        # Heat refreshed once, quickly, so it has a poster path to download.
        env["FILMTUI_CACHE_DIR"] = str(work / "cache-seed")
        subprocess.run([str(FILMTUI), "refresh", "heat"], env=env, check=True, capture_output=True)
        # (keys with the seconds to wait after each, the quitting key): q on a page, Ctrl+Q from
        # the search box; on the poster q closes the poster, so a second q quits.
        situations = {
            "u (one film)": ([("heat", 0.6), ("\r", 1.0), ("u", 0.8)], b"q"),
            "ctrl+r (all films)": ([("\x12", 0.8)], b"\x11"),
            "p (poster)": ([("heat", 0.6), ("\r", 1.0), ("p", 0.8), ("q", 0.4)], b"q"),
        }
        worst = 0.0
        for name, (keys, quit) in situations.items():
            times = []
            for n in range(args.trials):
                env["FILMTUI_CACHE_DIR"] = str(work / f"cache-{n}")  # no cached poster
                server.slow_seconds = SLOW
                server._faults.clear()
                for film_id in list(server.films):
                    server.fault(film_id, "slow")
                SLOW_IMAGES.set()
                times.append(trial(env, keys, quit))
                SLOW_IMAGES.clear()
            worst = max(worst, *times)
            print(f"{name:20} max {max(times):.2f} s  median {sorted(times)[len(times) // 2]:.2f} s  "
                  f"({', '.join(f'{t:.2f}' for t in times)})", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"worst exit after q: {worst:.2f} s over {3 * args.trials} trials")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""`filmtui store rebuild-index`: rebuild the list index (index.sqlite) from the film files."""

from __future__ import annotations

import argparse
import time

from filmtui.cli.common import CommandError, open_store, store_problems_in_one_line, tell_notices


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("store", help="look after the store (rebuild its index)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    rebuild = actions.add_parser(
        "rebuild-index", help="rebuild the list index from the film files (it is derived from them)"
    )
    rebuild.set_defaults(func=run)
    parser.set_defaults(func=run)
    return parser


@store_problems_in_one_line
def run(args: argparse.Namespace) -> int:
    if getattr(args, "action", None) != "rebuild-index":
        raise CommandError("say what to do: filmtui store rebuild-index", 2)
    store = open_store()
    started = time.perf_counter()
    count = store.rebuild_index()
    tell_notices()  # a damaged index set aside on the way
    noun = "film" if count == 1 else "films"
    print(f"Rebuilt the index of {count:,} {noun} from the film files in {time.perf_counter() - started:.1f} s.")
    return 0

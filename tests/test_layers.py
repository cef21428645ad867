"""The architecture, kept true: imports point one way (domain <- UI), and each library has one home."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "filmtui"
DOMAIN = [
    "filmtui.models", "filmtui.catalog", "filmtui.store", "filmtui.search", "filmtui.tmdb",
    "filmtui.text", "filmtui.locations", "filmtui.config", "filmtui.poster_art",
    "filmtui.poster_fetch", "filmtui.browse", "filmtui.people",
    "filmtui.similar",
]  # fmt: skip


def imports_of(path: Path) -> set[str]:
    """Top-level package names a module imports (at any depth in the file)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_domain_modules_never_import_textual() -> None:
    tmdb_modules = [f"filmtui.tmdb.{p.stem}" for p in (PACKAGE / "tmdb").glob("*.py")]
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DOMAIN + tmdb_modules)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_only_the_store_touches_tinydb() -> None:
    users = {p.relative_to(PACKAGE).as_posix() for p in modules() if "tinydb" in imports_of(p)}
    assert users and all(u.startswith("store/") for u in users), users


def test_only_the_tmdb_layer_touches_httpx() -> None:
    users = {p.relative_to(PACKAGE).as_posix() for p in modules() if "httpx" in imports_of(p)}
    assert all(u.startswith("tmdb/") for u in users), users


def test_only_poster_art_decodes_images() -> None:
    users = {p.relative_to(PACKAGE).as_posix() for p in modules() if "PIL" in imports_of(p)}
    assert users == {"poster_art.py"}, users


def test_screens_and_widgets_never_touch_storage_or_network() -> None:
    ui = [p for p in modules() if p.parent.name in ("screens", "widgets")]
    assert ui, "the UI packages exist"
    for path in ui:
        assert not imports_of(path) & {"tinydb", "httpx", "orjson"}, path.name

"""The architecture, kept true: the import-linter contracts in pyproject.toml (layers point one way,
the domain never imports Textual, screens and widgets never reach storage, the network or the App),
importing the domain loads no Textual, and each library has one home.

Imports inside functions count (import-linter reads every import); imports under TYPE_CHECKING do
not (they never run). Nothing here depends on which optional packages are installed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "filmtui"


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert "Contracts:" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(contracts())} kept, 0 broken" in result.stdout


def test_the_layers_contract_covers_every_module() -> None:
    """`exhaustive` makes import-linter refuse a module no layer names; this says so first."""
    layers = next(c for c in contracts() if c["type"] == "layers")
    assert layers.get("exhaustive") is True
    named = {name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")}
    present = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert present == named, f"not in a layer: {sorted(present - named)}; gone: {sorted(named - present)}"


def test_importing_the_domain_loads_no_textual() -> None:
    domain = next(c for c in contracts() if c.get("forbidden_modules") == ["textual"])["source_modules"]
    submodules = [
        f"filmtui.{package}.{p.stem}" for package in ("tmdb", "store")
        for p in (PACKAGE / package).glob("*.py") if p.stem != "__init__"
    ]
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in domain + submodules)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def imports_of(path: Path) -> set[str]:
    """Top-level package names a module imports (at any depth in the file)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def users_of(library: str) -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in sorted(PACKAGE.rglob("*.py")) if library in imports_of(p)}


def test_only_the_store_touches_tinydb() -> None:
    users = users_of("tinydb")
    assert users and all(u.startswith("store/") for u in users), users


def test_only_the_tmdb_layer_touches_httpx() -> None:
    assert all(u.startswith("tmdb/") for u in users_of("httpx")), users_of("httpx")


def test_only_poster_art_decodes_images() -> None:
    assert users_of("PIL") == {"poster_art.py"}

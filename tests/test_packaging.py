"""What a packager or a user reading PyPI sees: the licence and the project's metadata agree."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_licence_file_is_the_licence_pyproject_declares() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text


def test_the_project_says_what_it_is_and_where_its_data_comes_from() -> None:
    classifiers = PROJECT["classifiers"]
    assert "Environment :: Console" in classifiers
    assert f"Programming Language :: Python :: {PROJECT['requires-python'].lstrip('>=')}" in classifiers
    # PEP 639: a licence expression replaces the licence classifiers; tools may refuse both.
    assert not [c for c in classifiers if c.startswith("License ::")]
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())
    assert (ROOT / "filmtui" / "py.typed").exists(), "'Typing :: Typed' promises a py.typed marker"

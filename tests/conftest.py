"""Shared test helpers: where the shared corpus lives, and how to run the real console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AWESOME_LINT_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The list the project was born from, as it was before our tool touched it (README.source.md is its fixed form).
SEED_LIST = SHARED / "lists" / "medical-vlm.md"


def shared_files() -> list[Path]:
    """Every markdown file of ../shared/corpus and ../shared/lists (empty when ../shared is absent)."""
    if not SHARED.is_dir():
        return []
    return sorted([*SHARED.glob("corpus/*/*.md"), *SHARED.glob("lists/*.md")])


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent (a user's clone)")
needs_seed = pytest.mark.skipif(not SEED_LIST.is_file(), reason="../shared/lists/medical-vlm.md is absent")


def console_script() -> list[str]:
    """The installed `awesome-lint` entry point next to this interpreter, else `python -m awesome_lint`."""
    script = Path(sys.executable).with_name("awesome-lint")
    if script.exists():
        return [str(script)]
    found = shutil.which("awesome-lint")
    return [found] if found else [sys.executable, "-m", "awesome_lint"]


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*console_script(), *args],
        cwd=cwd,
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

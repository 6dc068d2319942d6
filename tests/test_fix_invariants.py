"""Invariants 2 and 3 of DESIGN.md: fix is idempotent and loses nothing, on fixtures and on every real list."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.fix import fix
from awesome_lint.source import decode
from test_rules import _settings

from conftest import FIXTURES, shared_files

FIXABLE = sorted(path for path in FIXTURES.iterdir() if (path / "fixed.md").exists())


@pytest.mark.parametrize("folder", FIXABLE, ids=[path.name for path in FIXABLE])
def test_fix_of_bad_is_fixed_and_fixed_is_a_fixed_point(folder: Path) -> None:
    settings = _settings(folder)
    bad = (folder / "bad.md").read_bytes().decode("utf-8")
    fixed = (folder / "fixed.md").read_bytes().decode("utf-8")
    assert fix(bad, settings).text == fixed
    again = fix(fixed, settings)
    assert (again.text, again.applied) == (fixed, [])


SHARED = shared_files()


@pytest.mark.slow
@pytest.mark.skipif(not SHARED, reason="../shared is absent (a user's clone)")
@pytest.mark.parametrize("path", SHARED, ids=[f"{p.parent.name}/{p.name}" for p in SHARED])
def test_fix_settles_and_keeps_every_word_on_real_lists(path: Path) -> None:
    text = decode(path.read_bytes(), str(path))
    result = fix(text)  # raises UnsafeResultError when a safety check fails
    assert [d for d in result.remaining if d.fix is not None and d.fix.safe] == []
    assert fix(result.text).text == result.text

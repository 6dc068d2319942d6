"""The benchmark's generated lists are what a maintained list looks like: our own check finds them clean."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # type: ignore[import-not-found]


@pytest.mark.parametrize("kind", ["paper", "classic"])
def test_generated_lists_are_clean(kind: str, tmp_path: Path) -> None:
    for entries in (1, 40):
        path = tmp_path / f"{kind}{entries}.md"
        path.write_text(generate(entries, kind, seed=7), encoding="utf-8")
        result = run_cli(path.name, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (
            0,
            "All good: no findings in 1 file.\n",
            "",
        )


def test_generation_is_deterministic_and_sized_like_a_paper_list() -> None:
    text = generate(100)
    assert text == generate(100)
    assert text != generate(100, seed=2)
    assert text.count("<summary>Digest</summary>") == 100
    assert 900 <= len(text.encode()) / 100 <= 1200  # about 1.1 KB an entry, as in the table

"""docs/reliability.md names only tests that exist, and is itself a clean list."""

from __future__ import annotations

import ast
import re

from conftest import ROOT, run_cli

DOC = ROOT / "docs" / "reliability.md"


def _test_names(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_test_the_doc_names_exists() -> None:
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", DOC.read_text(encoding="utf-8"))
    assert len(named) >= 15
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not (ROOT / path).is_file() or (name and name not in _test_names(path))
    ]
    assert missing == []


def test_the_doc_is_a_clean_list() -> None:
    result = run_cli("docs/reliability.md", cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, "All good: no findings in 1 file.\n")

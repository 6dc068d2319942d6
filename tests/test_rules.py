"""Every rule against its fixture folder: bad.md gives exactly bad.expected, good.md gives nothing, and the
fixes of bad.md applied once give fixed.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from awesome_lint.config import Settings, validate
from awesome_lint.engine import lint
from awesome_lint.fix import apply_edits
from awesome_lint.registry import all_rules, find_rule
from awesome_lint.report import text_line

from conftest import FIXTURES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FOLDERS = sorted(path for path in FIXTURES.iterdir() if path.is_dir()) if FIXTURES.is_dir() else []
ENGINE_RULES = {"internal-error"}


def _settings(folder: Path) -> Settings:
    rule = find_rule(folder.name)
    assert rule is not None, f"fixture folder {folder.name} names no rule"
    config = folder / "config.toml"
    data = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    return validate({**data, "select": [rule.code]}, str(config))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _lint(folder: Path, name: str) -> list[str]:
    return [text_line(d) for d in lint(_read(folder / name), _settings(folder), path=name)]


@pytest.mark.parametrize("folder", FOLDERS, ids=[path.name for path in FOLDERS])
def test_bad_gives_expected(folder: Path) -> None:
    expected = (folder / "bad.expected").read_text(encoding="utf-8").splitlines()
    assert expected, "bad.expected must list at least one finding"
    assert _lint(folder, "bad.md") == expected


@pytest.mark.parametrize("folder", FOLDERS, ids=[path.name for path in FOLDERS])
def test_good_gives_nothing(folder: Path) -> None:
    assert _lint(folder, "good.md") == []


FIXABLE = [path for path in FOLDERS if (path / "fixed.md").exists()]


@pytest.mark.parametrize("folder", FIXABLE, ids=[path.name for path in FIXABLE])
def test_fixes_give_fixed(folder: Path) -> None:
    diagnostics = lint(_read(folder / "bad.md"), _settings(folder))
    edits = [edit for d in diagnostics if d.fix is not None and d.fix.safe for edit in d.fix.edits]
    assert edits, "a fixable rule's bad.md must carry at least one fix"
    assert apply_edits(_read(folder / "bad.md"), edits) == _read(folder / "fixed.md")


def test_every_rule_has_fixtures_and_docs() -> None:
    names = {path.name for path in FOLDERS}
    for rule in all_rules():
        for heading in (
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## Fix safety",
        ):
            assert heading in rule.doc, f"{rule.name}: docstring lacks {heading!r}"
        if rule.network:
            continue  # link rules need a server, not fixture files: tests/test_links.py covers them
        if rule.name not in ENGINE_RULES:
            assert rule.name in names, f"{rule.name} has no tests/fixtures/{rule.name}/"
        if rule.fixable and rule.name not in ENGINE_RULES:
            assert (FIXTURES / rule.name / "fixed.md").exists(), f"{rule.name} is fixable but has no fixed.md"

"""One large file on two cores (split.py): the same diagnostics, in the same order, as one process gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_lint import engine, split
from awesome_lint.engine import Diagnostic, run
from awesome_lint.fix import fix
from awesome_lint.registry import Rule, offline_rules
from awesome_lint.source import Source

from conftest import ROOT, console_script, needs_shared, shared_files

pytestmark = pytest.mark.skipif(not split.available(), reason="fork on Linux with two cores or more only")


@needs_shared
def test_every_corpus_file_gets_the_same_diagnostics_split_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "SPLIT_CHARS", 0)  # split every file, however small
    compared = 0
    for path in shared_files():
        source = Source.from_text(path.read_text(encoding="utf-8"))
        alone = run(source, path=path.name).diagnostics
        shared = run(source, path=path.name, split=True).diagnostics
        assert shared == alone, path.name
        compared += len(alone)
    assert compared > 8000  # the corpus has about 8,300 findings, fixes among them


@needs_shared
def test_fix_split_or_not_writes_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "SPLIT_CHARS", 0)
    for path in shared_files()[:20]:
        text = path.read_text(encoding="utf-8")
        assert fix(text, path=path.name, split=True) == fix(text, path=path.name), path.name


def test_the_costly_rules_go_to_different_sides() -> None:
    rules = [item for item in offline_rules() if item.code not in ("AL000", "AL001")]
    mine, theirs = split.partition(rules)
    assert sorted(mine + theirs) == list(range(len(rules)))
    sides = [{rules[index].name for index in side} for side in (mine, theirs)]
    assert {"unclosed-html-tag", "entry-layout"} - sides[0] and {"unclosed-html-tag", "entry-layout"} - sides[1]


def test_a_child_that_does_not_deliver_is_replaced_by_the_parent() -> None:
    parent = os.getpid()
    rules = [item for item in offline_rules() if item.code not in ("AL000", "AL001")]

    def work(item: Rule) -> list[Diagnostic]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before it sends anything
        return [_marker(item)]

    results = split.run_rules(rules, work)
    assert [found[0].rule for found in results] == [item.name for item in rules]


def test_the_command_splits_a_large_list_and_prints_what_one_process_finds(tmp_path: Path) -> None:
    """A 400 KB generated list with a few faults: the console script's report (which forks) equals the
    library's (which never does), line for line."""
    listing = tmp_path / "big.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "400", "-o", str(listing)], check=True, timeout=120
    )
    text = listing.read_text(encoding="utf-8")
    assert len(text) >= engine.SPLIT_CHARS
    faulty = text.replace("</summary>\n\n", "</summary>\n", 3).replace(") - ", ")  - ", 2) + "\n\n\n<details>\n"
    listing.write_text(faulty, encoding="utf-8")
    expected = [
        f"big.md:{d.line}:{d.column}: {d.code} [{d.rule}] {d.message}{' [*]' if d.fix else ''}"
        for d in engine.lint(faulty, path="big.md")
    ]
    assert len(expected) >= 5
    result = subprocess.run(
        [*console_script(), "big.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[:-1] == expected


def _marker(item: Rule) -> Diagnostic:
    return Diagnostic(
        path="-",
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code=item.code,
        rule=item.name,
        severity="error",
        message="",
    )

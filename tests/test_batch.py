"""Many files in one run are checked in parallel processes; the output is that of checking them one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from awesome_lint.cli import PARALLEL_BYTES

from conftest import run_cli

ENTRY = (
    "<details>\n<summary>Paper {n}: A Study of Things ({year})</summary>\n\n"
    "- Paper {n}: A Study of Things. [[paper]](https://arxiv.org/abs/2101.{n:05d}) [[code]](https://example.org/{n})\n"
    "  - Ann Author, Bo Writer.\n"
    "  - Modality: CT\n"
    "  - <details><summary>Digest</summary>\n"
    "    {digest}\n"
    "  </details>\n"
    "</details>\n\n"
)


def _list_text(entries: int, flaw: int) -> str:
    """A paper list; `flaw` picks which findings it has, so every file reports something different."""
    digest = "A digest sentence that says what the paper does, and how well it does it. " * 8
    parts = ["# Papers\n\n## Models\n\n"]
    for n in range(entries):
        text = ENTRY.format(n=n, year=2021, digest=digest.strip())
        if flaw and n % (flaw + 3) == 0:
            text = text.replace("  - Ann Author", "  - Ann Author  ").replace("</details>\n\n", "</details>\n\n\n", 1)
        if flaw == 2 and n == 5:
            text = text.replace("(2021)</summary>", "</summary>")
        parts.append(text)
    return "".join(parts).rstrip("\n") + "\n"


@pytest.fixture
def lists(tmp_path: Path) -> list[str]:
    names = []
    for flaw in range(5):
        path = tmp_path / f"list{flaw}.md"
        path.write_text(_list_text(120, flaw), encoding="utf-8")
        names.append(path.name)
    assert sum((tmp_path / name).stat().st_size for name in names) >= PARALLEL_BYTES  # the parallel path runs
    return names


def _alone(names: list[str], cwd: Path, *options: str) -> list[tuple[str, str, int]]:
    return [(run.stdout, run.stderr, run.returncode) for run in (run_cli(*options, name, cwd=cwd) for name in names)]


@pytest.mark.slow
def test_text_report_is_the_files_checked_alone_in_order(lists: list[str], tmp_path: Path) -> None:
    names = [*lists[:2], "missing.md", *lists[2:]]
    together = run_cli(*names, cwd=tmp_path)
    alone = _alone(names, tmp_path)
    lines = [line for stdout, _, _ in alone for line in stdout.splitlines()[:-1]]
    assert together.stdout.splitlines()[:-1] == lines
    assert len(lines) > 20
    errors = sum(" AL2" in line or " AL1" in line for line in lines)
    fixable = sum(line.endswith("[*]") for line in lines)
    assert together.stdout.splitlines()[-1] == (
        f"Found {len(lines)} findings ({errors} error{'s' if errors != 1 else ''}, {len(lines) - errors} warnings) "
        f"in 5 files; {fixable} fixable with --fix."
    )
    assert together.stderr == "".join(stderr for _, stderr, _ in alone) == "awesome-lint: missing.md: no such file\n"
    assert together.returncode == 2


@pytest.mark.slow
def test_json_report_is_byte_for_byte_the_files_alone_in_order(lists: list[str], tmp_path: Path) -> None:
    together = run_cli("--format", "json", *lists, cwd=tmp_path)
    rows = [row for stdout, _, _ in _alone(lists, tmp_path, "--format", "json") for row in json.loads(stdout)]
    assert together.stdout == json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    assert together.stderr == ""
    assert together.returncode == 1  # list2 has an entry without a year: an error


@pytest.mark.slow
def test_fix_writes_every_file_as_fixing_it_alone_does(lists: list[str], tmp_path: Path) -> None:
    alone_dir = tmp_path / "alone"
    alone_dir.mkdir()
    for name in lists:
        (alone_dir / name).write_bytes((tmp_path / name).read_bytes())
    together = run_cli("--fix", *lists, cwd=tmp_path)
    alone = _alone(lists, alone_dir, "--fix")
    fixed_lines = [line for stdout, _, _ in alone for line in stdout.splitlines() if line.startswith("Fixed ")]
    assert [line for line in together.stdout.splitlines() if line.startswith("Fixed ")] == fixed_lines
    assert len(fixed_lines) == 4  # list0 has nothing to fix
    for name in lists:
        assert (tmp_path / name).read_bytes() == (alone_dir / name).read_bytes()
    assert together.returncode == 1


@pytest.mark.slow
def test_diff_prints_each_files_diff_in_order(lists: list[str], tmp_path: Path) -> None:
    together = run_cli("--diff", *lists, cwd=tmp_path)
    alone = _alone(lists, tmp_path, "--diff")
    diffs = "".join(stdout for stdout, _, _ in alone)  # standard output holds the diffs only
    assert together.stdout == diffs
    assert diffs.count("\n+++ b/") == 4
    findings = [line for _, stderr, _ in alone for line in stderr.splitlines()[:-1]]  # each run's summary is its own
    assert together.stderr.splitlines()[:-1] == findings

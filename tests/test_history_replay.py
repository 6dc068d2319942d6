"""The history replay: the seed list's first 19 commits under our real pre-commit hook, and docs/history-replay.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, needs_shared

pytestmark = [pytest.mark.slow, needs_shared]

HEADER = "| commit | lines | hook | errors | warnings | on its lines | file-wide | with --changed-since |"


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> str:
    output = tmp_path_factory.mktemp("replay") / "history-replay.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "history_replay.py"),
            "--history",
            str(SHARED / "corpus" / "history"),
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"wrote {output}: 16 of 19 commits stopped\n", "")
    return output.read_text(encoding="utf-8")


def _rows(report: str) -> dict[str, list[str]]:
    lines = report.splitlines()
    table = lines[lines.index(HEADER) + 2 :]
    return {cells[0]: cells[1:] for cells in ([c.strip() for c in row.strip("|").split("|")] for row in table)}


def test_the_committed_report_is_current(replayed: str) -> None:
    committed = (ROOT / "docs" / "history-replay.md").read_text(encoding="utf-8")
    assert replayed == committed, "docs/history-replay.md is stale: run python scripts/history_replay.py"


def test_every_commit_is_reported_in_order(replayed: str) -> None:
    names = sorted(path.stem for path in (SHARED / "corpus" / "history").glob("*.md"))
    assert list(_rows(replayed)) == names


def test_the_first_commits_pass_and_the_table_of_contents_stops_the_fourth(replayed: str) -> None:
    rows = _rows(replayed)
    assert rows["01-485fedf"] == [
        "1",
        "passed",
        "-",
        "empty-section 1, final-newline 1",
        "(first commit)",
        "(first commit)",
        "",
    ]
    assert rows["03-cb77a9e"] == ["9", "passed", "-", "image-alt-text 1", "-", "-", "passed"]
    assert rows["04-3b575e9"] == [
        "24",
        "**stopped**",
        "toc 1",
        "empty-section 6, image-alt-text 1, multiple-blank-lines 1",
        "warnings: empty-section 6, multiple-blank-lines 1",
        "errors: toc 1",
        "**stopped**",
    ]


def test_each_commit_is_charged_only_with_what_it_introduced(replayed: str) -> None:
    rows = _rows(replayed)
    # 08 pastes the first chat-assistant artifact; 09 a second one and an HTML block that swallows markdown.
    assert rows["08-831b231"][2] == "llm-artifact 1, toc 1"
    assert rows["08-831b231"][4:] == ["errors: llm-artifact 1", "errors: toc 1", "**stopped**"]
    assert rows["09-8b50a33"][2] == "html-block-swallows-markdown 1, llm-artifact 2, toc 1"
    assert rows["09-8b50a33"][4] == "errors: html-block-swallows-markdown 1, llm-artifact 1; warnings: empty-section 2"
    # 10 inherits all of that and adds nothing wrong on its own lines.
    assert rows["10-8be1bf0"][2] == "html-block-swallows-markdown 1, llm-artifact 2, toc 1"
    assert rows["10-8be1bf0"][4:] == ["-", "errors: toc 1", "**stopped**"]
    assert (
        rows["19-ec6b6b7"][4]
        == "errors: html-block-swallows-markdown 1; warnings: entry-layout 1, multiple-blank-lines 1"
    )


def test_the_summary_counts(replayed: str) -> None:
    assert "- The hook stopped 16 of 19 commits:" in replayed
    assert (
        "- Commits 2 to 19 carried 368 findings in all. Charged with `--changed-since` the commit before, 44 findings "
        "fall on lines a commit added or changed, and 16 are file-wide (reported with every commit, marked "
        "`(file-wide)`).\n"
    ) in replayed
    assert (
        "- With `--changed-since`, 3 of 18 commits would be stopped for errors on their own lines, and 16 in all "
        "once the file-wide findings count.\n"
    ) in replayed


def test_the_script_refuses_a_folder_without_manifest(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "history_replay.py"),
            "--history",
            str(tmp_path),
            "--output",
            str(tmp_path / "out.md"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"history_replay: {tmp_path}: no MANIFEST.tsv\n")
    assert not (tmp_path / "out.md").exists()

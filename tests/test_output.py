"""Output formats, configuration errors, selection and inline suppression, through the real console script."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from awesome_lint.report import JSON_KEYS

from conftest import SHARED, console_script, needs_shared, run_cli

ARTIFACT = "# List\n\nSome text. :contentReference[oaicite:0]{index=0}\n\n![](https://img.example/a.png)\n"


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(ARTIFACT, encoding="utf-8")
    return path


def test_text_format_and_exit_code(listing: Path) -> None:
    result = run_cli("README.md", cwd=listing.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'README.md:3:12: AL301 [llm-artifact] citation marker ":contentReference[oaicite:0]{index=0}" '
        "was pasted from a chat assistant [*]",
        "README.md:5:1: AL303 [image-alt-text] image has no alt text; describe what it shows",
        "Found 2 findings (1 error, 1 warning) in 1 file; 1 fixable with --fix.",
    ]


def test_json_has_exactly_the_documented_keys(listing: Path) -> None:
    result = run_cli("check", "--format", "json", "README.md", cwd=listing.parent)
    rows = json.loads(result.stdout)
    assert [tuple(row) for row in rows] == [JSON_KEYS, JSON_KEYS]
    assert [(r["line"], r["code"], r["severity"], r["fixable"]) for r in rows] == [
        (3, "AL301", "error", True),
        (5, "AL303", "warning", False),
    ]


def test_github_annotations(listing: Path) -> None:
    result = run_cli("--format", "github", "README.md", cwd=listing.parent)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=README.md,line=3,col=12,endLine=3,title=AL301 llm-artifact::")
    assert lines[1].startswith("::warning file=README.md,line=5,col=1,endLine=5,title=AL303 image-alt-text::")
    assert result.returncode == 1


@needs_shared
def test_sarif_validates_against_the_schema(listing: Path) -> None:
    schema = json.loads((SHARED / "conformance" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    result = run_cli("--format", "sarif", "README.md", cwd=listing.parent)
    log = json.loads(result.stdout)
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["AL301", "AL303"]
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} >= {"AL101", "AL301", "AL404"}


def test_select_and_ignore_by_code_prefix_and_name(listing: Path) -> None:
    only = run_cli("--select", "AL3", "--ignore", "image-alt-text", "README.md", cwd=listing.parent)
    assert [line.split()[1] for line in only.stdout.splitlines()[:-1]] == ["AL301"]
    none = run_cli("--select", "llm-artifact,AL303", "--ignore", "AL30", "README.md", cwd=listing.parent)
    assert none.stdout == "All good: no findings in 1 file.\n"
    assert none.returncode == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.awesome-lint]\nfrobnicate = 1\n", "pyproject.toml [tool.awesome-lint]: unknown key 'frobnicate'"),
        (
            "[tool.awesome-lint]\nignore = 3\n",
            "pyproject.toml [tool.awesome-lint]: 'ignore': Input should be a valid list",
        ),
        (
            "[tool.awesome-lint.rules.empty-section]\nallowed = []\n",
            "pyproject.toml [tool.awesome-lint]: 'rules.empty-section.allowed': unknown option",
        ),
        (
            "[tool.awesome-lint.severity]\nno-such-rule = 'error'\n",
            "pyproject.toml [tool.awesome-lint]: 'severity.no-such-rule': no rule has that code or name",
        ),
    ],
)
def test_bad_configuration_exits_2_naming_key_and_file(listing: Path, config: str, message: str) -> None:
    (listing.parent / "pyproject.toml").write_text(config, encoding="utf-8")
    result = run_cli("README.md", cwd=listing.parent)
    assert result.returncode == 2
    assert result.stderr == f"awesome-lint: {listing.parent / message}\n"
    assert result.stdout == ""


def test_configuration_is_found_above_the_file(listing: Path) -> None:
    (listing.parent / ".awesome-lint.toml").write_text('ignore = ["AL301"]\n', encoding="utf-8")
    nested = listing.parent / "docs"
    nested.mkdir()
    (nested / "list.md").write_text(ARTIFACT, encoding="utf-8")
    result = run_cli("docs/list.md", cwd=listing.parent)
    assert [line.split()[1] for line in result.stdout.splitlines()[:-1]] == ["AL303"]
    assert result.returncode == 0


def test_inline_suppression_and_unused_suppression(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# List\n\n<!-- awesome-lint-disable-next-line llm-artifact -->\n"
        "Text :contentReference[oaicite:0]{index=0}\n\n"
        "<!-- awesome-lint-disable image-alt-text -->\n![](a.png)\n<!-- awesome-lint-enable image-alt-text -->\n"
        "![](b.png)\n\n<!-- awesome-lint-disable-next-line toc -->\nplain\n",
        encoding="utf-8",
    )
    result = run_cli("README.md", cwd=tmp_path)
    assert result.stdout.splitlines()[:-1] == [
        "README.md:9:1: AL303 [image-alt-text] image has no alt text; describe what it shows",
        "README.md:11:1: AL001 [unused-suppression] suppression of toc matches no finding; remove it",
    ]


def test_rules_verb_lists_and_documents() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0
    codes = [line.split()[0] for line in listing.stdout.splitlines() if line.startswith("AL")]
    assert codes[:3] == ["AL000", "AL001", "AL101"]
    assert len(codes) == 23
    doc = run_cli("rules", "llm-artifact")
    assert doc.stdout.splitlines()[0] == "AL301 llm-artifact (error, fixable)"
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert heading in doc.stdout
    missing = run_cli("rules", "nope")
    assert (missing.returncode, missing.stderr) == (2, "awesome-lint: no rule named 'nope'; see 'awesome-lint rules'\n")


CLEAN = sorted((Path(__file__).resolve().parent / "clean").glob("*.md"))


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_list_of_each_shape_has_no_finding(path: Path) -> None:
    result = run_cli("check", str(path))
    assert (result.returncode, result.stdout) == (0, "All good: no findings in 1 file.\n")


STATS = (
    "# List\n\n\n\n## Tools\n\n- [A](https://a.example) - One.  \n- [B](https://b.example) - Two.\t\n\n"
    "Text :contentReference[oaicite:0]{index=0}\n\n![](https://img.example/a.png)\n## Empty\n"
)


def test_statistics_count_each_rule_most_first(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(STATS, encoding="utf-8")
    result = run_cli("--statistics", "README.md", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "2  AL402  trailing-whitespace   [*]",
        "1  AL103  empty-section",
        "1  AL301  llm-artifact          [*]",
        "1  AL303  image-alt-text",
        "1  AL401  multiple-blank-lines  [*]",
        "Found 6 findings (1 error, 5 warnings) in 1 file; 4 fixable with --fix.",
    ]
    assert (result.returncode, result.stderr) == (1, "")
    as_json = run_cli("--statistics", "--format", "json", "--select", "AL4", "README.md", cwd=tmp_path)
    assert json.loads(as_json.stdout) == [
        {"code": "AL402", "rule": "trailing-whitespace", "count": 2, "fixable": 2},
        {"code": "AL401", "rule": "multiple-blank-lines", "count": 1, "fixable": 1},
    ]
    refused = run_cli("--statistics", "--format", "github", "README.md", cwd=tmp_path)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == "awesome-lint: --statistics works with --format text or json, not github\n"


def test_exit_zero_keeps_the_report_and_the_errors(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(STATS, encoding="utf-8")
    checked = run_cli("--exit-zero", "README.md", cwd=tmp_path)
    assert (checked.returncode, checked.stdout.splitlines()[-1]) == (
        0,
        "Found 6 findings (1 error, 5 warnings) in 1 file; 4 fixable with --fix.",
    )
    fixed = run_cli("--exit-zero", "--fix", "README.md", cwd=tmp_path)
    assert fixed.returncode == 0 and fixed.stdout.startswith("Fixed 4 in README.md")
    missing = run_cli("--exit-zero", "GONE.md", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "awesome-lint: GONE.md: no such file\n")


def test_stdin_filename_finds_the_configuration_and_names_the_report(tmp_path: Path) -> None:
    """An editor pipes the buffer in and says which file it is: that file's configuration applies (here, a
    folder that ignores image-alt-text) and the report names it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".awesome-lint.toml").write_text('ignore = ["image-alt-text"]\n', encoding="utf-8")
    piped = run_cli("-", "--stdin-filename", "docs/README.md", cwd=tmp_path, stdin=ARTIFACT.encode("utf-8"))
    assert piped.stdout.splitlines() == [
        'docs/README.md:3:12: AL301 [llm-artifact] citation marker ":contentReference[oaicite:0]{index=0}" '
        "was pasted from a chat assistant [*]",
        "Found 1 finding (1 error, 0 warnings) in 1 file; 1 fixable with --fix.",
    ]
    assert (piped.returncode, piped.stderr) == (1, "")
    fixed = run_cli("--fix", "-", "--stdin-filename", "docs/README.md", cwd=tmp_path, stdin=ARTIFACT.encode("utf-8"))
    assert fixed.stdout == "# List\n\nSome text.\n\n![](https://img.example/a.png)\n"
    assert fixed.stderr == "Fixed 1 in docs/README.md: 1 x AL301 llm-artifact\nAll good: no findings in 1 file.\n"
    bad = subprocess.run(
        [*console_script(), "-", "--stdin-filename", "docs/README.md"],
        cwd=tmp_path,
        input=b"# ok\n\xff\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (bad.returncode, bad.stderr) == (
        2,
        b"awesome-lint: docs/README.md:2: file is not UTF-8 (invalid byte 0xff at offset 5)\n",
    )
    alone = run_cli("README.md", "--stdin-filename", "docs/README.md", cwd=tmp_path)
    assert (alone.returncode, alone.stderr) == (
        2,
        "awesome-lint: --stdin-filename names standard input; give '-' as the file to read\n",
    )

"""A bug inside a rule, or outside the rules, through the real CLI: one clear report, exit 2, no traceback.

The failing rule or parser is set up only inside the child process that the test starts (`python -c`): a
throwaway rule registered next to the real ones, or the parser replaced by one that raises.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TEXT = "# List\n\n- [Tool](https://t.example) - A tool.  \n"
FIXED = "# List\n\n- [Tool](https://t.example) - A tool.\n"

RAISING_RULE = '''
import sys
from awesome_lint.registry import all_rules, rule

all_rules()


@rule("AL999", "always-raises")
def always_raises(context):
    """## What it does
    Raises, for the test."""
    raise ValueError("boom")
    yield


from awesome_lint.cli import main

raise SystemExit(main(sys.argv[1:]))
'''

RAISING_PARSER = """
import sys
import awesome_lint.cli
import awesome_lint.engine


def parse(*args, **kwargs):
    raise RecursionError("maximum recursion depth exceeded")


awesome_lint.engine.parse_source = parse
awesome_lint.cli.parse = parse
raise SystemExit(awesome_lint.cli.main(sys.argv[1:]))
"""

AL000 = (
    "README.md:1:1: AL000 [internal-error] rule AL999 always-raises failed with ValueError: boom; "
    "this is a bug, please report it"
)


def _run(program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program, *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def readme(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_raising_rule_is_reported_and_the_others_still_run(readme: Path) -> None:
    result = _run(RAISING_RULE, "check", "README.md", cwd=readme.parent)
    assert (result.returncode, result.stderr) == (2, "")
    assert result.stdout.splitlines() == [
        AL000,
        "README.md:3:38: AL402 [trailing-whitespace] line ends with white space [*]",
        "Found 2 findings (1 error, 1 warning) in 1 file; 1 fixable with --fix.",
    ]


def test_a_raising_rule_under_fix_still_exits_2(readme: Path) -> None:
    result = _run(RAISING_RULE, "check", "--fix", "README.md", cwd=readme.parent)
    assert (result.returncode, result.stderr) == (2, "")
    assert result.stdout.splitlines() == [
        "Fixed 1 in README.md: 1 x AL402 trailing-whitespace",
        AL000,
        "Found 1 finding (1 error, 0 warnings) in 1 file.",
    ]
    assert readme.read_text(encoding="utf-8") == FIXED  # the other rules' safe fixes, checked by the safety net


@pytest.mark.parametrize("extra", [[], ["--fix"]])
def test_a_bug_outside_the_rules_names_the_file_and_moves_on(readme: Path, extra: list[str]) -> None:
    (readme.parent / "OTHER.md").write_text(TEXT, encoding="utf-8")
    result = _run(RAISING_PARSER, "check", *extra, "README.md", "OTHER.md", cwd=readme.parent)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"awesome-lint: {name}: internal error (RecursionError: maximum recursion depth exceeded); "
        "this is a bug, please report it"
        for name in ("README.md", "OTHER.md")
    ]
    assert result.stdout == ""
    assert readme.read_text(encoding="utf-8") == TEXT


def test_a_bug_in_another_verb_is_one_line(readme: Path) -> None:
    result = _run(RAISING_PARSER, "tree", "README.md", cwd=readme.parent)
    assert result.returncode == 2
    assert result.stderr == (
        "awesome-lint: internal error (RecursionError: maximum recursion depth exceeded); "
        "this is a bug, please report it\n"
    )

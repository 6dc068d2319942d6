"""The real console script in a subprocess: verbs, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_LIST, console_script, needs_seed, run_cli

SEED = SEED_LIST


@needs_seed
def test_tree_outline_of_the_seed() -> None:
    result = run_cli("tree", "--outline", str(SEED))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 27
    assert lines[2] == "    15  ## Survey  [2 entries in 2 groups]"
    assert lines[4] == "    58  ### CLIP and Variants  [5 entries]"
    assert lines[16] == "   154  #### Fairness  [1 entry]"


@needs_seed
def test_tree_json_has_the_ct_rate_entry() -> None:
    result = run_cli("tree", str(SEED))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    clip = document["sections"][0]["sections"][2]["sections"][0]
    assert clip["heading"]["title"] == "CLIP and Variants"
    ct_rate = clip["body"][-2]
    assert (ct_rate["type"], ct_rate["year"], ct_rate["links"][0]["line"]) == ("entry", 2024, 110)


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.split()[0]) == (0, "awesome-lint")


@pytest.mark.parametrize("sections", [1, 3000])
def test_the_command_flushes_everything_before_its_quick_exit(tmp_path: Path, sections: int) -> None:
    """The command ends with os._exit (no object-by-object teardown): every byte of the report must still
    arrive through the pipe, with the exit code, from the console script and from `python -m`. A short report
    sits in the stream's buffer until the flush; a long one (450 KB) mostly goes straight through."""
    listing = "# Awesome\n" + "".join(f"\n## Empty {number}\n" for number in range(sections))
    (tmp_path / "x.md").write_text(listing, encoding="utf-8")
    advice = "is empty; add entries, or list it under [rules.empty-section] allow if it is a placeholder"
    titles = ["Awesome", *(f"Empty {number}" for number in range(sections))]
    expected = "".join(
        f'x.md:{1 if index == 0 else 1 + 2 * index}:1: AL103 [empty-section] section "{title}" {advice}\n'
        for index, title in enumerate(titles)
    )
    expected += f"Found {sections + 1} findings (0 errors, {sections + 1} warnings) in 1 file.\n"
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}  # as for users
    for argv in ([*console_script(), "x.md"], [sys.executable, "-m", "awesome_lint", "x.md"]):
        result = subprocess.run(argv, cwd=tmp_path, env=buffered, capture_output=True, text=True, check=False)
        assert (result.returncode, result.stderr, result.stdout) == (0, "", expected)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"# ok\n\xff\n", "x.md:2: file is not UTF-8 (invalid byte 0xff at offset 5)"),
        (b"# ok\n\x00\n", "x.md:2: file is binary (NUL byte at offset 5), not UTF-8 text"),
        (b"\xff\xfe#\x00", "x.md: file is UTF-16 (little-endian), not UTF-8; re-save it as UTF-8"),
    ],
)
@pytest.mark.parametrize("verb", ["tree", "check"])
def test_bad_bytes_get_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str, verb: str) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(content)
    result = run_cli(verb, "x.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"awesome-lint: {message}\n"
    assert path.read_bytes() == content


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run_cli("nope.md", cwd=tmp_path)
    folder = run_cli("tree", ".", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "awesome-lint: nope.md: no such file\n")
    assert (folder.returncode, folder.stderr) == (2, "awesome-lint: .: is a directory, not a file\n")


def test_stdin_is_read_with_dash() -> None:
    result = run_cli("tree", "--outline", "-", stdin=b"# A\n## B\n- [x](https://x.org)\n")
    assert result.stdout == "     1  # A  [0 entries]\n     2  ## B  [1 entry]\n"


def test_unknown_verb_option_is_a_usage_error() -> None:
    result = run_cli("tree", "--no-such-flag", "README.md")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-flag" in result.stderr


# Ctrl-C, delivered for real (signal.raise_signal) at the moment the command imports awesome_lint.cli: the
# parser, the rules and the report load then, most of a small check's 40 ms.
CTRL_C_WHILE_LOADING = """
import signal, sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "awesome_lint.cli":
            signal.raise_signal(signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["awesome-lint", "x.md"]
"""


def test_ctrl_c_while_the_command_loads_is_one_line_and_exit_130(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("# A\n", encoding="utf-8")
    command = CTRL_C_WHILE_LOADING + "from awesome_lint.command import script\nscript()\n"
    result = subprocess.run(
        [sys.executable, "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "awesome-lint: interrupted\n")
    # What a plain import of the same modules shows on the same Ctrl-C: Python's traceback.
    plain = subprocess.run(
        [sys.executable, "-c", CTRL_C_WHILE_LOADING + "import awesome_lint.cli\n"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert plain.returncode == -signal.SIGINT  # Python re-raises the signal after printing the traceback
    assert plain.stderr.startswith("Traceback") and plain.stderr.endswith("KeyboardInterrupt\n")

"""Killing `--fix` at any moment leaves the old file or the new one, never a mix; Ctrl-C is one line and 130.

A real console script fixes a 9 MB file (under the 32 MiB limit) and is killed with SIGKILL or SIGINT at
moments spread over its run, and at the moment its temporary file appears (in the middle of the write).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from awesome_lint.fix import fix

from conftest import console_script

pytestmark = pytest.mark.slow

# Nine paragraphs of one 1 MB line each, every line ending in a space: --fix rewrites the whole file.
OLD = ("# Big\n\n" + ("word " * 200_000 + "\n\n") * 9).encode()
NAME = "big.md"


@pytest.fixture(scope="module")
def new() -> bytes:
    fixed = fix(OLD.decode()).text.encode()
    assert fixed != OLD and len(fixed) > 8_000_000
    return fixed


@pytest.fixture(scope="module")
def duration(tmp_path_factory: pytest.TempPathFactory, new: bytes) -> float:
    """How long one uninterrupted --fix of the file takes here."""
    folder = tmp_path_factory.mktemp("whole")
    (folder / NAME).write_bytes(OLD)
    start = time.monotonic()
    done = subprocess.run([*console_script(), "--fix", NAME], cwd=folder, capture_output=True, check=False)
    seconds = time.monotonic() - start
    assert done.returncode == 1, done.stderr
    assert (folder / NAME).read_bytes() == new
    return seconds


def _start(folder: Path) -> subprocess.Popen[bytes]:
    (folder / NAME).write_bytes(OLD)
    return subprocess.Popen(
        [*console_script(), "--fix", NAME], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(f".{NAME}.") and name.endswith(".tmp"))


def _kill_when_writing(process: subprocess.Popen[bytes], folder: Path, sig: int) -> bool:
    """Send `sig` the moment the temporary file appears; False when the run ended before it was seen."""
    while process.poll() is None:
        if _temporaries(folder):
            process.send_signal(sig)
            return True
    return False


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode()


@pytest.mark.parametrize("fraction", [0.15, 0.4, 0.65, 0.9, 0.98])
def test_sigkill_at_any_moment_leaves_old_or_new(tmp_path: Path, new: bytes, duration: float, fraction: float) -> None:
    process = _start(tmp_path)
    time.sleep(duration * fraction)
    process.kill()
    code, _ = _finish(process)
    content = (tmp_path / NAME).read_bytes()
    assert content in (OLD, new), f"mixed or truncated file of {len(content)} bytes after SIGKILL (exit {code})"


def test_sigkill_in_the_middle_of_the_write(tmp_path: Path, new: bytes) -> None:
    for _ in range(5):  # the write lasts milliseconds: try again if the run ended before the file was seen
        process = _start(tmp_path)
        seen = _kill_when_writing(process, tmp_path, signal.SIGKILL)
        code, _ = _finish(process)
        if seen and code == -signal.SIGKILL:
            break
    else:
        pytest.fail("never caught the process while it was writing")
    assert (tmp_path / NAME).read_bytes() in (OLD, new)
    # SIGKILL gives no chance to clean up: at most the one temporary file stays (docs/reliability.md says so).
    assert len(_temporaries(tmp_path)) <= 1


def test_ctrl_c_in_the_middle_of_the_write(tmp_path: Path, new: bytes) -> None:
    for _ in range(5):
        process = _start(tmp_path)
        seen = _kill_when_writing(process, tmp_path, signal.SIGINT)
        code, err = _finish(process)
        if seen and code == 130:
            break
    else:
        pytest.fail("never interrupted the process while it was writing")
    assert err == "awesome-lint: interrupted\n"
    assert (tmp_path / NAME).read_bytes() in (OLD, new)
    assert _temporaries(tmp_path) == []


def test_ctrl_c_while_fixing_prints_one_line_and_exits_130(tmp_path: Path, duration: float) -> None:
    process = _start(tmp_path)
    time.sleep(duration * 0.5)  # well after start-up, before the write
    process.send_signal(signal.SIGINT)
    code, err = _finish(process)
    assert (code, err) == (130, "awesome-lint: interrupted\n")
    assert (tmp_path / NAME).read_bytes() == OLD
    assert _temporaries(tmp_path) == []

"""The coverage-guided fuzzer runs for a minute without a finding (`fuzz/run --seconds 60`, as CI runs it)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

needs_atheris = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris has no wheel for this platform or Python (pyproject.toml installs it on Linux x86_64, 3.10-3.13)",
)


@pytest.mark.slow
@needs_atheris
def test_a_minute_of_fuzzing_finds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "run"), "--seconds", "60"],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.splitlines()[-1]
    found = re.fullmatch(r"fuzz: (\d+) executions in 60 s, \d+ new corpus inputs, no finding", last)
    assert found, last
    assert int(found.group(1)) > 100
    with capsys.disabled():  # the count of executions, in the CI log
        print(f"\n{last}")

"""Generated documentation stays in step with the code that generates it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run_cli


def test_rules_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rules_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_rules_reference_is_a_clean_list() -> None:
    result = run_cli("docs/rules.md", cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, "All good: no findings in 1 file.\n")

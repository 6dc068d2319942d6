"""Every kind of broken file, through the real console script: exit code, exact message, and untouched bytes.

Files that cannot be read as a list get one line `awesome-lint: <file>: <what>` on stderr and exit 2, in check
and in --fix, and keep every byte. Pathological but valid text (huge lines, deep nesting, floods of `[` or `<`)
is checked like any list: the exact report, no crash, and --fix leaves the bytes alone or writes exactly the
fixed bytes.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import console_script, run_cli

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _drop_file_capabilities() -> None:
    """In the child, before exec: give up root's right to ignore file modes, so chmod binds root too."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _can_drop_capabilities() -> bool:
    try:
        subprocess.run(["true"], preexec_fn=_drop_file_capabilities, check=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


# As root, file modes do not stop reads or writes; the permission cases then run the CLI without the two
# capabilities that let root ignore them. Only where that is refused too are they skipped (a platform limit).
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MODES_BIND = not AS_ROOT or _can_drop_capabilities()
needs_modes = pytest.mark.skipif(not MODES_BIND, reason="root here, and dropping CAP_DAC_OVERRIDE is not allowed")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*console_script(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=_drop_file_capabilities if AS_ROOT and MODES_BIND else None,
    )


# -- the inputs ---------------------------------------------------------------------------------------------

NEEDS_FIX = b"# List\n\n- [Tool](https://t.example) - A tool.   \n"  # trailing white space: --fix would write
ENTRY = (
    b"<details>\n<summary>A Paper (2024)</summary>\n\n- A Paper. [[paper]](https://arxiv.org/abs/2401.01234)\n"
    b"  - Ann Author.\n  - <details><summary>Digest</summary>\n    Digest text.\n  </details>\n</details>\n\n"
)
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One row of the table: how to make the input, and what the CLI must answer."""

    name: str
    make: Callable[[Path], str]  # builds the input in a folder, returns the argument to pass
    code: int
    stderr: str
    stdout: str | None = ""  # None: the long report that _unclosed_report builds
    fixed: bytes | None = None  # what --fix writes, for a valid file with fixes
    fix_only: bool = False
    modes: bool = False  # needs file modes to bind
    slow: bool = False


def _write(name: str, data: bytes, mode: int | None = None) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data)
        if mode is not None:
            path.chmod(mode)
        return name

    return make


def _directory(folder: Path) -> str:
    (folder / "folder.md").mkdir()
    return "folder.md"


def _loop(folder: Path) -> str:
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    return "a.md"


def _in_locked_folder(folder: Path) -> str:
    inner = folder / "locked"
    inner.mkdir()
    (inner / "x.md").write_bytes(NEEDS_FIX)
    inner.chmod(0o555)
    return "locked/x.md"


def _big(folder: Path) -> str:
    path = folder / "big.md"
    with path.open("wb") as stream:
        stream.write(b"# Big\n\n")
        while stream.tell() < 50 * MIB:
            stream.write(ENTRY * 1000)
    return "big.md"


ALL_GOOD = "All good: no findings in 1 file.\n"
UNCLOSED = 100_000

CASES = [
    Case("missing path", lambda folder: "nope.md", 2, "awesome-lint: nope.md: no such file\n"),
    Case("directory", _directory, 2, "awesome-lint: folder.md: is a directory, not a file\n"),
    Case(
        "read permission denied",
        _write("x.md", b"# A\n", 0o000),
        2,
        "awesome-lint: x.md: permission denied\n",
        modes=True,
    ),
    Case(
        "folder not writable",
        _in_locked_folder,
        2,
        "awesome-lint: locked/x.md: cannot write in its folder: Permission denied\n",
        fix_only=True,
        modes=True,
    ),
    Case(
        "file read-only",
        _write("x.md", NEEDS_FIX, 0o444),
        2,
        "awesome-lint: x.md: file is read-only; not written\n",
        fix_only=True,
    ),
    Case("symlink loop", _loop, 2, "awesome-lint: a.md: cannot read: Too many levels of symbolic links\n"),
    Case(
        "binary (NUL bytes)",
        _write("x.md", b"# A\n\x89PNG\x00\x00\x01"),
        2,
        "awesome-lint: x.md:2: file is binary (NUL byte at offset 8), not UTF-8 text\n",
    ),
    Case(
        "invalid UTF-8",
        _write("x.md", b"# A\n\n- caf\xe9\n"),
        2,
        "awesome-lint: x.md:3: file is not UTF-8 (invalid byte 0xe9 at offset 10)\n",
    ),
    Case(
        "UTF-16 little-endian with BOM",
        _write("x.md", "# Liste\n".encode("utf-16")),
        2,
        "awesome-lint: x.md: file is UTF-16 (little-endian), not UTF-8; re-save it as UTF-8\n",
    ),
    Case(
        "UTF-16 big-endian with BOM",
        _write("x.md", b"\xfe\xff" + "# Liste\n".encode("utf-16-be")),
        2,
        "awesome-lint: x.md: file is UTF-16 (big-endian), not UTF-8; re-save it as UTF-8\n",
    ),
    Case(
        "UTF-32 with BOM",
        _write("x.md", "# Liste\n".encode("utf-32")),
        2,
        "awesome-lint: x.md: file is UTF-32 (little-endian), not UTF-8; re-save it as UTF-8\n",
    ),
    Case("empty file", _write("x.md", b""), 0, "", ALL_GOOD),
    Case(
        "50 MB file",
        _big,
        2,
        "awesome-lint: big.md: file is larger than 32 MiB, too large for a list; not read\n",
    ),
    Case(
        "one 5 MB line",
        _write("x.md", b"# Links\n\n- " + b"[a](https://a.example) " * 217_000 + b"end\n"),
        0,
        "",
        ALL_GOOD,
        slow=True,
    ),
    Case(
        "20,000 nested <details>",
        _write("x.md", b"# Deep\n\n" + b"<details>\n" * 20_000 + b"text\n" + b"</details>\n" * 20_000),
        0,
        "",
        ALL_GOOD,
        slow=True,
    ),
    Case(
        "100,000 unclosed <details>",
        _write("x.md", b"<details>\n" * UNCLOSED),
        1,
        "",
        None,
        fixed=b"<details>\n</details>\n" * UNCLOSED,
        slow=True,
    ),
    Case("100,000 [", _write("x.md", b"# B\n\n- " + b"[" * 100_000 + b"\n"), 0, "", ALL_GOOD),
    Case("100,000 <", _write("x.md", b"# A\n\n- " + b"<" * 100_000 + b"\n"), 0, "", ALL_GOOD),
    Case(
        "deeply nested lists",
        _write(
            "x.md",
            b"# Nested\n\n"
            + b"".join(b"  " * i + f"- [Item {i}](https://x.example/{i})\n".encode() for i in range(1000)),
        ),
        0,
        "",
        ALL_GOOD,
    ),
    Case("heading of 10,000 #", _write("x.md", b"#" * 10_000 + b" Title\n"), 0, "", ALL_GOOD),
]


def _unclosed_report(mode: str, name: str) -> str:
    if mode == "fix":
        return f"Fixed {UNCLOSED} in {name}: {UNCLOSED} x AL101 unclosed-html-tag\n{ALL_GOOD}"
    lines = [
        f"{name}:{n}:1: AL101 [unclosed-html-tag] <details> opened here is never closed [*]\n"
        for n in range(1, 1 + UNCLOSED)
    ]
    summary = f"Found {UNCLOSED} findings ({UNCLOSED} errors, 0 warnings) in 1 file; {UNCLOSED} fixable with --fix.\n"
    return "".join(lines) + summary


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under the folder: file bytes, link targets and folder names, readable or not."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[key] = "folder"
        else:
            mode = path.stat().st_mode
            path.chmod(mode | 0o400)
            found[key] = path.read_bytes()
            path.chmod(mode)
    return found


PARAMS = [
    pytest.param(
        case,
        mode,
        id=f"{case.name}-{mode}",
        marks=[
            *([pytest.mark.slow] if case.slow else []),
            *([needs_modes] if case.modes else []),
        ],
    )
    for case in CASES
    for mode in ("check", "fix")
    if mode == "fix" or not case.fix_only
]


@pytest.mark.parametrize(("case", "mode"), PARAMS)
def test_bad_input(tmp_path: Path, case: Case, mode: str) -> None:
    argument = case.make(tmp_path)
    before = _snapshot(tmp_path)
    result = run("check", *(["--fix"] if mode == "fix" else []), argument, cwd=tmp_path)
    for path in tmp_path.rglob("*"):  # let pytest clean up, whatever the case locked
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    after = _snapshot(tmp_path)
    assert (result.returncode, result.stderr) == (case.code, case.stderr)
    assert "Traceback" not in result.stdout
    expected = case.stdout if case.stdout is not None else _unclosed_report(mode, argument)
    assert result.stdout == expected
    if mode == "fix" and case.fixed is not None:  # a valid file with fixes: exactly the fixed bytes
        assert after == {**before, argument: case.fixed}
    else:
        assert after == before


def test_standard_input_has_the_same_size_limit(tmp_path: Path) -> None:
    result = run_cli("check", "-", stdin=b"a" * (32 * MIB + 1), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "awesome-lint: <stdin>: file is larger than 32 MiB, too large for a list; not read\n"

"""Check and fix touch no network and run no code from the file or the configuration.

The CLI runs on every shared list (check, then --fix on copies) in a process whose sockets raise and record
the attempt; and a scan of src/ finds no evaluation, deserialisation or process launch outside the two
places documented in docs/reliability.md (git for --changed-since, the network for the opt-in `links` verb).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, console_script, needs_shared, shared_files

SITECUSTOMIZE = """
import os, socket

_LOG = os.environ["AWESOME_LINT_NETWORK_LOG"]


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    raise OSError("network disabled by test_no_network: " + what)


class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        _refuse(f"socket{args}")


socket.socket = _NoSocket
socket.create_connection = lambda *args, **kwargs: _refuse(f"create_connection{args}")
socket.getaddrinfo = lambda *args, **kwargs: _refuse(f"getaddrinfo{args}")
socket.gethostbyname = lambda *args, **kwargs: _refuse(f"gethostbyname{args}")
"""


@pytest.fixture
def offline(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose Python refuses (and logs) every socket, address lookup and connection."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "AWESOME_LINT_NETWORK_LOG": str(log)}
    return env, log


def test_the_offline_environment_really_refuses(offline: tuple[dict[str, str], Path]) -> None:
    env, log = offline
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "OSError: network disabled by test_no_network: create_connection(('127.0.0.1', 9),)" in result.stderr
    assert log.read_text(encoding="utf-8") == "create_connection(('127.0.0.1', 9),)\n"


@pytest.mark.slow
@needs_shared
def test_check_and_fix_every_shared_list_offline(tmp_path: Path, offline: tuple[dict[str, str], Path]) -> None:
    env, log = offline
    copies = []
    for number, path in enumerate(shared_files()):
        copy = tmp_path / "lists" / f"{number:03d}-{path.name}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, copy)
        copy.chmod(0o644)
        copies.append(str(copy))
    for extra in ([], ["--fix"]):
        result = subprocess.run(
            [*console_script(), "check", *extra, *copies],
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
        assert result.returncode in (0, 1), result.stderr[-2000:]
        assert "AL000" not in result.stdout
        assert re.search(rf" in {len(copies)} files[;.]", result.stdout.splitlines()[-1]), result.stdout[-500:]
        assert "Traceback" not in result.stderr
        assert log.read_text(encoding="utf-8") == ""


# -- the source scan ----------------------------------------------------------------------------------------

SRC = ROOT / "src" / "awesome_lint"
EVALUATING_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "yaml", "dill", "importlib", "code", "codeop", "runpy"}
# Modules allowed only where a documented feature needs them (docs/reliability.md, "No network, no code").
CONFINED_MODULES = {
    "subprocess": {"changes.py"},  # git, with a fixed argument list, for --changed-since
    "socket": {"links/checker.py"},  # the opt-in `links` verb; never imported by check or fix
    "ssl": {"links/checker.py"},
    "http": {"links/checker.py"},
    "urllib.request": {"links/checker.py"},
}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("yaml", "load"), ("pickle", "loads"), ("pickle", "load")}


def _problems(source: str, name: str) -> list[str]:
    """What the scan finds in one module's source; `name` is its path under src/awesome_lint."""
    tree = ast.parse(source, filename=name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in EVALUATING_CALLS:
            found.append(f"{name}:{node.lineno}: calls {node.func.id}()")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value.id if isinstance(node.func.value, ast.Name) else ""
            if (owner, node.func.attr) in FORBIDDEN_ATTRIBUTES or node.func.attr.startswith(("spawn", "execv")):
                found.append(f"{name}:{node.lineno}: calls {owner}.{node.func.attr}()")
        if isinstance(node, ast.keyword) and node.arg == "shell":
            found.append(f"{name}:{node.lineno}: passes shell=")
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        line = getattr(node, "lineno", 0)
        for module in modules:
            if module.split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"{name}:{line}: imports {module}")
            for confined, allowed in CONFINED_MODULES.items():
                if (module == confined or module.startswith(confined + ".")) and name not in allowed:
                    found.append(f"{name}:{line}: imports {module} outside {sorted(allowed)}")
    return found


def test_src_evaluates_nothing_and_launches_only_git() -> None:
    problems = [
        problem
        for path in sorted(SRC.rglob("*.py"))
        for problem in _problems(path.read_text(encoding="utf-8"), path.relative_to(SRC).as_posix())
    ]
    assert problems == []


def test_the_scan_sees_what_it_looks_for() -> None:
    source = "import pickle\nimport subprocess\nexec('1')\nsubprocess.run('x', shell=True)\nimport os\nos.system('x')\n"
    problems = sorted(_problems(source, "probe.py"), key=lambda line: int(line.split(":")[1]))
    assert problems == [
        "probe.py:1: imports pickle",
        "probe.py:2: imports subprocess outside ['changes.py']",
        "probe.py:3: calls exec()",
        "probe.py:4: passes shell=",
        "probe.py:6: calls os.system()",
    ]

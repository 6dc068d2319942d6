"""The real pre-commit (the PyPI package) runs our hooks from .pre-commit-hooks.yaml on real commits, offline.

pre-commit installs a `language: python` hook repository with pip. Here pip finds everything in a wheelhouse
repacked from this interpreter's own distributions (PIP_NO_INDEX), and every proxy variable points at a closed
port on 127.0.0.1, so a download attempt fails loudly instead of reaching out. The hook repository is a fresh
git repository holding a copy of this checkout's package files (committed or not), pinned by its commit.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from gitrepo import GitRepo, git_env
from wheelhouse import copy_project, offline_pip_env, project_wheelhouse

from conftest import ROOT

pytestmark = pytest.mark.slow

BROKEN = (
    "# Awesome Things\n"
    "\n"
    "## Tools\n"
    "\n"
    "- [Alpha](https://alpha.example) - First tool.  \n"
    "- [Alpha](https://alpha.example) - Same tool again.\n"
)
FIXABLE = (
    "# Awesome Things\n\n\n\n## Tools\n\n"
    "- [Alpha](https://alpha.example) - First tool.  \n"
    "- [Beta](https://beta.example) - Second tool."
)
FIXED = (
    "# Awesome Things\n\n## Tools\n\n"
    "- [Alpha](https://alpha.example) - First tool.\n"
    "- [Beta](https://beta.example) - Second tool.\n"
)
CLEAN = "# Awesome Things\n\n## Tools\n\n- [Alpha](https://alpha.example) - First tool.\n"


@dataclass(frozen=True)
class HookRepo:
    """A git repository holding this checkout's hook files, its commit, and an offline pre-commit environment."""

    path: Path
    rev: str
    env: dict[str, str]


def _offline_env(home: Path, wheels: Path) -> dict[str, str]:
    env = offline_pip_env(git_env(), wheels)
    env = {key: value for key, value in env.items() if not key.startswith("PRE_COMMIT")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        VIRTUALENV_OVERRIDE_APP_DATA=str(home.parent / "virtualenv-app-data"),
        TERM="dumb",
    )
    return env


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    base = tmp_path_factory.mktemp("precommit")
    wheels = project_wheelhouse(ROOT, base / "wheels")
    copy_project(ROOT, base / "hook-repo")
    repo = GitRepo(base / "hook-repo")
    rev = repo.commit("this checkout's hook files")
    return HookRepo(repo.path, rev, _offline_env(base / "pre-commit-home", wheels))


def _list_repo(tmp_path: Path, hook_repo: HookRepo, *hooks: str) -> GitRepo:
    """A repository with a .pre-commit-config.yaml that uses our hooks at the snapshot's commit, installed."""
    repo = GitRepo(tmp_path / "list")
    listed = "".join(f"      - id: {hook}\n" for hook in hooks)
    repo.write(
        ".pre-commit-config.yaml", f"repos:\n  - repo: {hook_repo.path}\n    rev: {hook_repo.rev}\n    hooks:\n{listed}"
    )
    repo.commit("use awesome-lint")
    done = _run(repo, hook_repo, sys.executable, "-m", "pre_commit", "install")
    assert done.returncode == 0, done.stdout + done.stderr
    return repo


def _run(repo: GitRepo, hook_repo: HookRepo, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=repo.path, env=hook_repo.env, capture_output=True, text=True, timeout=600, check=False
    )


def _commit(repo: GitRepo, hook_repo: HookRepo, message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` with the installed pre-commit hook, as a person would run it (git sends hook output to stderr)."""
    return _run(repo, hook_repo, "git", "commit", "--quiet", "-m", message)


def _head_count(repo: GitRepo) -> int:
    return int(repo.git("rev-list", "--count", "HEAD").strip())


def _hook_lines(output: str) -> list[str]:
    """pre-commit's output without the one-time environment install lines."""
    return [line for line in output.splitlines() if line and not line.startswith("[INFO]")]


def test_check_hook_stops_a_commit_of_a_broken_list_and_says_why(tmp_path: Path, hook_repo: HookRepo) -> None:
    repo = _list_repo(tmp_path, hook_repo, "awesome-lint")
    repo.write("README.md", BROKEN)
    repo.git("add", "README.md")
    done = _commit(repo, hook_repo, "add a broken list")
    assert done.returncode == 1, done.stdout + done.stderr
    assert _hook_lines(done.stderr) == [
        "awesome-lint".ljust(79 - len("Failed"), ".") + "Failed",
        "- hook id: awesome-lint",
        "- exit code: 1",
        "README.md:5:47: AL402 [trailing-whitespace] line ends with white space [*]",
        'README.md:6:1: AL205 [duplicate-entry] entry "Alpha" duplicates "Alpha" on line 5 (same link '
        "https://alpha.example)",
        "Found 2 findings (1 error, 1 warning) in 1 file; 1 fixable with --fix.",
    ]
    assert _head_count(repo) == 1
    assert (repo.path / "README.md").read_text(encoding="utf-8") == BROKEN


def test_fix_hook_rewrites_the_list_fails_once_then_passes(tmp_path: Path, hook_repo: HookRepo) -> None:
    repo = _list_repo(tmp_path, hook_repo, "awesome-lint-fix")
    repo.write("README.md", FIXABLE)
    repo.git("add", "README.md")
    first = _commit(repo, hook_repo, "add a list")
    assert first.returncode == 1, first.stdout + first.stderr
    assert _hook_lines(first.stderr) == [
        "awesome-lint --fix".ljust(79 - len("Failed"), ".") + "Failed",
        "- hook id: awesome-lint-fix",
        "- exit code: 1",
        "- files were modified by this hook",
        "Fixed 3 in README.md: 1 x AL401 multiple-blank-lines, 1 x AL402 trailing-whitespace, 1 x AL403 final-newline",
        "All good: no findings in 1 file.",
    ]
    assert (repo.path / "README.md").read_bytes() == FIXED.encode("utf-8")
    assert _head_count(repo) == 1
    repo.git("add", "README.md")
    second = _commit(repo, hook_repo, "add a list")
    assert second.returncode == 0, second.stdout + second.stderr
    assert _head_count(repo) == 2
    assert repo.git("show", "HEAD:README.md") == FIXED


def test_clean_list_passes_and_other_markdown_is_left_alone(tmp_path: Path, hook_repo: HookRepo) -> None:
    repo = _list_repo(tmp_path, hook_repo, "awesome-lint", "awesome-lint-fix")
    repo.write("README.md", CLEAN)
    repo.write("docs/notes.md", BROKEN)
    repo.git("add", "--all")
    done = _run(repo, hook_repo, sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _hook_lines(done.stdout) == [
        "awesome-lint".ljust(79 - len("Passed"), ".") + "Passed",
        "- hook id: awesome-lint",
        "- duration: " + done.stdout.split("- duration: ")[1].split("\n")[0],
        "All good: no findings in 1 file.",
        "awesome-lint --fix".ljust(79 - len("Passed"), ".") + "Passed",
        "- hook id: awesome-lint-fix",
        "- duration: " + done.stdout.split("- duration: ")[2].split("\n")[0],
        "All good: no findings in 1 file.",
    ]
    assert (repo.path / "docs" / "notes.md").read_text(encoding="utf-8") == BROKEN
    assert _commit(repo, hook_repo, "a clean list").returncode == 0
    assert _head_count(repo) == 2


def test_the_hook_environment_was_built_offline_from_the_wheelhouse(tmp_path: Path, hook_repo: HookRepo) -> None:
    """Every package in the hook's environment came from the wheelhouse."""
    repo = _list_repo(tmp_path, hook_repo, "awesome-lint")
    done = _run(repo, hook_repo, sys.executable, "-m", "pre_commit", "install-hooks")
    assert done.returncode == 0, done.stdout + done.stderr
    home = Path(hook_repo.env["PRE_COMMIT_HOME"])
    pythons = sorted(home.glob("repo*/py_env-*/bin/python"))
    assert len(pythons) == 1
    listed = subprocess.run(
        [str(pythons[0]), "-m", "pip", "list", "--format=freeze", "--exclude", "pip"],
        env=hook_repo.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    wheels = {path.name.split("-")[0].lower() for path in Path(hook_repo.env["PIP_FIND_LINKS"]).glob("*.whl")}
    installed = {line.split("==")[0].replace("-", "_").lower() for line in listed}
    assert "awesome_lint" in installed
    assert installed - {"awesome_lint", "setuptools", "wheel"} <= wheels


def _pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=ROOT,
        env=git_env(PRE_COMMIT_COLOR="never"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_manifest_and_our_own_config_validate() -> None:
    manifest = _pre_commit("validate-manifest", ".pre-commit-hooks.yaml")
    config = _pre_commit("validate-config", ".pre-commit-config.yaml")
    assert (manifest.returncode, manifest.stdout, manifest.stderr) == (0, "", "")
    assert (config.returncode, config.stdout, config.stderr) == (0, "", "")


def test_the_readme_snippet_is_a_valid_config_naming_our_hooks(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = [block for block in re.findall(r"^```yaml\n(.*?)^```$", readme, re.S | re.M) if "repos:" in block]
    assert len(snippets) == 1
    (tmp_path / "config.yaml").write_text(snippets[0], encoding="utf-8")
    done = _pre_commit("validate-config", str(tmp_path / "config.yaml"))
    assert (done.returncode, done.stderr) == (0, "")
    hooks = [hook["id"] for hook in yaml.safe_load(snippets[0])["repos"][0]["hooks"]]
    manifest = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]
    assert hooks == manifest == ["awesome-lint", "awesome-lint-fix"]

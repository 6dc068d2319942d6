"""A real git repository in a temporary folder, isolated from the user's and the system's git configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# A small list with old findings (a trailing space, a duplicate entry), for tests of what a change introduced.
LEGACY_LIST = (
    "# Awesome Things\n"
    "\n"
    "## Contents\n"
    "\n"
    "- [Tools](#tools)\n"
    "\n"
    "## Tools\n"
    "\n"
    "- [Alpha](https://alpha.example) - First tool.  \n"
    "- [Alpha](https://alpha.example) - Same tool again.\n"
)


def git_env(**extra: str) -> dict[str, str]:
    """The environment for git and for tools that call git: no global or system config, a fixed identity."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.invalid",
        GIT_COMMITTER_NAME="Test Author",
        GIT_COMMITTER_EMAIL="author@example.invalid",
        GIT_AUTHOR_DATE="2025-01-22T12:00:00+00:00",
        GIT_COMMITTER_DATE="2025-01-22T12:00:00+00:00",
    )
    env.update(extra)
    return env


class GitRepo:
    """`git init` in `path`, with helpers to write files and commit them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=git_env(), capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def write(self, name: str, text: str) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        return target

    def commit(self, message: str, *names: str) -> str:
        """Stage `names` (everything when none) and commit; returns the new commit's id."""
        if names:
            self.git("add", "--all", "--", *names)
        else:
            self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "--no-verify", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

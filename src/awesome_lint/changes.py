"""Which lines of a file changed since a git revision: git plumbing for `check --changed-since REF`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .record import Record

# `@@ -old[,count] +new[,count] @@`: with --unified=0 a hunk's new side is exactly the lines it added.
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_GIT_TIMEOUT = 60


class GitError(Exception):
    """git cannot answer for this file; the message is the one line to print after the file name."""


class Changes(Record, frozen=True):
    """The lines of the current file (1-based) added or changed since the revision; `everything` if the file is new."""

    lines: frozenset[int]
    everything: bool = False

    def touches(self, first: int, last: int) -> bool:
        """True when any line from `first` to `last` (inclusive) was added or changed."""
        if self.everything:
            return True
        if last - first < len(self.lines):
            return any(line in self.lines for line in range(first, last + 1))
        return any(first <= line <= last for line in self.lines)


def changed_lines(path: str | Path, ref: str) -> Changes:
    """Compare the file as it is on disk with its version at `ref` (a commit, branch or tag).

    A file unknown to git (untracked), or added since `ref`, counts as changed everywhere; a file renamed since
    `ref` is compared with its old name. Raises GitError when git is missing, the file is outside a repository,
    or `ref` names no commit.
    """
    target = Path(path).resolve()
    root = Path(_git(target.parent, "rev-parse", "--show-toplevel").strip()).resolve()
    try:
        name = target.relative_to(root).as_posix()
    except ValueError:
        raise GitError(f"not inside the git repository at {root}") from None
    commit = _resolve(root, ref)
    if not _tracked(root, name):
        return Changes(frozenset(), everything=True)
    old = _old_name(root, commit, name)
    if old is None:
        return Changes(frozenset(), everything=True)
    return Changes(parse_hunks(_diff(root, commit, old, name)))


def parse_hunks(diff: str) -> frozenset[int]:
    """The added line numbers (new-file side) of a `git diff --unified=0` output for one file."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start = int(match.group(1))
        count = 1 if match.group(2) is None else int(match.group(2))
        lines.update(range(start, start + count))
    return frozenset(lines)


def _resolve(root: Path, ref: str) -> str:
    if ref.startswith("-"):
        raise GitError(f"unknown revision '{ref}'")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
    except GitError:
        raise GitError(f"unknown revision '{ref}' (no such commit, branch or tag in {root})") from None


def _tracked(root: Path, name: str) -> bool:
    return bool(_git(root, "ls-files", "--", name).strip())


def _old_name(root: Path, commit: str, name: str) -> str | None:
    """The file's name at `commit`: the same name, the name it was renamed from, or None when it is new."""
    if _git(root, "ls-tree", "--name-only", commit, "--", name).strip():
        return name
    status = _git(root, "diff", "--no-color", "--name-status", "-z", "-M", commit, "--")
    fields = status.split("\0")
    index = 0
    while index < len(fields) - 1:
        code = fields[index]
        if code[:1] in ("R", "C"):  # a rename or copy: its score, then the old and the new name
            source, destination = fields[index + 1], fields[index + 2]
            if destination == name:
                return source
            index += 3
        else:
            index += 2
    return None


def _diff(root: Path, commit: str, old: str, name: str) -> str:
    # With both names in the pathspec, -M pairs a renamed file with its old self, so only its edits count.
    paths = [name] if old == name else [old, name]
    options = ["--no-color", "--no-ext-diff", "--no-textconv", "--text", "--unified=0", "-M"]
    return _git(root, "diff", *options, commit, "--", *paths)


def _git(cwd: Path, *args: str) -> str:
    command = ["git", "--literal-pathspecs", "-c", "core.quotepath=off", *args]
    try:
        done = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=_GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise GitError("git not found; --changed-since needs git on the PATH") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {_GIT_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        if message and "not a git repository" in message[0]:
            raise GitError("not in a git repository; --changed-since needs one")
        raise GitError(f"git {args[0]} failed: {message[0] if message else f'exit {done.returncode}'}")
    return done.stdout

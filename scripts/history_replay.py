"""Replay the seed list's first commits with our pre-commit hook installed; write what it stops and why.

The versions in ../shared/corpus/history/ (see its MANIFEST.tsv) are committed one by one, as README.md, into
a temporary git repository where the real pre-commit runs our `awesome-lint` hook on every `git commit`. The
hook is the one in .pre-commit-hooks.yaml (same files, types and command), run with this interpreter's
awesome-lint (`language: system`) so the replay needs no network. A commit the hook stops is then made with
`--no-verify`, as the history really went on. For each commit the report gives the hook's verdict, the
findings of the whole file by rule, and, with `--changed-since` the previous commit, only what that commit
introduced. Default configuration: the list's repository had none.

Run: python scripts/history_replay.py [--history DIR] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT.parent / "shared" / "corpus" / "history"
OUTPUT = ROOT / "docs" / "history-replay.md"
LINT = [sys.executable, "-m", "awesome_lint"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    file_wide: bool = False


@dataclass(frozen=True)
class Replayed:
    """One commit of the history: its file, the hook's verdict and output, and the findings."""

    name: str
    lines: int
    stopped: bool
    hook_exit: int
    everything: tuple[Finding, ...]
    introduced: tuple[Finding, ...] | None  # None for the first commit: nothing to compare with


def versions(history: Path) -> list[Path]:
    """The files MANIFEST.tsv lists (`01..19`), oldest first."""
    rows = (history / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    first, last = rows[0].split("\t")[0].split("..")
    wanted = {f"{number:0{len(first)}d}" for number in range(int(first), int(last) + 1)}
    found = sorted(path for path in history.glob("*.md") if path.name.split("-")[0] in wanted)
    if len(found) != len(wanted):
        raise SystemExit(f"history_replay: {history}: MANIFEST.tsv lists {len(wanted)} versions, found {len(found)}")
    return found


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="replay",
        GIT_AUTHOR_EMAIL="replay@example.invalid",
        GIT_COMMITTER_NAME="replay",
        GIT_COMMITTER_EMAIL="replay@example.invalid",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
    )
    return env


def _run(
    command: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode not in ok:
        raise SystemExit(f"history_replay: {' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return done


def _hook_config() -> str:
    """Our `awesome-lint` hook from .pre-commit-hooks.yaml, as a local hook that runs this interpreter's code."""
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(item for item in manifest if item["id"] == "awesome-lint")
    command = hook["entry"].split()
    assert command[0] == "awesome-lint", command
    local = {
        "id": hook["id"],
        "name": hook["name"],
        "language": "system",
        "entry": shlex.join([*LINT, *command[1:]]),
        "types": hook["types"],
        "files": hook["files"],
    }
    return str(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, sort_keys=False))


def _findings(repo: Path, env: dict[str, str], *options: str) -> tuple[Finding, ...]:
    done = _run([*LINT, "check", "--format", "json", *options, "README.md"], repo, env, ok=(0, 1))
    rows = json.loads(done.stdout)
    return tuple(Finding(row["rule"], row["severity"], row["message"].endswith("(file-wide)")) for row in rows)


def replay(history: Path, work: Path) -> list[Replayed]:
    repo = work / "list"
    repo.mkdir()
    env = _env(work / "pre-commit-home")
    _run(["git", "init", "--quiet", "--initial-branch=main"], repo, env)
    (repo / ".pre-commit-config.yaml").write_text(_hook_config(), encoding="utf-8")
    _run(["git", "add", ".pre-commit-config.yaml"], repo, env)
    _run(["git", "commit", "--quiet", "--no-verify", "-m", "install the hook"], repo, env)
    _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    results = []
    for index, version in enumerate(versions(history)):
        data = version.read_bytes()
        (repo / "README.md").write_bytes(data)
        _run(["git", "add", "README.md"], repo, env)
        message = f"history {version.stem}"
        hook = _run(["git", "commit", "--quiet", "-m", message], repo, env, ok=(0, 1))
        hook_exit = hook.returncode
        if hook_exit:
            _run(["git", "commit", "--quiet", "--no-verify", "-m", message], repo, env)
        everything = _findings(repo, env)
        stopped = hook_exit != 0
        if stopped != any(finding.severity == "error" for finding in everything):
            raise SystemExit(f"history_replay: {version.name}: the hook and the check disagree:\n{hook.stderr}")
        introduced = None if index == 0 else _findings(repo, env, "--changed-since", "HEAD~1")
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
        results.append(Replayed(version.stem, lines, stopped, hook_exit, everything, introduced))
    return results


def _by_rule(findings: tuple[Finding, ...], severity: str) -> str:
    counts = Counter(finding.rule for finding in findings if finding.severity == severity)
    return ", ".join(f"{rule} {count}" for rule, count in sorted(counts.items())) or "-"


def _both(findings: tuple[Finding, ...]) -> str:
    """`errors: toc 1; warnings: empty-section 2`, leaving out an empty half; `-` for none."""
    parts = [
        f"{severity}s: {_by_rule(findings, severity)}"
        for severity in ("error", "warning")
        if any(finding.severity == severity for finding in findings)
    ]
    return "; ".join(parts) or "-"


def _errors(findings: tuple[Finding, ...]) -> bool:
    return any(finding.severity == "error" for finding in findings)


def render(results: list[Replayed], history: Path) -> str:
    rows = []
    for item in results:
        row = [item.name, str(item.lines), "**stopped**" if item.stopped else "passed"]
        row += [_by_rule(item.everything, "error"), _by_rule(item.everything, "warning")]
        if item.introduced is None:
            row += ["(first commit)", "(first commit)", ""]
        else:
            own = tuple(finding for finding in item.introduced if not finding.file_wide)
            wide = tuple(finding for finding in item.introduced if finding.file_wide)
            row += [_both(own), _both(wide), "**stopped**" if _errors(item.introduced) else "passed"]
        rows.append("| " + " | ".join(row) + " |")
    later = results[1:]
    stopped = sum(item.stopped for item in results)
    own_lines = [item for item in later if _errors(tuple(f for f in item.introduced or () if not f.file_wide))]
    gated = [item for item in later if _errors(item.introduced or ())]
    on_lines = sum(1 for item in later for finding in item.introduced or () if not finding.file_wide)
    file_wide = sum(1 for item in later for finding in item.introduced or () if finding.file_wide)
    return (
        "# History replay: our hook on the seed list's first commits\n\n"
        f"The {len(results)} versions of `README.md` in `{history.parent.name}/{history.name}/` (the seed list, "
        "2025-01-22 to 2025-01-24, as its maintainer committed them) committed one by one into a temporary git "
        "repository with our `awesome-lint` pre-commit hook installed (the real pre-commit, on `git commit`). "
        "Written by `python scripts/history_replay.py`; `tests/test_history_replay.py` checks that this page is "
        "current. Default configuration, as the list had none. A commit the hook stopped was then made with "
        "`--no-verify`, as the history went on.\n\n"
        f"- The hook stopped {stopped} of {len(results)} commits: an error-severity finding anywhere in the file "
        "stops a commit; warnings are shown but pass.\n"
        f"- Commits 2 to {len(results)} carried {sum(len(item.everything) for item in later)} findings in all. "
        f"Charged with `--changed-since` the commit before, {on_lines} findings fall on lines a commit added or "
        f"changed, and {file_wide} are file-wide (reported with every commit, marked `(file-wide)`).\n"
        f"- With `--changed-since`, {len(own_lines)} of {len(later)} commits would be stopped for errors on "
        f"their own lines, and {len(gated)} in all once the file-wide findings count.\n\n"
        "Columns: the commit (its number and the original short commit id), its lines, the hook's verdict, the "
        "findings in the whole file by rule (errors, then warnings), then what `awesome-lint --changed-since "
        "HEAD~1` reports: findings on the lines the commit added or changed, file-wide findings, and its "
        "verdict.\n\n"
        "| commit | lines | hook | errors | warnings | on its lines | file-wide | with --changed-since |\n"
        "|---|---:|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--history", type=Path, default=HISTORY, help="the folder with MANIFEST.tsv")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the report")
    args = parser.parse_args(argv)
    if not (args.history / "MANIFEST.tsv").is_file():
        print(f"history_replay: {args.history}: no MANIFEST.tsv", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="history-replay-") as work:
        results = replay(args.history, Path(work))
    args.output.write_text(render(results, args.history), encoding="utf-8")
    print(f"wrote {args.output}: {sum(item.stopped for item in results)} of {len(results)} commits stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time awesome-lint against the markdown tools a list maintainer would otherwise use, side by side in one run.

For each size (generated paper lists, see generate.py) and each extra file, every tool runs `--runs` times
on the same file; the table shows the median wall time, the peak resident memory of the child process
(its own and its waited-for children's, from wait4), and the ratio of each tool's time to our check. Then
the issue's goals are checked on these numbers.

Tools: `check` (awesome-lint check), `fix` (awesome-lint --fix on a fresh copy each run), and the peers
`mdformat` (mdformat --check), `pymarkdown` (pymarkdown scan), `markdownlint-cli2` and `awesome-lint-js`
(sindresorhus/awesome-lint). Peers are found through environment variables, then PATH, then an npm prefix
(AWESOME_LINT_BENCH_NPM, default /work/bench-npm), then `npx --yes` for the Node tools; an absent peer is
listed as skipped. A peer whose run takes longer than `--timeout` is not run at larger sizes.

Run: python bench/compare.py [--sizes 1,100,1000,10000] [--runs 5] [--tools check,fix,mdformat,...]
                             [--file FILE ...] [--timeout 120] [-o table.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

HERE = Path(__file__).resolve().parent
ALL_TOOLS = ("check", "fix", "mdformat", "pymarkdown", "markdownlint-cli2", "awesome-lint-js")
PEER_ENV = {
    "mdformat": "AWESOME_LINT_BENCH_MDFORMAT",
    "pymarkdown": "AWESOME_LINT_BENCH_PYMARKDOWN",
    "markdownlint-cli2": "AWESOME_LINT_BENCH_MARKDOWNLINT",
    "awesome-lint-js": "AWESOME_LINT_BENCH_AWESOME_LINT_JS",
}
PEER_ARGS = {
    "mdformat": ["--check"],
    "pymarkdown": ["scan"],
    "markdownlint-cli2": [],
    "awesome-lint-js": [],
}
NPM_NAMES = {"markdownlint-cli2": "markdownlint-cli2", "awesome-lint-js": "awesome-lint"}
VENV_BIN = Path(os.environ.get("AWESOME_LINT_BENCH_VENV", "/work/bench-venv")) / "bin"
NPM_PREFIX = Path(os.environ.get("AWESOME_LINT_BENCH_NPM", "/work/bench-npm"))


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def our_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m awesome_lint`."""
    script = Path(sys.executable).with_name("awesome-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "awesome_lint"]


def find_peer(name: str) -> list[str] | None:
    """The command that runs a peer, or None when it is not installed."""
    override = os.environ.get(PEER_ENV[name])
    if override:
        return override.split()
    binary = "awesome-lint" if name == "awesome-lint-js" else name
    if name in ("mdformat", "pymarkdown"):
        for candidate in (VENV_BIN / binary, shutil.which(binary)):
            if candidate and Path(candidate).exists():
                return [str(candidate)]
        return None
    local = NPM_PREFIX / "node_modules" / ".bin" / NPM_NAMES[name]
    if local.exists():
        return [str(local)]
    if shutil.which("npx"):
        return ["npx", "--yes", NPM_NAMES[name]]
    return None


CHILD_ENV = dict(os.environ)


TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(command: list[str], cwd: Path, timeout: float) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run; the exit code is not judged (findings exit non-zero).

    The peak comes from GNU time where it is installed: a child forked from this process would otherwise
    count this process's own resident memory (which holds the generated lists) as its own.
    """
    report = cwd / ".peak-kb"
    if TIME:
        command = [TIME, "-f", "%M", "-o", str(report), *command]
    start = time.perf_counter()
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=CHILD_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so a timeout ends the tool under GNU time too
    ) as child:
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() > deadline:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                raise TimeoutError
            time.sleep(0.002)
    seconds = time.perf_counter() - start
    if TIME:
        lines = report.read_text().split()
        report.unlink()
        return seconds, int(lines[-1])
    return seconds, int(usage.ru_maxrss)


def measure(tool: str, command: list[str], target: Path, runs: int, timeout: float) -> Measure:
    result = Measure()
    work = target.parent
    for attempt in range(runs + 1):  # the first run warms the disk cache and the bytecode cache, untimed
        cwd = work
        if tool == "fix":
            copy = work / f"fix-{target.name}"
            shutil.copyfile(target, copy)
            argv = [*command, "--fix", copy.name]
        elif tool == "awesome-lint-js":
            # It lints readme.md of the folder it runs in; give it its own folder with the file as readme.md.
            cwd = work / "js"
            cwd.mkdir(exist_ok=True)
            shutil.copyfile(target, cwd / "readme.md")
            argv = [*command, "readme.md"]
        else:
            argv = [*command, *PEER_ARGS.get(tool, []), target.name]
        seconds, peak = run_once(argv, cwd, timeout)
        if attempt:
            result.seconds.append(seconds)
            result.peak_kb = max(result.peak_kb, peak)
    return result


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return f"{model or 'unknown CPU'}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def size_label(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,1000,10000", help="entry counts of generated paper lists")
    parser.add_argument("--runs", type=int, default=5, help="runs per tool and file; the median is shown")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma-separated, from {', '.join(ALL_TOOLS)}")
    parser.add_argument("--file", action="append", default=[], help="also time this file (e.g. the seed list)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds; a slower peer skips larger sizes")
    parser.add_argument("-o", "--output", help="also write the table here")
    args = parser.parse_args(argv)

    tools = [name.strip() for name in args.tools.split(",") if name.strip()]
    unknown = [name for name in tools if name not in ALL_TOOLS]
    if unknown:
        parser.error(f"unknown tool {unknown[0]!r}")
    commands: dict[str, list[str] | None] = {}
    for name in tools:
        commands[name] = our_command() if name in ("check", "fix") else find_peer(name)
    too_slow: set[str] = set()

    with tempfile.TemporaryDirectory(prefix="awesome-lint-bench-") as folder:
        # Every Python tool runs with its bytecode cached, as an installed package has it, even where the
        # environment says not to write bytecode (then an editable install would recompile on every run).
        CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        targets: list[tuple[str, Path]] = []
        for size in (int(part) for part in args.sizes.split(",") if part.strip()):
            path = Path(folder) / f"n{size}" / "list.md"
            path.parent.mkdir()
            path.write_text(generate(size), encoding="utf-8")
            targets.append((f"n={size}", path))
        for extra in args.file:
            source = Path(extra)
            path = Path(folder) / f"file-{len(targets)}" / source.name
            path.parent.mkdir()
            shutil.copyfile(source, path)
            path.chmod(0o644)
            targets.append((source.name, path))

        rows: list[str] = []
        results: dict[tuple[str, str], Measure] = {}
        for label, path in targets:
            for name in tools:
                command = commands[name]
                if command is None:
                    continue
                if name in too_slow and label.startswith("n="):
                    results[(label, name)] = Measure(note=f"skipped (over {args.timeout:.0f} s at a smaller size)")
                    continue
                print(f"{label} {name} ...", file=sys.stderr, flush=True)
                try:
                    found = measure(name, command, path, args.runs, args.timeout)
                    results[(label, name)] = found
                    print(f"  {found.median:.3f} s, {found.peak_kb / 1024:.0f} MB", file=sys.stderr, flush=True)
                except TimeoutError:
                    too_slow.add(name)
                    results[(label, name)] = Measure(note=f"over {args.timeout:.0f} s")
            ours = results.get((label, "check"))
            for name in tools:
                found = results.get((label, name))
                if commands[name] is None or found is None:
                    continue
                if not found.seconds:
                    rows.append(f"| {label} ({size_label(path)}) | {name} | {found.note} | | |")
                    continue
                ratio = f"{found.median / ours.median:.2f}" if ours and ours.seconds else ""
                rows.append(
                    f"| {label} ({size_label(path)}) | {name} | {found.median:.3f} | "
                    f"{found.peak_kb / 1024:.0f} | {ratio} |"
                )

    lines = [
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}; median of {args.runs} runs.",
        "",
        "| file | tool | median s | peak MB | time / our check |",
        "|---|---|---|---|---|",
        *rows,
    ]
    absent = [name for name in tools if commands[name] is None]
    if absent:
        lines += ["", f"Not installed, skipped: {', '.join(absent)}."]
    lines += ["", *goals(results, [label for label, _ in targets])]
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.output:
        Path(args.output).write_text(table, encoding="utf-8")
    return 0


def goals(results: dict[tuple[str, str], Measure], labels: list[str]) -> list[str]:
    """The issue's goals, judged on this run's numbers (a goal whose tools did not run is left out)."""

    def seconds(label: str, tool: str) -> float | None:
        found = results.get((label, tool))
        return found.median if found and found.seconds else None

    def peak(label: str, tool: str) -> int | None:
        found = results.get((label, tool))
        return found.peak_kb if found and found.seconds else None

    out = ["Goals:", ""]

    def judge(text: str, value: float | None, limit: float) -> None:
        if value is not None:
            verdict = "met" if value <= limit else "NOT met"
            out.append(f"- {text}: {value:.2f} (at most {limit:g}): {verdict}")

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    for label in labels:
        if label == "n=1" or not label.startswith("n="):
            judge(f"{label}: check / mdformat", ratio(seconds(label, "check"), seconds(label, "mdformat")), 0.6)
    if "n=1000" in labels:
        check = seconds("n=1000", "check")
        judge("n=1000: check / mdformat", ratio(check, seconds("n=1000", "mdformat")), 0.5)
        judge("n=1000: check / markdownlint-cli2", ratio(check, seconds("n=1000", "markdownlint-cli2")), 0.1)
        judge("n=1000: check / awesome-lint-js", ratio(check, seconds("n=1000", "awesome-lint-js")), 0.1)
        judge("n=1000: fix / check", ratio(seconds("n=1000", "fix"), check), 1.5)
    if "n=1000" in labels and "n=10000" in labels:
        judge("check time n=10000 / n=1000", ratio(seconds("n=10000", "check"), seconds("n=1000", "check")), 11)
        ours, theirs = peak("n=10000", "check"), peak("n=10000", "mdformat")
        judge("n=10000: check peak memory / mdformat's", ratio(ours, theirs), 1.0)
    return out


if __name__ == "__main__":
    raise SystemExit(main())

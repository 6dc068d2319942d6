"""Benchmark of `awesome-lint links` against local servers: links per second and peak memory.

Starts tests/linkserver.py on 127.0.0.1 to 127.0.0.4 (one process each, so the servers do not share this
process's interpreter), writes a list with 2,000 distinct links spread over those hosts, then checks it with
the real command (`awesome-lint links --allow-private`, in this process, starting with an empty cache), then
runs it again to time a run that the cache answers.
Nothing leaves the loopback addresses.

    .venv/bin/python bench/links_bench.py [--links 2000] [--hosts 4] [--per-host 8] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tests" / "linkserver.py"


def _start(host: str) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--host", host],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, int(process.stdout.readline())


def _run(arguments: list[str]) -> tuple[int, float, str]:
    from awesome_lint.cli import main

    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        status = main(arguments)
    return status, time.perf_counter() - started, out.getvalue().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    servers = [_start(f"127.0.0.{index + 1}") for index in range(args.hosts)]
    try:
        with tempfile.TemporaryDirectory() as folder:
            lines = ["# Benchmark", ""]
            for index in range(args.links):
                host = index % args.hosts
                url = f"http://127.0.0.{host + 1}:{servers[host][1]}/wait/{index}"
                lines.append(f"- [Link {index}]({url}) - Entry {index}.")
            listing = Path(folder) / "README.md"
            listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
            (Path(folder) / ".awesome-lint.toml").write_text(
                f"[links]\nper-host = {args.per_host}\nconcurrency = {args.concurrency}\nhost-delay = 0\n"
                f'cache = "{Path(folder) / "cache.json"}"\n',
                encoding="utf-8",
            )
            usage = resource.getrusage(resource.RUSAGE_SELF)
            status, seconds, summary = _run(["links", "--allow-private", str(listing)])
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
            cached_status, cached_seconds, cached_summary = _run(["links", "--allow-private", str(listing)])
    finally:
        for process, _ in servers:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=10)
    print(f"links: {args.links} over {args.hosts} hosts, per-host {args.per_host}, concurrency {args.concurrency}")
    print(f"checked: {seconds:.2f} s, {args.links / seconds:.0f} links/s (exit {status}); {summary}")
    print(f"checker CPU: {cpu:.2f} s, {cpu / args.links * 1000:.2f} ms a link (the servers run in other processes)")
    print(f"peak RSS: {after.ru_maxrss / 1024:.1f} MiB (before the run: {usage.ru_maxrss / 1024:.1f} MiB)")
    print(f"from the cache: {cached_seconds:.2f} s (exit {cached_status}); {cached_summary}")


if __name__ == "__main__":
    main()

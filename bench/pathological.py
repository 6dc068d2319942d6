"""Pathological inputs at size n and 2n: parse, lint and fix time, and the 2n/n ratio (about 2 means linear).

Each input is one of the bad-input table of issue #6 (one huge line, deep nesting, a flood of `[` or `<`, ...).
Run: python bench/pathological.py [--scale S] [--only NAME] [--stages parse,lint,fix] [--repeat K]
`--scale 0.1` makes every input ten times smaller for a quick look; `--repeat 3` keeps the best of three.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from awesome_lint import parse
from awesome_lint.engine import lint
from awesome_lint.fix import fix

ENTRY = (
    "<details>\n<summary>A Paper (2024)</summary>\n\n"
    "- A Paper. [[paper]](https://arxiv.org/abs/2401.01234)\n  - Ann Author, Bo Author.\n  - Modality: CT\n"
    "  - <details><summary>Digest</summary>\n    Digest text.\n  </details>\n</details>\n\n"
    "- [Tool](https://t.example) - A tool.\n\n"
)


def big_list(n: int) -> str:
    """A plausible list of n characters or a little more: many sections of entries."""
    section = "## Section\n\n" + ENTRY * 20
    return "# Big\n\n" + section * (n // len(section) + 1)


GROUP = "<details>\n<summary>Group: 2024</summary>\n\n- [Tool](https://t.example) - A tool.\n\n"


def nested_list(n: int) -> str:
    """Items each indented one step deeper than the last, about n characters: depth grows as sqrt(n)."""
    depth = int((n / 2) ** 0.5)
    return "# D\n\n" + "".join("  " * i + f"- [item {i}](https://x.org/{i}) - d\n" for i in range(depth))


# name -> (make text of about n characters (or n repetitions), n for the first run)
INPUTS: dict[str, tuple[Callable[[int], str], int]] = {
    "big-list": (big_list, 2_000_000),
    "one-long-line": (lambda n: "# L\n\n" + "word " * (n // 5) + "\n", 5_000_000),
    "long-bullet-line": (lambda n: "# L\n\n- [x](https://x.org) - " + "word " * (n // 5) + "\n", 5_000_000),
    "nested-details": (lambda n: "# N\n\n" + "<details>\n" * n + "text\n" + "</details>\n" * n, 20_000),
    "unclosed-details": (lambda n: "# U\n\n" + "<details>\n" * n, 100_000),
    "unclosed-details-one-line": (lambda n: "# U\n\n" + "<details>" * n + "\n", 100_000),
    "brackets": (lambda n: "# B\n\n" + "[" * n + "\n", 100_000),
    "brackets-in-bullet": (lambda n: "# B\n\n- " + "[" * n + "\n", 100_000),
    "angles": (lambda n: "# A\n\n" + "<" * n + "\n", 100_000),
    "angles-in-bullet": (lambda n: "# A\n\n- " + "<" * n + "\n", 100_000),
    "nested-groups": (lambda n: "# G\n\n" + GROUP * n + "</details>\n" * n, 5_000),
    "nested-lists": (nested_list, 2_000_000),
    "nested-markers-one-line": (lambda n: "# D\n\n" + "- " * (n // 2) + "[x](https://x.org)\n", 100_000),
    "hashes-heading": (lambda n: "#" * n + " title\n", 10_000),
    "heading-flood": (lambda n: "".join(f"{'#' * (1 + i % 6)} h{i}\n" for i in range(n)), 50_000),
}

STAGES: dict[str, Callable[[str], object]] = {"parse": parse, "lint": lint, "fix": fix}


def seconds(stage: Callable[[str], object], text: str, repeat: int) -> float:
    """The best of `repeat` runs: other load on the machine only ever adds time."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        stage(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    options.add_argument("--only", action="append", help="run only this input (repeatable)")
    options.add_argument("--stages", default="parse,lint,fix", help="comma-separated: parse, lint, fix")
    options.add_argument("--repeat", type=int, default=1, help="time each run this many times, keep the best")
    args = options.parse_args()
    stages = [name for name in args.stages.split(",") if name]
    parse("# warm\n- [x](y) - z\n")
    lint("# warm\n")
    print(f"{'input':<26} {'stage':<6} {'chars n':>12} {'s at n':>9} {'s at 2n':>9} {'ratio':>6}")
    worst = 0.0
    failures = 0
    for name, (make, base) in INPUTS.items():
        if args.only and name not in args.only:
            continue
        n = max(int(base * args.scale), 1)
        small, large = make(n), make(2 * n)
        for stage in stages:
            try:
                first = seconds(STAGES[stage], small, args.repeat)
                second = seconds(STAGES[stage], large, args.repeat)
            except Exception as error:  # a crash is a finding: show it and go on with the next input
                failures += 1
                print(f"{name:<26} {stage:<6} {len(small):>12,} FAILED: {type(error).__name__}: {error}", flush=True)
                continue
            ratio = second / first if first > 0 else float("nan")
            if first > 0.05:  # tiny timings are noise, not growth
                worst = max(worst, ratio)
            print(f"{name:<26} {stage:<6} {len(small):>12,} {first:>9.3f} {second:>9.3f} {ratio:>6.2f}", flush=True)
    print(f"worst ratio over timings above 50 ms: {worst:.2f} (linear is about 2); {failures} failed")
    if failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

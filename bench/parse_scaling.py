"""How parse time grows with input size: the same list repeated 1x, 10x and 100x, median of several runs.

Linear means the 10x row costs about 10 times the 1x row. Run: python bench/parse_scaling.py [FILE]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from awesome_lint import parse


def median_seconds(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "README.source.md"
    base = path.read_text(encoding="utf-8")
    parse(base)  # warm the lazy imports
    print(f"{path.name}: {len(base):,} characters")
    print(f"{'copies':>7} {'chars':>12} {'median s':>10} {'per copy ms':>12} {'vs 1x':>7}")
    first = None
    for copies, runs in ((1, 21), (10, 7), (100, 3)):
        text = base * copies
        seconds = median_seconds(text, runs)
        first = first or seconds
        print(f"{copies:>7} {len(text):>12,} {seconds:>10.4f} {seconds / copies * 1000:>12.3f} {seconds / first:>7.1f}")


if __name__ == "__main__":
    main()

"""Check and fix every file of the shared corpus; write the findings per rule and the fix counts to a report.

A reviewer reads the first table to look for false positives: a rule that fires hundreds of times on a list
that looks fine on GitHub is a rule to look at. The second table is what `--fix` would do to each file:
findings before, fixes applied, findings left, and how many of those left still carry a safe fix (always 0
unless a fix is broken). Run: python scripts/corpus_report.py [SHARED_DIR]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from awesome_lint.engine import run  # noqa: E402
from awesome_lint.fix import UnsafeResultError, fix  # noqa: E402
from awesome_lint.registry import all_rules  # noqa: E402
from awesome_lint.source import Source, SourceError, decode  # noqa: E402


def main() -> int:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    files = sorted([*shared.glob("corpus/*/*.md"), *shared.glob("lists/*.md")])
    if not files:
        print(f"no corpus under {shared}", file=sys.stderr)
        return 2
    codes = [rule.code for rule in all_rules() if rule.code != "AL000" and not rule.network]
    rows = []
    fix_rows = []
    totals: Counter[str] = Counter()
    fix_totals: Counter[str] = Counter()
    for path in files:
        name = f"{path.parent.name}/{path.name}"
        try:
            text = decode(path.read_bytes(), name)
        except SourceError as error:
            rows.append(f"| {name} | unreadable: {error} |")
            continue
        start = time.perf_counter()
        result = run(Source.from_text(text))
        seconds = time.perf_counter() - start
        counts = Counter(d.code for d in result.diagnostics)
        totals.update(counts)
        entries = sum(1 for _ in result.document.entries())
        cells = " | ".join(str(counts[code]) if counts[code] else "" for code in codes)
        crash = " **AL000**" if counts["AL000"] else ""
        rows.append(f"| {name}{crash} | {len(text) // 1024} | {entries} | {seconds * 1000:.0f} | {cells} |")
        fix_rows.append(_fix_row(name, text, len(result.diagnostics), fix_totals))
    header = "| file | KiB | entries | ms | " + " | ".join(codes) + " |"
    rule_line = "|---|---:|---:|---:|" + "---:|" * len(codes)
    total = "| **all files** | | | | " + " | ".join(str(totals[code]) for code in codes) + " |"
    names = "\n".join(f"- {rule.code} `{rule.name}`: {rule.summary}" for rule in all_rules() if not rule.network)
    report = (
        "# Corpus report\n\n"
        f"Every rule over the {len(files)} files of the shared corpus (real awesome lists, their old versions, "
        "and the seed list), default configuration. Written by `python scripts/corpus_report.py`; "
        "numbers are findings per rule per file, ms is the time of one check in one process.\n\n"
        f"{names}\n\n{header}\n{rule_line}\n{total}\n" + "\n".join(rows) + "\n\n"
        "## What --fix does\n\n"
        "Safe fixes only, default configuration, applied in memory. *Before* counts every finding, *fixed* the "
        "fixes applied (one fix can settle several findings, and fixing can reveal one that was hidden), "
        "*left* what remains for a person, *left fixable* what remains with a safe fix.\n\n"
        "| file | before | fixed | left | left fixable | ms |\n|---|---:|---:|---:|---:|---:|\n"
        f"| **all files** | {fix_totals['before']} | {fix_totals['fixed']} | {fix_totals['left']} "
        f"| {fix_totals['left fixable']} | |\n" + "\n".join(fix_rows) + "\n"
    )
    out = ROOT / "docs" / "corpus-report.md"
    out.write_text(report, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}: {len(files)} files, {sum(totals.values())} findings")
    return 0


def _fix_row(name: str, text: str, before: int, totals: Counter[str]) -> str:
    start = time.perf_counter()
    try:
        result = fix(text)
    except UnsafeResultError as error:
        return f"| {name} **refused** | {before} | | | | {error} |"
    seconds = time.perf_counter() - start
    left = len(result.remaining)
    left_fixable = sum(1 for d in result.remaining if d.fix is not None and d.fix.safe)
    totals.update({"before": before, "fixed": len(result.applied), "left": left, "left fixable": left_fixable})
    return f"| {name} | {before} | {len(result.applied)} | {left} | {left_fixable} | {seconds * 1000:.0f} |"


if __name__ == "__main__":
    raise SystemExit(main())

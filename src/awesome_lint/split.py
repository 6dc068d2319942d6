"""One large file on two cores: after the parse, a forked child runs about half of the rules on the same tree.

The rules are pure functions of the tree and the text, so a child made by fork(2) after the parse has
everything it needs without copying or parsing again. It runs its share of the rules, sends the
diagnostics back as JSON over a pipe and leaves with os._exit; the parent runs the other share meanwhile.
Results are merged in rule order, so the output is the same, byte for byte, as one process's. If fork
fails or the child does not deliver, the parent runs the child's rules itself.

Only the command line asks for this (cli.py), only on Linux, and only for a file large enough that the
rules take longer than a fork: a library caller may have threads, which fork does not carry over.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .engine import Diagnostic
from .record import fields
from .registry import Edit, Fix, Rule

# Rough cost of each rule, in ms per MB of text on this project's bench machine (bench/generate.py paper and
# classic lists, and the largest corpus lists); a rule not listed costs about 5. Only the balance matters.
_COST = {
    "unclosed-html-tag": 50,
    "entry-layout": 45,
    "toc": 15,
    "html-block-swallows-markdown": 15,
    "llm-artifact": 15,
    "broken-anchor": 15,
    "duplicate-entry": 10,
    "arxiv-link": 10,
}


def available() -> bool:
    return hasattr(os, "fork") and sys.platform == "linux" and (os.cpu_count() or 1) >= 2


def partition(items: Sequence[Rule]) -> tuple[list[int], list[int]]:
    """Indexes of the rules for this process and for the child: the costliest first, each to the lighter side."""
    sides: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for index in sorted(range(len(items)), key=lambda i: -_COST.get(items[i].name, 5)):
        side = 0 if loads[0] <= loads[1] else 1
        sides[side].append(index)
        loads[side] += _COST.get(items[index].name, 5)
    return sorted(sides[0]), sorted(sides[1])


def run_rules(items: Sequence[Rule], work: Callable[[Rule], list[Diagnostic]]) -> list[list[Diagnostic]]:
    """`work(rule)` for every rule, in order; the child's share in a forked process."""
    mine, theirs = partition(items)
    results: dict[int, list[Diagnostic]] = {}
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:  # no process left to make (EAGAIN, ENOMEM): one process does it all
        os.close(read_end)
        os.close(write_end)
        return [work(item) for item in items]
    if child == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
        status = 1
        try:
            os.close(read_end)
            payload = {index: [_encode(d) for d in work(items[index])] for index in theirs}
            with open(write_end, "w", encoding="utf-8") as stream:
                json.dump(payload, stream)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    for index in mine:
        results[index] = work(items[index])
    with open(read_end, encoding="utf-8") as stream:
        received = stream.read()
    _, wait_status = os.waitpid(child, 0)
    delivered: dict[str, list[list[Any]]] = json.loads(received) if wait_status == 0 and received else {}
    for index in theirs:
        found = delivered.get(str(index))
        results[index] = work(items[index]) if found is None else [_decode(row) for row in found]
    return [results[index] for index in range(len(items))]


_NAMES = tuple(item.name for item in fields(Diagnostic))


def _encode(diagnostic: Diagnostic) -> list[Any]:
    """A diagnostic as JSON values, its fields in declaration order; the fix as [title, edits, safe]."""
    fix = diagnostic.fix
    row = [getattr(diagnostic, name) for name in _NAMES]
    row[_NAMES.index("fix")] = (
        None if fix is None else [fix.title, [[edit.start, edit.end, edit.text] for edit in fix.edits], fix.safe]
    )
    return row


def _decode(row: list[Any]) -> Diagnostic:
    values = dict(zip(_NAMES, row, strict=True))
    fix = values["fix"]
    if fix is not None:
        values["fix"] = Fix(fix[0], tuple(Edit(*edit) for edit in fix[1]), fix[2])
    return Diagnostic(**values)

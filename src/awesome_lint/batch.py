"""Checking many files at once: one worker process a file, on every core, results in the order given.

Each worker runs the command line's own per-file step with its standard output and error captured, and
returns them with the diagnostics as plain data; cli.py writes them out file by file, so the output is the
same, byte for byte, as a run that checks the files one after another.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Diagnostic

# What one file gives back: its standard output, its standard error, its outcome and its diagnostics.
FileResult = tuple[str, str, str, list["Diagnostic"]]


def check_one(path: str, args: argparse.Namespace) -> FileResult:
    """Check (or fix) one file in a worker, its printed output captured instead of shown."""
    from .cli import check_path

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        outcome, found = check_path(path, args, {})
    return out.getvalue(), err.getvalue(), outcome, found


def check_files(paths: list[str], args: argparse.Namespace) -> Iterator[FileResult]:
    """Every file's result, in the order of `paths`, each as soon as it and those before it are done."""
    workers = min(len(paths), os.cpu_count() or 1)
    # fork starts a worker without importing anything again; elsewhere the platform's default is used.
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(check_one, paths, [args] * len(paths))

"""Applying fixes: edits on source offsets, applied back to front so untouched bytes stay untouched."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from .registry import Edit


class OverlapError(ValueError):
    """Two edits touch the same text; applying both would be ambiguous."""


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (identical duplicates are merged); raises OverlapError otherwise."""
    ordered = sorted(set(edits), key=lambda edit: (edit.start, edit.end))
    for before, after in pairwise(ordered):
        both_insert_here = before.start == before.end == after.start == after.end
        if after.start < before.end or both_insert_here:
            raise OverlapError(f"edits at offsets {before.start}-{before.end} and {after.start}-{after.end} overlap")
    result = text
    for edit in reversed(ordered):
        result = result[: edit.start] + edit.text + result[edit.end :]
    return result

"""Applying fixes: edits on source offsets, applied back to front so untouched bytes stay untouched.

`fix` repeats lint-and-apply to a fixed point, then checks its own result before anyone writes it: the text
re-parses, a second pass changes nothing, and every word and entry title of the input is still there except
what an applied edit removed on purpose. When the fixes together fail that check, `partial=True` keeps the
rules whose fixes pass it and holds back the others.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from .record import Record, field
from .registry import Edit

if TYPE_CHECKING:
    from .config import Settings
    from .engine import Diagnostic

MAX_PASSES = 12
_WORD = re.compile(r"\w+")


class OverlapError(ValueError):
    """Two edits touch the same text; applying both would be ambiguous."""


class UnsafeResultError(RuntimeError):
    """The fixed text failed a safety check; nothing may be written. The message names the rules involved;
    `reason` is the problem alone ("fixes by toc would lose the entry 'X'")."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}; refusing to write; this is a bug, please report it")
        self.reason = reason


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (identical duplicates are merged); raises OverlapError otherwise."""
    ordered = sorted(set(edits), key=lambda edit: (edit.start, edit.end))
    for before, after in pairwise(ordered):
        both_insert_here = before.start == before.end == after.start == after.end
        if after.start < before.end or both_insert_here:
            raise OverlapError(f"edits at offsets {before.start}-{before.end} and {after.start}-{after.end} overlap")
    pieces: list[str] = []
    cursor = 0
    for edit in ordered:  # one join, not a copy of the text per edit (100,000 edits made that quadratic)
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


class Applied(Record, frozen=True):
    """One fix that went into the result: which rule, where (in the text it was applied to), what it did."""

    code: str
    rule: str
    line: int
    title: str


class FixResult(Record):
    """The fixed text, the fixes applied (in order), and the diagnostics that remain on the fixed text."""

    text: str
    applied: list[Applied] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter, repr=False)  # words the applied edits took out
    withheld: list[tuple[str, str]] = field(default_factory=list)  # (rule, reason): fixes held back as unsafe

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix(
    text: str,
    config: Settings | None = None,
    *,
    unsafe: bool = False,
    path: str = "-",
    split: bool = False,
    partial: bool = False,
) -> FixResult:
    """Apply every safe fix (and unsafe ones with `unsafe`) to a fixed point; raise UnsafeResultError on a bug.

    `split` as for engine.run: the rules of a large text on two cores (the command line's choice).
    `partial`: when the fixes together fail the safety check, take the rules with a fix to offer one at a
    time, in the order of their first such finding, and keep each whose fixes, with those kept before, pass
    the check; the others are held back (`withheld`), and their findings remain without a fix. The command line asks
    for this; a caller who wants all or nothing leaves it off and gets the error."""
    try:
        result = _fix_passes(text, config, unsafe=unsafe, path=path, split=split)
        if result.applied:
            _check(text, result, config, unsafe=unsafe, path=path, split=split)
    except UnsafeResultError as error:
        if not partial:
            raise
        return _partial(text, config, error, unsafe=unsafe, path=path, split=split)
    return result


def _partial(
    text: str, config: Settings | None, failure: UnsafeResultError, *, unsafe: bool, path: str, split: bool
) -> FixResult:
    """The fixes of the rules that pass the safety check together; see `fix`."""
    kept: frozenset[str] = frozenset()
    best = _fix_passes(text, config, unsafe=unsafe, path=path, split=split, allowed=kept)  # no fix: a plain lint
    withheld: list[tuple[str, str]] = []
    tried: set[str] = set()
    while True:
        # The next rule with a fix to offer, on the text as the rules kept so far leave it (an accepted fix can
        # reveal another rule's finding: two blank lines once an artifact line is gone).
        offered = [d for d in best.remaining if d.fix is not None and (d.fix.safe or unsafe) and d.code not in tried]
        if not offered:
            break
        code, rule = offered[0].code, offered[0].rule
        tried.add(code)
        trying = kept | {code}
        try:
            trial = _fix_passes(text, config, unsafe=unsafe, path=path, split=split, allowed=trying)
            if trial.applied:
                _check(text, trial, config, unsafe=unsafe, path=path, split=split, allowed=trying)
        except UnsafeResultError as error:
            withheld.append((rule, error.reason))
            continue
        kept, best = trying, trial
    if not withheld:  # every rule passed alone or with the others kept: the failure came from elsewhere
        raise failure
    held = {rule for rule, _ in withheld}
    best.remaining = [d.model_copy(update={"fix": None}) if d.rule in held else d for d in best.remaining]
    best.withheld = withheld
    return best


def _fix_passes(
    text: str,
    config: Settings | None,
    *,
    unsafe: bool,
    path: str,
    split: bool,
    allowed: frozenset[str] | None = None,
) -> FixResult:
    """Lint and apply to a fixed point; `allowed`: only the fixes of these rule codes (None: every rule's)."""
    from .engine import run
    from .source import Source

    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    applied: list[Applied] = []
    removed: Counter[str] = Counter()
    for _ in range(MAX_PASSES):
        # Lint the text with its BOM, so that exactly that one is set aside and the edits' offsets fit `body`
        # (linting `body` set aside a second BOM too, and every edit landed one place off; found by fuzzing).
        source = Source.from_text(text[:1] + body if bom else body)
        diagnostics = run(source, config, path=path, split=split).diagnostics
        chosen, edits = _non_overlapping(diagnostics, unsafe=unsafe, allowed=allowed)
        if not chosen:
            return FixResult(("\ufeff" if bom else "") + body, applied, list(diagnostics), removed)
        for edit in edits:
            removed.update(_removed_words(body[edit.start : edit.end], edit.text))
        body = apply_edits(body, edits)
        applied.extend(Applied(d.code, d.rule, d.line, d.fix.title) for d in chosen if d.fix is not None)
    names = sorted({item.rule for item in applied[-10:]})
    raise UnsafeResultError(f"fixes did not settle after {MAX_PASSES} passes (rules: {', '.join(names)})")


def _non_overlapping(
    diagnostics: Iterable[Diagnostic], *, unsafe: bool, allowed: frozenset[str] | None = None
) -> tuple[list[Diagnostic], list[Edit]]:
    """Fixes that can go in together: a finding's edits all or none, the first by position winning overlaps."""
    chosen: list[Diagnostic] = []
    taken = _Taken()
    edits: list[Edit] = []
    for diagnostic in diagnostics:
        fix_ = diagnostic.fix
        if fix_ is None or (not fix_.safe and not unsafe) or not fix_.edits:
            continue
        if allowed is not None and diagnostic.code not in allowed:
            continue
        spans = [(edit.start, edit.end) for edit in fix_.edits]
        if any(taken.overlaps(span) for span in spans):
            continue
        chosen.append(diagnostic)
        for span in spans:
            taken.add(span)
        edits.extend(fix_.edits)
    return chosen, edits


class _Taken:
    """Spans already claimed by chosen fixes, sorted; a query looks only at its neighbours, not at every span."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, span: tuple[int, int]) -> None:
        insort(self.spans, span)

    def overlaps(self, span: tuple[int, int]) -> bool:
        # Claimed spans do not overlap each other, so sorted by start they are sorted by end too: walk left from
        # the last span starting at or before this one's end until spans end before this one starts.
        index = bisect_right(self.spans, (span[1], sys.maxsize))
        while index > 0:
            index -= 1
            other = self.spans[index]
            if other[1] < span[0]:
                return False
            if _overlaps(span, other):
                return True
        return False


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a == b:
        return True
    return (a[0] < b[1] and b[0] < a[1]) or (a[0] == a[1] == b[0] == b[1])


def _words(text: str) -> Counter[str]:
    """Runs of letters and digits: an edit inside a URL or a word accounts for exactly the words it touches."""
    return Counter(_WORD.findall(text))


def _removed_words(old: str, new: str) -> Counter[str]:
    return _words(old) - _words(new)


def _check(
    original: str,
    result: FixResult,
    config: Settings | None,
    *,
    unsafe: bool,
    path: str,
    split: bool,
    allowed: frozenset[str] | None = None,
) -> None:
    from .build import parse

    rules = ", ".join(sorted({item.rule for item in result.applied}))
    again = _fix_passes(result.text, config, unsafe=unsafe, path=path, split=split, allowed=allowed)
    if again.applied:
        more = ", ".join(sorted({item.rule for item in again.applied}))
        raise UnsafeResultError(f"a second fix pass still changed the text (rules: {more})")
    lost = _words(original) - _words(result.text) - result.removed
    if lost:
        sample = ", ".join(repr(word) for word in list(lost)[:3])
        raise UnsafeResultError(f"fixes by {rules} would lose text ({sample})")
    # Entries are matched by the words of their titles, less the words a fix removed on purpose (a citation
    # marker inside a title goes, and the entry is still there). An entry whose title has no word left (`- []()`
    # in broken nesting, found by fuzzing) names nothing to lose; the word check above covers its text.
    original_titles = [entry.title for entry in parse(original).entries()]
    titles = {_title_key(title, result.removed): title for title in original_titles}
    before = Counter(key for key in (_title_key(title, result.removed) for title in original_titles) if key)
    after = Counter(
        key for key in (_title_key(entry.title, result.removed) for entry in parse(result.text).entries()) if key
    )
    if before - after:
        title = titles[next(iter(before - after))]
        raise UnsafeResultError(f"fixes by {rules} would lose the entry {title!r}")


def _title_key(title: str, removed: Counter[str]) -> tuple[str, ...]:
    return tuple(word for word in _WORD.findall(title) if word not in removed)

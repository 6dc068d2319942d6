"""Run the selected rules over one text: diagnostics with positions, severities and inline suppressions."""

from __future__ import annotations

import gc
import re
from typing import Any

from .build import parse_source
from .codelines import code_lines
from .config import Settings
from .mask import mask_code_spans
from .model import Document
from .record import Record, replace
from .registry import Context, Finding, Fix, Rule, Severity, all_rules, find_rule, offline_rules, select
from .source import Source

INTERNAL_ERROR = ("AL000", "internal-error")
UNUSED_SUPPRESSION = ("AL001", "unused-suppression")

_SUPPRESSION = re.compile(r"<!--\s*awesome-lint-(disable-next-line|disable|enable)\b(.*?)-->", re.DOTALL)


class Diagnostic(Record, frozen=True, kw_only=True):
    """One finding, placed: 1-based line and column (code points), rule code and name, and its fix if any."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    file_wide: bool = False

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def model_copy(self, *, update: dict[str, Any]) -> Diagnostic:
        """A copy with some fields changed (the name pydantic models use for this)."""
        return replace(self, **update)


class LintResult(Record, frozen=True):
    document: Document
    source: Source
    diagnostics: list[Diagnostic]


# From this many characters on, `run(..., split=True)` shares the rules between two processes; below it the
# rules take under about 30 ms and a fork costs more than it saves.
SPLIT_CHARS = 256 * 1024


def lint(text: str, settings: Settings | None = None, path: str = "-") -> list[Diagnostic]:
    """Check a text and return its diagnostics, sorted by position."""
    return run(Source.from_text(text), settings, path).diagnostics


def run(source: Source, settings: Settings | None = None, path: str = "-", *, split: bool = False) -> LintResult:
    """Parse and check one source: its tree, and its diagnostics sorted by position.

    `split`: a large text's rules run on two cores, in a forked child and here (split.py); the command line
    asks for it when it checks one file at a time. Library callers may have threads, so it is off by default.
    """
    # The tree and what the rules make of it hold no reference cycles, yet with the cyclic collector on, a
    # large list (10 MB) spent a quarter of its check in full collections that freed nothing (parse_source
    # does the same for the build). Reference counting still frees everything; the collector is restored.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(source, settings, path, split)
    finally:
        if enabled:
            gc.enable()


def unsuppressed(source: Source, document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that no `awesome-lint-disable` comment in the source hides: for `awesome-lint links`,
    whose two rules run outside `run`. The comments work there as they do for `check`."""
    suppressions = _Suppressions(source, code_lines(document))
    return [d for d in diagnostics if not suppressions.hides(d)]


def _run(source: Source, settings: Settings | None, path: str, split: bool) -> LintResult:
    config = settings or Settings()
    document = parse_source(source)
    rules = select(offline_rules(), config.select, config.ignore)
    checks = [item for item in rules if item.code not in (INTERNAL_ERROR[0], UNUSED_SUPPRESSION[0])]

    def check(item: Rule) -> list[Diagnostic]:
        context = Context(document=document, source=source, options=config.options_for(item), settings=config)
        try:
            findings = list(item.run(context))
        except Exception as error:
            return [_internal_error(item, error, path)]
        severity = config.severity_for(item)
        return [_place(source, finding, item, severity, path) for finding in findings]

    if split and len(source.text) >= SPLIT_CHARS and len(checks) > 1:
        from .split import available, run_rules

        per_rule = run_rules(checks, check) if available() else [check(item) for item in checks]
    else:
        per_rule = [check(item) for item in checks]
    diagnostics = [d for found in per_rule for d in found]
    suppressions = _Suppressions(source, code_lines(document))
    kept = [d for d in diagnostics if d.code == INTERNAL_ERROR[0] or not suppressions.hides(d)]
    if any(item.code == UNUSED_SUPPRESSION[0] for item in rules):
        unused = find_rule(UNUSED_SUPPRESSION[1])
        assert unused is not None
        severity = config.severity_for(unused)
        elsewhere = frozenset(name for item in all_rules() if item.network for name in (item.code, item.name))
        for start, end, message in suppressions.unused(elsewhere):
            kept.append(_place(source, Finding(start, end, message), unused, severity, path))
    kept.sort(key=Diagnostic.sort_key)
    return LintResult(document=document, source=source, diagnostics=kept)


def _place(source: Source, finding: Finding, item: Rule, severity: Severity, path: str) -> Diagnostic:
    line, column = source.position(finding.start)
    end_line, end_column = source.position(max(finding.start, finding.end))
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=item.code,
        rule=item.name,
        severity=severity,
        message=finding.message,
        fix=finding.fix,
        file_wide=finding.file_wide,
    )


def _internal_error(item: Rule, error: Exception, path: str) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code=INTERNAL_ERROR[0],
        rule=INTERNAL_ERROR[1],
        severity="error",
        message=(
            f"rule {item.code} {item.name} failed with {type(error).__name__}: {error}; this is a bug, please report it"
        ),
    )


class _Directive(Record):
    start: int
    end: int
    line: int
    names: frozenset[str]  # empty: every rule
    used: bool = False

    def covers(self, diagnostic: Diagnostic) -> bool:
        return not self.names or diagnostic.rule in self.names or diagnostic.code in self.names


def _in_code_span(line: str, column: int) -> bool:
    """Whether the character at `column` of `line` is inside a code span (masking blanks it out)."""
    return "`" in line and mask_code_spans(line)[column] != line[column]


class _Suppressions:
    """`<!-- awesome-lint-disable-next-line NAME -->`, and `disable NAME` ... `enable NAME` ranges."""

    def __init__(self, source: Source, code: frozenset[int] = frozenset()) -> None:
        self.next_line: list[_Directive] = []
        self.ranges: list[tuple[_Directive, int]] = []  # (disable directive, last line it covers)
        open_ranges: list[_Directive] = []
        text = source.text
        if "awesome-lint-" not in text:
            return
        last_line = len(source.lines)
        for match in _SUPPRESSION.finditer(text):
            kind = match.group(1)
            names = frozenset(name.strip() for name in re.split(r"[,\s]+", match.group(2)) if name.strip())
            line, column = source.position(match.start())
            if line - 1 in code or _in_code_span(source.line_text(line - 1), column - 1):
                continue  # an example of a suppression, shown as code, suppresses nothing
            directive = _Directive(match.start(), match.end(), line, names)
            if kind == "disable-next-line":
                self.next_line.append(directive)
            elif kind == "disable":
                open_ranges.append(directive)
            else:
                for opened in [d for d in open_ranges if not names or d.names & names or not d.names]:
                    self.ranges.append((opened, line))
                    open_ranges.remove(opened)
        self.ranges.extend((opened, last_line) for opened in open_ranges)

    def hides(self, diagnostic: Diagnostic) -> bool:
        hidden = False
        for directive in self.next_line:
            if directive.line + 1 == diagnostic.line and directive.covers(diagnostic):
                directive.used = hidden = True
        for directive, last in self.ranges:
            if directive.line <= diagnostic.line <= last and directive.covers(diagnostic):
                directive.used = hidden = True
        return hidden

    def unused(self, elsewhere: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
        """Directives that hid nothing; names in `elsewhere` (the link rules, which `links` checks) are left out,
        and a directive that names only those is not reported."""
        found = []
        for directive in [*self.next_line, *(d for d, _ in self.ranges)]:
            named = directive.names - elsewhere
            if not directive.used and (named or not directive.names):
                what = ", ".join(sorted(named)) or "all rules"
                found.append((directive.start, directive.end, f"suppression of {what} matches no finding; remove it"))
        return sorted(found)

"""Formatters: diagnostics as text, JSON, GitHub workflow commands, or SARIF 2.1.0."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import __version__
from .engine import Diagnostic
from .registry import Rule

FORMATS = ("text", "json", "github", "sarif")
JSON_KEYS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "rule",
    "severity",
    "message",
    "fixable",
)


def text_line(diagnostic: Diagnostic) -> str:
    """`README.md:110:1: AL102 [html-block-swallows-markdown] message [*]`."""
    mark = " [*]" if diagnostic.fixable else ""
    return (
        f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: "
        f"{diagnostic.code} [{diagnostic.rule}] {diagnostic.message}{mark}"
    )


def summary_line(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    fixable = sum(1 for d in diagnostics if d.fixable)
    checked = f"{files} file{'s' if files != 1 else ''}"
    if not diagnostics:
        return f"All good: no findings in {checked}."
    found = f"Found {len(diagnostics)} finding{'s' if len(diagnostics) != 1 else ''}"
    detail = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    tail = f"; {fixable} fixable with --fix" if fixable else ""
    return f"{found} ({detail}) in {checked}{tail}."


def as_text(diagnostics: Sequence[Diagnostic], files: int) -> str:
    return "".join(text_line(d) + "\n" for d in diagnostics) + summary_line(diagnostics, files) + "\n"


def as_statistics(diagnostics: Sequence[Diagnostic], files: int, *, json: bool = False) -> str:
    """One row a rule, most findings first: `  582  AL101  unclosed-html-tag  [*]` and the summary line; or, as
    JSON, a list of {code, rule, count, fixable} ("fixable": how many of them --fix can repair)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for d in diagnostics:
        row = counts.setdefault((d.code, d.rule), [0, 0])
        row[0] += 1
        row[1] += d.fixable
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[0][0]))
    if json:
        import json as encoder

        rows = [{"code": code, "rule": rule, "count": n, "fixable": fixable} for (code, rule), (n, fixable) in ordered]
        return encoder.dumps(rows, indent=2) + "\n"
    width = len(str(ordered[0][1][0])) if ordered else 1
    names = max((len(rule) for (_, rule) in counts), default=0)
    lines = [
        f"{n:>{width}}  {code}  {rule:<{names}}{'  [*]' if fixable else ''}".rstrip()
        for (code, rule), (n, fixable) in ordered
    ]
    return "".join(line + "\n" for line in lines) + summary_line(diagnostics, files) + "\n"


def as_json(diagnostics: Sequence[Diagnostic]) -> str:
    rows = [{**{key: getattr(d, key) for key in JSON_KEYS}} for d in diagnostics]
    import json

    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands; they become annotations on the pull request's changed lines."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity == "error" else "warning"
        properties = ",".join(
            [
                f"file={_escape_property(d.path)}",
                f"line={d.line}",
                f"col={d.column}",
                f"endLine={d.end_line}",
                f"title={_escape_property(f'{d.code} {d.rule}')}",
            ]
        )
        lines.append(f"::{level} {properties}::{_escape_data(d.message)}\n")
    return "".join(lines)


def as_sarif(diagnostics: Sequence[Diagnostic], rules: Sequence[Rule]) -> str:
    """A SARIF 2.1.0 log with one run, every rule's metadata, and one result per diagnostic."""
    index = {item.code: position for position, item in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for d in diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": "error" if d.severity == "error" else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.path.replace("\\", "/")},
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": max(d.end_column, 1),
                        },
                    }
                }
            ],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesome-lint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/awesome-lint/",
                        "rules": [_sarif_rule(item) for item in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    import json

    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(item: Rule) -> dict[str, Any]:
    return {
        "id": item.code,
        "name": item.name,
        "shortDescription": {"text": item.summary},
        "fullDescription": {"text": item.doc or item.summary},
        "help": {"text": item.doc or item.summary, "markdown": item.doc or item.summary},
        "defaultConfiguration": {"level": "error" if item.severity == "error" else "warning"},
        "properties": {"fixable": item.fixable},
    }

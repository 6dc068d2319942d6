"""Outcomes placed on their links: `dead-link` (AL501) and `redirected-link` (AL502) diagnostics, and the
grouped text report.

A broken link is an error (or what `severity` configures); a link that timed out or stayed rate-limited is a
warning, since it may answer on the next run. A permanent redirect carries the edit that writes its new URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..engine import Diagnostic
from ..record import Record
from ..registry import Edit, Fix, Rule, Severity
from ..report import text_line
from .extract import LinkRef
from .outcome import Outcome, Status

# The order of the groups in the text report, and their headings.
GROUPS: tuple[tuple[Status, str], ...] = (
    ("broken", "Broken"),
    ("timeout", "Timed out"),
    ("rate-limited", "Rate-limited"),
    ("redirected", "Redirected"),
    ("ok", "OK"),
)
_VERBS: dict[Status, str] = {"broken": "is dead", "timeout": "timed out", "rate-limited": "is rate-limited"}


class Checked(Record, frozen=True):
    """One occurrence of a link in a file, and what its URL came to."""

    path: str
    link: LinkRef
    outcome: Outcome


def diagnostic(item: Checked, dead: Rule, redirected: Rule, severity: Callable[[Rule], Severity]) -> Diagnostic | None:
    """The finding for one occurrence, or None when its link is fine."""
    outcome, link = item.outcome, item.link
    status = outcome.status
    if status == "ok":
        return None
    fix = None
    if status == "redirected":
        rule, level = redirected, severity(redirected)
        message = _redirect_message(outcome)
        if outcome.fix_url is not None and link.exact:
            fix = Fix(f"Replace the URL with {outcome.fix_url}", (Edit(link.start, link.end, outcome.fix_url),))
    else:
        rule = dead
        level = severity(dead) if status == "broken" else "warning"
        message = f"{outcome.url} {_VERBS[status]}: {outcome.detail}"
    return Diagnostic(
        path=item.path,
        line=link.line,
        column=link.column,
        end_line=link.line,
        end_column=link.column + (link.end - link.start),
        code=rule.code,
        rule=rule.name,
        severity=level,
        message=message,
        fix=fix,
    )


def _redirect_message(outcome: Outcome) -> str:
    kind = "permanently " if outcome.fix_url == outcome.final_url else ""
    text = f"{outcome.url} redirects {kind}({outcome.redirect_code}) to {outcome.final_url}"
    if outcome.fix_url is not None and outcome.fix_url != outcome.final_url:
        text += f"; it moved permanently to {outcome.fix_url}"
    return text


def grouped_text(
    checked: Sequence[Checked],
    diagnostics: dict[int, Diagnostic],
    *,
    show_ok: bool,
    files: int,
    ignored: int,
    suppressed: int = 0,
) -> str:
    """The text report: one group a status (problems first), each link with its line and column, then totals.

    `diagnostics` maps an index into `checked` to its finding (those neither the configuration ignores nor a
    comment suppresses); `suppressed` counts the findings the comments hid.
    """
    lines: list[str] = []
    for status, heading in GROUPS:
        if status == "ok" and not show_ok:
            continue
        rows = [
            text_line(diagnostics[index])
            if index in diagnostics
            else f"{item.path}:{item.link.line}:{item.link.column}: {status} {item.outcome.url}"
            for index, item in enumerate(checked)
            if item.outcome.status == status and (index in diagnostics or status == "ok")
        ]
        if rows:
            lines.append(f"{heading} ({len(rows)}):")
            lines.extend(rows)
    lines.append(summary(checked, files=files, ignored=ignored, suppressed=suppressed))
    return "".join(line + "\n" for line in lines)


def summary(checked: Sequence[Checked], *, files: int, ignored: int, suppressed: int = 0) -> str:
    """`Checked 12 links (10 URLs) in 1 file: 8 ok, 1 redirected, 2 broken, 1 timed out, 0 rate-limited.`"""
    counts = Counter(item.outcome.status for item in checked)
    urls = {item.outcome.url: item.outcome.cached for item in checked}
    parts = [
        f"{counts['ok']} ok",
        f"{counts['redirected']} redirected",
        f"{counts['broken']} broken",
        f"{counts['timeout']} timed out",
        f"{counts['rate-limited']} rate-limited",
    ]
    head = f"Checked {_plural(len(checked), 'link')} ({_plural(len(urls), 'URL')}) in {_plural(files, 'file')}"
    tail = []
    cached = sum(urls.values())
    if cached:
        tail.append(f"{cached} from the cache")
    if ignored:
        tail.append(f"{ignored} ignored")
    if suppressed:
        tail.append(f"{_plural(suppressed, 'finding')} suppressed")
    return f"{head}: {', '.join(parts)}{'; ' + ', '.join(tail) if tail else ''}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"

"""Canonical layout of one paper entry (DESIGN.md, "Normalised output"), rendered from the typed entry.

The layout: the `<details>` line, the `<summary>` line, one blank line, the title bullet at column 0, then
sub-bullets at two spaces (authors, fields in schema order, lines not understood, the Digest last, its text
at four spaces and its `</details>` at two), and `</details>` at column 0. Lines are only moved and
re-indented, never joined or split; white space at line ends is kept (trailing white space is another
rule's business); every line ends with the entry's own line ending.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from .model import Entry
from .record import Record
from .scan import LIST_MARKER, indent_of
from .source import split_lines

_SUMMARY_CLOSE = re.compile(r"</summary\s*>", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)

PartKind = Literal["authors", "field", "other", "digest"]


class Part(Record, frozen=True):
    """A sub-bullet of the entry: lines [first, last) of the entry (0-based, trailing blank lines dropped)."""

    kind: PartKind
    label: str
    first: int
    last: int


class DigestLayout(Record, frozen=True):
    """The Digest sub-bullet taken apart: its opening tags, its text lines, its closing tag."""

    opener: str
    body: tuple[str, ...]
    body_indent: int
    close: str
    close_indent: int
    inline_text: bool


class Layout(Record, frozen=True):
    """Where each piece of an entry is, as written; `None` from `read_layout` when a line is unaccounted for."""

    lines: tuple[str, ...]
    eol: str
    final: str
    tag_line: str
    summary_line: str
    summary_on_tag_line: bool
    blanks_after_summary: int
    head: tuple[int, int]
    parts: tuple[Part, ...]
    inner_blanks: int
    close: int
    digest: DigestLayout | None

    def indent(self, index: int) -> int:
        return indent_of(self.lines[index])


def marker(line: str) -> str:
    """The list marker a line starts with (`-`, `*`, `1.`), or "" when it is not a list item."""
    found = LIST_MARKER.match(line)
    return found.group().strip(" \t") if found else ""


def canonical_entry(entry: Entry, field_order: Sequence[str] = ()) -> str | None:
    """The entry's text in the canonical layout, or None when the entry is not a laid-out paper entry."""
    layout = read_layout(entry)
    return None if layout is None else render(layout, field_order)


def ordered_parts(parts: Sequence[Part], field_order: Sequence[str]) -> list[Part]:
    """Authors, fields in schema order (others after them, as written), other lines, the Digest."""
    rank: dict[str, int] = {}
    for position, label in enumerate(field_order):
        rank.setdefault(label.casefold(), position)
    fields = [part for part in parts if part.kind == "field"]
    known = sorted((p for p in fields if p.label.casefold() in rank), key=lambda p: rank[p.label.casefold()])
    unknown = [p for p in fields if p.label.casefold() not in rank]
    by_kind = {kind: [p for p in parts if p.kind == kind] for kind in ("authors", "other", "digest")}
    return [*by_kind["authors"], *known, *unknown, *by_kind["other"], *by_kind["digest"]]


def render(layout: Layout, field_order: Sequence[str] = ()) -> str:
    lines = layout.lines
    out = [layout.tag_line, layout.summary_line, ""]
    out.extend(_item(lines, *layout.head, "- ", 2))
    for part in ordered_parts(layout.parts, field_order):
        if part.kind == "digest" and layout.digest is not None:
            digest = layout.digest
            out.append("  - " + digest.opener)
            out.extend(_reindent(digest.body, 4))
            out.append("  " + digest.close)
        else:
            out.extend(_item(lines, part.first, part.last, "  - ", 4))
    out.append(lines[layout.close].lstrip(" \t"))
    return layout.eol.join(out) + layout.final


def read_layout(entry: Entry) -> Layout | None:
    """Take a `<details>` paper entry apart into its lines; None when it is not one or holds lines we do not know."""
    summary, bullet = entry.summary, entry.bullet
    if entry.kind != "details" or summary is None or bullet is None or entry.unclosed:
        return None
    if entry.digest is not None and not entry.digest.closed:
        return None
    table = split_lines(entry.text)
    lines = tuple(entry.text[line.start : line.end] for line in table)
    close = len(lines) - 1
    if close < 2 or lines[close].strip(" \t").lower() != "</details>":
        return None
    base, top = entry.span.start, entry.line
    s_line, s_start, s_end = summary.line - top, summary.span.start - base, summary.span.end - base
    if summary.span.end_line != summary.line or not 0 <= s_line < close:
        return None
    tag = entry.text[:s_start].rstrip()
    after_summary = entry.text[s_end : table[s_line].end]
    if "\n" in tag or "\r" in tag or after_summary.strip(" \t"):
        return None
    on_tag_line = s_line == 0
    summary_line = lines[0][s_start:] if on_tag_line else lines[s_line].lstrip(" \t")
    head_first = bullet.line - top
    head = (head_first, _trim(lines, head_first, bullet.span.end_line - top + 1))
    parts = _parts(entry, lines, top)
    if parts is None or not s_line < head_first < close or LIST_MARKER.match(lines[head_first]) is None:
        return None
    ranges = [head, *((part.first, part.last) for part in parts)]
    covered = set(range(s_line + 1))
    covered.add(close)
    for first, last in ranges:
        if first < 0 or last > close or covered.intersection(range(first, last)):
            return None
        covered.update(range(first, last))
    loose = [i for i in range(close) if i not in covered]
    if any(lines[i].strip(" \t") for i in loose):
        return None
    digest_part = next((part for part in parts if part.kind == "digest"), None)
    digest = _digest(lines, digest_part) if digest_part else None
    if digest_part is not None and digest is None:
        return None
    eol = entry.text[table[0].end : table[0].stop] or "\n"
    return Layout(
        lines=lines,
        eol=eol,
        final=entry.text[table[close].end : table[close].stop],
        tag_line=tag if on_tag_line else lines[0],
        summary_line=summary_line,
        summary_on_tag_line=on_tag_line,
        blanks_after_summary=head_first - s_line - 1,
        head=head,
        parts=tuple(parts),
        inner_blanks=sum(1 for i in loose if i > head_first),
        close=close,
        digest=digest,
    )


def _parts(entry: Entry, lines: tuple[str, ...], top: int) -> list[Part] | None:
    found: list[tuple[PartKind, str, int, int]] = []
    if entry.authors is not None:
        found.append(("authors", "", entry.authors.line, entry.authors.span.end_line))
    found.extend(("field", item.label, item.line, item.span.end_line) for item in entry.fields)
    found.extend(("other", "", item.line, item.span.end_line) for item in entry.other)
    if entry.digest is not None:
        found.append(("digest", "", entry.digest.line, entry.digest.span.end_line))
    parts: list[Part] = []
    for kind, label, line, end_line in sorted(found, key=lambda item: item[2]):
        first = line - top
        if not 0 <= first < len(lines) or LIST_MARKER.match(lines[first]) is None:
            return None
        parts.append(Part(kind, label, first, _trim(lines, first, min(end_line - top + 1, len(lines)))))
    return parts


def _trim(lines: tuple[str, ...], first: int, last: int) -> int:
    """`last` moved up past blank lines, keeping at least the first line."""
    while last - 1 > first and not lines[last - 1].strip(" \t"):
        last -= 1
    return max(last, first + 1)


def _item(lines: tuple[str, ...], first: int, last: int, prefix: str, indent: int) -> list[str]:
    marker = LIST_MARKER.match(lines[first])
    rest = lines[first][marker.end() :] if marker else lines[first].lstrip(" \t")
    return [prefix + rest if rest else prefix.rstrip(), *_reindent(lines[first + 1 : last], indent)]


def _reindent(lines: Sequence[str], indent: int) -> list[str]:
    """Lines moved so the least indented one starts at `indent`; relative indentation kept, blank lines emptied."""
    widths = [indent_of(line) for line in lines if line.strip(" \t")]
    least = min(widths, default=0)
    return [
        " " * (indent + indent_of(line) - least) + line.lstrip(" \t") if line.strip(" \t") else "" for line in lines
    ]


def _digest(lines: tuple[str, ...], part: Part) -> DigestLayout | None:
    marker = LIST_MARKER.match(lines[part.first])
    first = lines[part.first][marker.end() :] if marker else ""
    opener_end = _SUMMARY_CLOSE.search(first)
    if opener_end is None:
        return None
    opener, after = first[: opener_end.end()], first[opener_end.end() :].strip(" \t")
    rest = list(lines[part.first + 1 : part.last])
    source = rest if rest else [after]
    closes = list(_DETAILS_CLOSE.finditer(source[-1]))
    if not closes or source[-1][closes[-1].end() :].strip(" \t"):
        return None
    tag = closes[-1]
    before = source[-1][: tag.start()].rstrip(" \t")
    close = source[-1][tag.start() :]
    close_indent = indent_of(source[-1])
    if rest:
        body = [*rest[:-1], before] if before.strip(" \t") else rest[:-1]
        inline = bool(after) or bool(before.strip(" \t"))
        leading = [after] if after else []
    else:
        body, inline, leading = [], True, [before.strip(" \t")] if before.strip(" \t") else []
    widths = [indent_of(line) for line in body if line.strip(" \t")]
    body_indent = min(widths, default=4)
    # Text written on the opener line has no indentation of its own: it goes at the body's indentation.
    placed = [" " * body_indent + text for text in leading] + body
    return DigestLayout(
        opener=opener,
        body=tuple(placed),
        body_indent=body_indent,
        close=close,
        close_indent=close_indent,
        inline_text=inline,
    )

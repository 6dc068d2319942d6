"""Blocks to the typed tree: sections by heading level; entries, groups and raw blocks inside them."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from html import unescape
from typing import Any

from .inline import InlineLink, html_text, plain_text, split_links
from .mask import mask_markup_free
from .model import (
    Block,
    Digest,
    Document,
    Entry,
    EntryField,
    Group,
    Heading,
    Link,
    Raw,
    Section,
    Span,
    Summary,
    TextPart,
)
from .record import Record, field
from .scan import LIST_MARKER, indent_of, scan
from .scan import Block as ScanBlock
from .slug import Slugger
from .source import Source
from .toc import is_toc_title

_ATX_TEXT = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_FIELD = re.compile(r"([^\W\d_][\w&'/.+\- ]{0,38}?)[ \t]*[:：](?:[ \t]+(.*)|$)")
_SUMMARY_YEAR = re.compile(r"[(\[]((?:1[89]|2[0-9])\d{2})[)\]]\s*$")
_GROUP_YEAR = re.compile(r"(.*?)[:：]\s*(\d{4})\s*$")
_TEXT_YEAR = re.compile(r"\((\d{4})\)")
_OPEN_ATTR = re.compile(r"\sopen(?:[\s=>/]|$)", re.IGNORECASE)
# `<details>` nested deeper than this stays one raw block: real lists nest two or three levels, and each level
# re-scans its inside, so a bound keeps time linear and recursion shallow (20,000 levels hit RecursionError).
MAX_DETAILS_DEPTH = 8


def parse(text: str) -> Document:
    """Parse a whole document; never raises for any string."""
    return parse_source(Source.from_text(text))


def parse_source(source: Source) -> Document:
    """Parse an already decoded source (the linter shares its line table with the rules)."""
    # The tree is acyclic, but building many thousand nodes triggers the cyclic collector again and again,
    # which made parse time grow faster than the input (measured: 1.9x per unit at 40x a 500 KB list).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(source).document()
    finally:
        if enabled:
            gc.enable()


class _Open(Record):
    """A section being filled while the blocks are read."""

    heading: Heading
    body: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def close(self) -> Section:
        return Section(heading=self.heading, body=self.body, sections=self.sections)


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.text = source.text
        self.slugger = Slugger()

    def document(self) -> Document:
        preamble: list[Block] = []
        top: list[Section] = []
        stack: list[_Open] = []
        for block in scan(self.source):
            if block.kind == "heading":
                heading = self._heading(block)
                while stack and stack[-1].heading.level >= heading.level:
                    self._close(stack, top)
                stack.append(_Open(heading))
                continue
            context = stack[-1].heading if stack else None
            node = self._block(block, context)
            (stack[-1].body if stack else preamble).append(node)
        while stack:
            self._close(stack, top)
        return Document(bom=self.source.bom, preamble=preamble, sections=top)

    @staticmethod
    def _close(stack: list[_Open], top: list[Section]) -> None:
        section = stack.pop().close()
        (stack[-1].sections if stack else top).append(section)

    # -- positions -------------------------------------------------------------------------------------

    def _span(self, start: int, end: int) -> Span:
        line, _ = self.source.position(start)
        end_line, _ = self.source.position(max(start, end - 1))
        return Span(start=start, end=end, line=line, end_line=end_line)

    def _span_on(self, start: int, end: int, first: int, last: int) -> Span:
        """`_span` where the offsets are known to lie on lines `first` and `last` (0-based): no search needed.

        The guess is checked against the line table; a wrong one falls back to the search."""
        lines = self.source.lines
        probe = max(start, end - 1)
        if lines[first].start <= start < lines[first].stop and lines[last].start <= probe < lines[last].stop:
            return Span(start=start, end=end, line=first + 1, end_line=last + 1)
        return self._span(start, end)

    def _lines_span(self, first: int, last: int) -> Span:
        """Span of lines [first, last), line endings included."""
        lines = self.source.lines
        return Span(start=lines[first].start, end=lines[last - 1].stop, line=first + 1, end_line=last)

    def _slice(self, first: int, last: int) -> str:
        lines = self.source.lines
        return self.text[lines[first].start : lines[last - 1].stop]

    # -- blocks ----------------------------------------------------------------------------------------

    def _heading(self, block: ScanBlock) -> Heading:
        if block.end - block.start == 1 and _ATX_TEXT.match(self.source.line_text(block.start)):
            raw = _ATX_TEXT.sub("", self.source.line_text(block.start), count=1)
            raw = _ATX_CLOSE.sub("", raw).strip(" \t")
            setext = False
        else:
            raw = " ".join(self.source.line_text(i).strip() for i in range(block.start, block.end - 1))
            setext = True
        text = plain_text(raw)
        return Heading(
            level=block.level,
            title=text.strip(),
            # GitHub slugs the heading's text as rendered (entities decoded), trimmed: GitHub's documentation
            # says leading and trailing whitespace are removed, so a trailing badge leaves no hyphen.
            anchor=self.slugger.slug(unescape(text).strip()),
            setext=setext,
            line=block.start + 1,
            span=self._lines_span(block.start, block.end),
            text=self._slice(block.start, block.end),
        )

    def _raw(self, block: ScanBlock) -> Raw:
        return Raw(
            kind=block.kind,
            unclosed=block.unclosed,
            line=block.start + 1,
            span=self._lines_span(block.start, block.end),
            text=self._slice(block.start, block.end),
        )

    def _block(self, block: ScanBlock, context: Heading | None) -> Block:
        if block.kind == "details":
            return self._details(block, context)
        if block.kind == "item" and not (context and is_toc_title(context.title)):
            entry = self._item(block.start, block.end, _section_year(context))
            if entry is not None:
                return entry
        return self._raw(block)

    # -- list items ------------------------------------------------------------------------------------

    def _item(self, first: int, last: int, year: tuple[int, int] | None) -> Entry | None:
        """An entry from the list item on lines [first, last), or None when it holds no link."""
        line_text = self.source.line_text
        marker = LIST_MARKER.match(line_text(first))
        if marker is None:
            return None
        marker_indent = indent_of(marker.group(1))
        children = _children(line_text, first, last, marker_indent)
        head_last = children[0][0] if children else last
        head_lines = [line_text(first)[marker.end() :]] + [line_text(i).strip() for i in range(first + 1, head_last)]
        head = "\n".join(head_lines).strip()
        inline = split_links(head)
        links = [link for link in inline.links if not link.url.startswith("#")]
        if not links:
            return None
        if inline.first_is_link:
            title = links[0].label
            description = inline.after_first.strip().lstrip("-–—:").strip() or None
        else:
            title = inline.before.strip().rstrip(".").strip()
            description = None
        head_span = self._span_on(
            self.source.lines[first].start, self.source.lines[head_last - 1].end, first, head_last - 1
        )
        authors: TextPart | None = None
        fields: list[EntryField] = []
        digest: Digest | None = None
        other: list[TextPart] = []
        for index, (child_first, child_last) in enumerate(children):
            part = self._child(child_first, child_last)
            text = part.text
            field_match = _FIELD.fullmatch(text) if "\n" not in text else None
            if text[:8].lower() == "<details":
                digest = digest or self._digest(part)
            elif field_match and field_match.group(1).strip().lower() in ("authors", "author"):
                authors = authors or part
            elif field_match:
                fields.append(
                    EntryField(
                        label=field_match.group(1).strip(),
                        value=(field_match.group(2) or "").strip(),
                        line=part.line,
                        span=part.span,
                    )
                )
            elif index == 0 and authors is None:
                authors = part
            else:
                other.append(part)
        if year is None:
            found = _TEXT_YEAR.search(head)
            year = (int(found.group(1)), first + 1) if found else None
        return Entry(
            kind="bullet",
            title=title,
            title_line=first + 1,
            year=year[0] if year else None,
            year_line=year[1] if year else None,
            summary=None,
            bullet=TextPart(text=head, line=first + 1, span=head_span),
            links=self._links(links, head_span),
            authors=authors,
            fields=fields,
            digest=digest,
            description=description,
            other=other,
            open=False,
            unclosed=False,
            line=first + 1,
            span=self._lines_span(first, last),
            text=self._slice(first, last),
        )

    def _child(self, first: int, last: int) -> TextPart:
        """A sub-bullet as text without its marker; lines after the first keep their line breaks."""
        lines = self.source.lines
        first_text = self.source.line_text(first)
        marker = LIST_MARKER.match(first_text)
        offset = marker.end() if marker else indent_of(first_text)
        rest = [self.source.line_text(i).strip() for i in range(first + 1, last)]
        text = "\n".join([first_text[offset:].strip(), *rest]).strip()
        # Trailing blank lines belong to the list, not to the part.
        end_line = last
        while end_line - 1 > first and not self.source.line_text(end_line - 1).strip():
            end_line -= 1
        span = self._span_on(lines[first].start + offset, lines[end_line - 1].end, first, end_line - 1)
        return TextPart(text=text, line=first + 1, span=span)

    def _digest(self, part: TextPart) -> Digest:
        masked = mask_markup_free(part.text).lower()
        body_start = masked.find("</summary>")
        body_start = body_start + len("</summary>") if body_start >= 0 else masked.find(">") + 1
        close = masked.rfind("</details")
        closed = close >= body_start
        body = part.text[body_start : close if closed else len(part.text)]
        return Digest(text=" ".join(body.split()), line=part.line, closed=closed, span=part.span)

    def _links(self, links: list[InlineLink], head_span: Span) -> list[Link]:
        found: list[Link] = []
        cursor = head_span.start
        for link in links:
            at = self.text.find(link.url, cursor, head_span.end) if link.url else -1
            if at < 0:
                at = head_span.start
            else:
                cursor = at + len(link.url)
            line, column = self.source.position(at)
            found.append(Link(label=link.label, url=link.url, line=line, column=column))
        return found

    # -- details ---------------------------------------------------------------------------------------

    def _details(self, block: ScanBlock, context: Heading | None, depth: int = 1) -> Block:
        if depth > MAX_DETAILS_DEPTH:
            return self._raw(block)
        lines = self.source.lines
        start = lines[block.start].start
        block_text = self._slice(block.start, block.end)
        masked = mask_markup_free(block_text)
        lowered = masked.lower()
        tag_end = lowered.find(">")
        is_open = tag_end >= 0 and _OPEN_ATTR.search(masked[: tag_end + 1]) is not None
        summary = self._summary(block_text, lowered, max(tag_end + 1, 0), start)
        # Children start on the line after the summary (or after the opening tag when there is none).
        inner_first = summary.span.end_line if summary else block.start + 1
        inner_last = block.end
        if not block.unclosed and block.end - 1 >= inner_first:
            inner_last = block.end - 1
        inner_first = min(inner_first, inner_last)
        group_match = _GROUP_YEAR.fullmatch(summary.text.strip()) if summary else None
        group_year = (int(group_match.group(2)), summary.line) if group_match and summary else None
        year = group_year or ((summary.year, summary.line) if summary and summary.year else None)
        year = year or _section_year(context)
        children: list[Entry | Group | Raw] = []
        for inner in scan(self.source, inner_first, inner_last) if inner_first < inner_last else []:
            if inner.kind == "item":
                entry = self._item(inner.start, inner.end, year)
                children.append(entry if entry is not None else self._raw(inner))
            elif inner.kind == "details":
                children.append(self._details(inner, context, depth + 1))
            else:
                children.append(self._raw(inner))
        entries = [child for child in children if isinstance(child, Entry)]
        nested = [child for child in children if isinstance(child, Group)]
        common: dict[str, Any] = {
            "open": is_open,
            "unclosed": block.unclosed,
            "line": block.start + 1,
            "span": self._lines_span(block.start, block.end),
            "text": block_text,
        }
        if group_match is None and len(entries) == 1 and not nested and summary is not None:
            return self._paper(entries[0], summary, common)
        if entries or nested:
            label = group_match.group(1).strip() if group_match else (summary.text.strip() if summary else "")
            return Group(
                label=label,
                year=group_year[0] if group_year else None,
                summary=summary,
                children=children,
                **common,
            )
        if summary is not None and summary.year is not None:
            return Entry(
                kind="details",
                title=summary.title,
                title_line=summary.line,
                year=summary.year,
                year_line=summary.line,
                summary=summary,
                bullet=None,
                links=[],
                authors=None,
                fields=[],
                digest=None,
                description=None,
                other=[],
                **common,
            )
        return self._raw(block)

    @staticmethod
    def _paper(bullet: Entry, summary: Summary, common: dict[str, Any]) -> Entry:
        return Entry(
            kind="details",
            title=summary.title or bullet.title,
            title_line=summary.line,
            year=summary.year if summary.year is not None else bullet.year,
            year_line=summary.line if summary.year is not None else bullet.year_line,
            summary=summary,
            bullet=bullet.bullet,
            links=bullet.links,
            authors=bullet.authors,
            fields=bullet.fields,
            digest=bullet.digest,
            description=bullet.description,
            other=bullet.other,
            **common,
        )

    def _summary(self, block_text: str, lowered: str, after: int, base: int) -> Summary | None:
        at = after
        while at < len(lowered) and lowered[at] in " \t\r\n":
            at += 1
        if not lowered.startswith("<summary", at):
            return None
        open_end = lowered.find(">", at)
        close = lowered.find("</summary", open_end)
        if open_end < 0 or close < 0:
            return None
        close_end = lowered.find(">", close)
        close_end = close_end + 1 if close_end >= 0 else len(lowered)
        html = block_text[open_end + 1 : close].strip()
        text = " ".join(html_text(html).split())
        found = _SUMMARY_YEAR.search(text)
        year = int(found.group(1)) if found else None
        title = text[: found.start()].strip() if found else text
        span = self._span(base + at, base + close_end)
        return Summary(text=text, html=html, title=title, year=year, line=span.line, span=span)


def _section_year(heading: Heading | None) -> tuple[int, int] | None:
    """The year of a heading such as `Empirical Study: 2025` or `2024`, for the entries under it."""
    if heading is None:
        return None
    title = heading.title.strip()
    if len(title) == 4 and title.isdigit():
        return int(title), heading.line
    found = _GROUP_YEAR.fullmatch(title)
    return (int(found.group(2)), heading.line) if found else None


def _children(line_text: Callable[[int], str], first: int, last: int, marker_indent: int) -> list[tuple[int, int]]:
    """Line ranges of the direct sub-items of the item on lines [first, last)."""
    starts: list[int] = []
    child_indent = -1
    for i in range(first + 1, last):
        text = line_text(i)
        match = LIST_MARKER.match(text)
        if match is None:
            continue
        indent = indent_of(match.group(1))
        if indent <= marker_indent:
            continue
        if child_indent < 0 or indent <= child_indent + 1:
            child_indent = indent if child_indent < 0 else child_indent
            starts.append(i)
    return [(start, starts[k + 1] if k + 1 < len(starts) else last) for k, start in enumerate(starts)]

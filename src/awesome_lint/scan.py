"""The block scanner: cut the lines of a document into blocks that tile it exactly, in linear time.

Kinds: blank, heading (ATX or setext), fence, comment, details, html, item (one top-level list item with its
continuation), code (indented), text (paragraphs, tables, quotes, anything else).
"""

from __future__ import annotations

import re
from typing import Literal

from .mask import mask_markup_free
from .record import Record
from .source import Source

BlockKind = Literal["blank", "heading", "fence", "comment", "details", "html", "item", "code", "text"]

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# A list marker at any indent (the scanner's _ITEM allows at most 3 spaces: it finds top-level items only).
LIST_MARKER = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_DETAILS_OPEN = re.compile(r"<details(?=[\s>/]|$)", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
_HTML_START = re.compile(r" {0,3}<[A-Za-z/!?]")


class Block(Record, frozen=True):
    """Lines [start, end) of the document (0-based indices), of one kind."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    unclosed: bool = False


def indent_of(line: str) -> int:
    """Leading white space as columns (a tab advances to the next multiple of 4)."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def is_blank(line: str) -> bool:
    return not line.strip(" \t")


def atx_level(line: str) -> int:
    match = _ATX.match(line)
    return len(match.group(1)) if match else 0


def item_marker(line: str) -> tuple[int, int] | None:
    """(marker indent, content indent) of a list item line with at most 3 spaces before the marker."""
    match = _ITEM.match(line)
    if not match or _THEMATIC.match(line):
        return None
    marker_end = match.end(2)
    spacing = match.end(3) - marker_end
    content = marker_end + (1 if spacing == 0 or spacing > 4 else spacing)
    return len(match.group(1)), content


def is_details_start(line: str) -> bool:
    return line[:8].lower() == "<details" and _DETAILS_OPEN.match(line) is not None


class _Lines:
    """Per-line facts computed once: text, blank, indent, and the opaque regions (fences, comments)."""

    def __init__(self, text: list[str]) -> None:
        self.text = text
        self.count = len(text)
        self.blank = [is_blank(t) for t in self.text]
        # region_end[i] > i where an opaque region (fence or comment) starts at line i; opaque[i] marks all lines.
        self.region_end: dict[int, int] = {}
        self.region_kind: dict[int, BlockKind] = {}
        self.region_unclosed: set[int] = set()
        self.opaque = [False] * self.count
        self._find_regions()

    def _find_regions(self) -> None:
        i = 0
        text = self.text
        while i < self.count:
            line = text[i]
            fence = _FENCE.match(line)
            if fence and not (fence.group(1)[0] == "`" and "`" in line[fence.end() :]):
                end = self._fence_end(i, fence.group(1))
                self._mark(i, end, "fence", unclosed=end == self.count and not self._closes_fence(i, end))
                i = end
                continue
            stripped = line.lstrip(" ")
            if stripped.startswith("<!--") and len(line) - len(stripped) <= 3:
                end = i
                while end < self.count and "-->" not in (
                    text[end][line.index("<!--") + 4 :] if end == i else text[end]
                ):
                    end += 1
                unclosed = end == self.count
                self._mark(i, min(end + 1, self.count), "comment", unclosed=unclosed)
                i = min(end + 1, self.count)
                continue
            i += 1

    def _closes_fence(self, start: int, end: int) -> bool:
        return end - start >= 2 and self._is_closer(self.text[end - 1], _FENCE.match(self.text[start]))

    @staticmethod
    def _is_closer(line: str, opener: re.Match[str] | None) -> bool:
        if opener is None:
            return False
        mark = opener.group(1)
        stripped = line.strip(" \t")
        return len(stripped) >= len(mark) and set(stripped) == {mark[0]}

    def _fence_end(self, start: int, mark: str) -> int:
        stripped_mark = mark[0]
        for j in range(start + 1, self.count):
            stripped = self.text[j].strip(" \t")
            if len(stripped) >= len(mark) and stripped[0] == stripped_mark and set(stripped) == {stripped_mark}:
                return j + 1
        return self.count

    def _mark(self, start: int, end: int, kind: BlockKind, unclosed: bool) -> None:
        self.region_end[start] = end
        self.region_kind[start] = kind
        if unclosed:
            self.region_unclosed.add(start)
        for j in range(start, end):
            self.opaque[j] = True


class _DetailsExtents:
    """Where each column-0 `<details>` block ends, for every start at once, in linear time.

    Depth counts `<details>` and `</details>` on column-0 HTML lines outside code and comments (tags inside
    indented list items belong to those items, which the browser closes with the item). A block closes on the
    first line that brings the depth back to where it started, unless a heading at or above the enclosing
    section's level comes first; a block that does not close is cut before the next heading or the next
    column-0 `<details>`, and marked unclosed.
    """

    def __init__(self, lines: _Lines) -> None:
        count = lines.count
        self.lines = lines
        prefix = [0] * (count + 1)
        self.starts = [False] * count
        self.heading_level = [0] * count
        for i, line in enumerate(lines.text):
            delta = 0
            if not lines.opaque[i]:
                if line.startswith("<"):
                    masked = mask_markup_free(line)
                    delta = len(_DETAILS_OPEN.findall(masked)) - len(_DETAILS_CLOSE.findall(masked))
                    self.starts[i] = is_details_start(masked)
                elif line.lstrip(" ").startswith("#"):
                    self.heading_level[i] = atx_level(line)
            prefix[i + 1] = prefix[i] + delta
        self.prefix = prefix
        # The tables below are built on the first end(): most scans (the inside of a paper entry) have no
        # column-0 <details> to find the end of, and the builder scans every entry's inside.
        self.close_at: list[int] = []
        self.next_heading: dict[int, list[int]] = {}
        self.next_start: list[int] = []

    def _tables(self) -> None:
        count = self.lines.count
        prefix = self.prefix
        # close_at[i]: first line e >= i with prefix[e + 1] <= prefix[i] (next smaller-or-equal, monotonic stack).
        self.close_at = [count] * count
        stack: list[int] = []  # prefix indices, increasing values from bottom to top
        for j in range(count, -1, -1):
            while stack and prefix[stack[-1]] > prefix[j]:
                stack.pop()
            if j < count:
                self.close_at[j] = (stack[-1] - 1) if stack else count
            stack.append(j)
        self.next_start = [count] * (count + 1)
        for i in range(count - 1, -1, -1):
            self.next_start[i] = i if self.starts[i] else self.next_start[i + 1]

    def _headings(self, level: int) -> list[int]:
        """[i]: the first heading at or after line i with level <= `level`; built for a level when first asked."""
        if level not in self.next_heading:
            count = self.lines.count
            nxt = [count] * (count + 1)
            for i in range(count - 1, -1, -1):
                h = self.heading_level[i]
                nxt[i] = i if 0 < h <= level else nxt[i + 1]
            self.next_heading[level] = nxt
        return self.next_heading[level]

    def end(self, start: int, section_level: int) -> tuple[int, bool]:
        """(end line exclusive, unclosed) of the block that starts at `start`."""
        if not self.close_at:
            self._tables()
        close = self.close_at[start]
        barrier = self._headings(max(section_level, 1))[start + 1]
        if close < self.lines.count and close < barrier:
            return close + 1, False
        cut = min(self._headings(6)[start + 1], self.next_start[start + 1])
        return cut, True


def scan(source: Source, first: int = 0, last: int | None = None) -> list[Block]:
    """Cut lines [first, last) into blocks; consecutive blocks cover every line exactly once."""
    stop = len(source.lines) if last is None else last
    blocks = _scan(_Lines([source.line_text(i) for i in range(first, stop)]))
    if first:
        blocks = [Block(b.kind, b.start + first, b.end + first, b.level, b.unclosed) for b in blocks]
    return blocks


def _scan(lines: _Lines) -> list[Block]:
    details = _DetailsExtents(lines)
    blocks: list[Block] = []
    section_level = 0
    i = 0
    count = lines.count
    text = lines.text
    while i < count:
        line = text[i]
        if i in lines.region_end:
            end = lines.region_end[i]
            blocks.append(Block(lines.region_kind[i], i, end, unclosed=i in lines.region_unclosed))
            i = end
            continue
        if lines.blank[i]:
            end = i + 1
            while end < count and lines.blank[end] and end not in lines.region_end:
                end += 1
            blocks.append(Block("blank", i, end))
            i = end
            continue
        level = atx_level(line)
        if level:
            blocks.append(Block("heading", i, i + 1, level=level))
            section_level = level
            i += 1
            continue
        if details.starts[i]:
            end, unclosed = details.end(i, section_level)
            blocks.append(Block("details", i, end, unclosed=unclosed))
            i = end
            continue
        marker = item_marker(line)
        if marker is not None:
            end = _item_end(lines, i, marker[1])
            blocks.append(Block("item", i, end))
            i = end
            continue
        if _HTML_START.match(line):
            end = _paragraph_end(lines, i, details.starts, html=True)
            blocks.append(Block("html", i, end))
            i = end
            continue
        if indent_of(line) >= 4 and (not blocks or blocks[-1].kind not in ("text", "item", "html")):
            end = _code_end(lines, i)
            blocks.append(Block("code", i, end))
            i = end
            continue
        end = _paragraph_end(lines, i, details.starts, html=False)
        setext = _setext_level(lines, i, end)
        if setext:
            blocks.append(Block("heading", i, end, level=setext))
            section_level = setext
        else:
            blocks.append(Block("text", i, end))
        i = end
    return blocks


def _interrupts(lines: _Lines, j: int, starts: list[bool]) -> bool:
    line = lines.text[j]
    return (
        lines.blank[j] or j in lines.region_end or atx_level(line) > 0 or starts[j] or _THEMATIC.match(line) is not None
    )


def _paragraph_end(lines: _Lines, start: int, starts: list[bool], html: bool) -> int:
    j = start + 1
    while j < lines.count:
        line = lines.text[j]
        if not html and _SETEXT.match(line) and not lines.blank[j] and j not in lines.region_end:
            return j + 1
        if _interrupts(lines, j, starts):
            break
        if not html and (item_marker(line) is not None or line.lstrip(" ").startswith("<details")):
            break
        j += 1
    return j


def _setext_level(lines: _Lines, start: int, end: int) -> int:
    if end - start < 2:
        return 0
    first = lines.text[start].lstrip(" ")
    if first.startswith((">", "|")) or indent_of(lines.text[start]) >= 4:
        return 0
    underline = _SETEXT.match(lines.text[end - 1])
    if underline is None:
        return 0
    return 1 if underline.group(1)[0] == "=" else 2


def _code_end(lines: _Lines, start: int) -> int:
    j = start + 1
    last = start + 1
    while j < lines.count and j not in lines.region_end:
        if lines.blank[j]:
            j += 1
            continue
        if indent_of(lines.text[j]) < 4:
            break
        j += 1
        last = j
    return last


def _item_end(lines: _Lines, start: int, content: int) -> int:
    """End of a top-level list item: indented continuation, blank lines inside it, and lazy lines."""
    j = start + 1
    last = start + 1
    previous_blank = False
    while j < lines.count:
        if j in lines.region_end:
            if indent_of(lines.text[j]) >= content or (not previous_blank and lines.region_kind[j] == "comment"):
                j = lines.region_end[j]
                last = j
                previous_blank = False
                continue
            break
        line = lines.text[j]
        if lines.blank[j]:
            previous_blank = True
            j += 1
            continue
        width = indent_of(line)
        if width >= content:
            previous_blank = False
            j += 1
            last = j
            continue
        if previous_blank:
            break
        stripped = line.lstrip(" \t")
        if (
            item_marker(line) is not None
            or atx_level(line) > 0
            or stripped.startswith(("<", ">", "```", "~~~", "|"))
            or _THEMATIC.match(line)
        ):
            break
        j += 1  # lazy continuation of the item's paragraph
        last = j
    return last

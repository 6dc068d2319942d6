"""Tag balance over a whole document: HTMLParser events on a masked copy of the text, matched on a stack.

The copy has the same length and line structure as the text, with code (fences, indented code, code spans),
HTML comments, escaped `<`, `&` and every `<` that cannot start a tracked tag blanked out, so the parser sees
only the tags that matter and never rescans a long tail of odd text (linear time). A tag opened inside a list
item is expected to close inside that item: GitHub's browser closes it with the item anyway, so one left open
is reported at the item's end, which also pins a missing digest `</details>` on the digest, not its paper. Headings
do not end a tag: lists put headings inside `<details>` on purpose (a collapsed section per language).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Literal

from .mask import mask_code_spans
from .record import Record
from .scan import indent_of
from .source import Source


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list, as a set (tag-name tables)."""
    return frozenset(text.split())


# Elements whose end tag must be written: an opener without closer (or the reverse) is a problem.
PAIRED = word_set(
    "a abbr article aside b bdi bdo big blockquote button center cite code del details dfn div dl em "
    "figcaption figure font footer form h1 h2 h3 h4 h5 h6 header i ins kbd label main mark nav ol "
    "picture pre q s samp section small span strike strong sub summary sup table tt u ul var video audio "
    "p li dt dd tr td th thead tbody tfoot caption colgroup option"
)
# Paired elements whose end tag HTML lets you omit: never reported as unclosed, closed silently by an enclosing
# closer or (not `<p>`: nested `<p>` blocks are common and their authors match them by hand) by a sibling.
OPTIONAL_END = word_set("p li dt dd tr td th thead tbody tfoot caption colgroup option")

_CLOSED_BY_OPENING = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "thead": frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"}),
    "tbody": frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"}),
    "tfoot": frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"}),
    "option": frozenset({"option"}),
}
_TAG_START = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?=[\s/>])")
_CLOSED = re.compile(r"<[^<>]*>")
_NOT_BLANK = re.compile(r"[^ \t]")
_BLOCK_STARTS = ("#", "<", ">", "```", "~~~", "|")
_BARE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(.?)", re.DOTALL)  # every `<` left in a masked text
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_MARKER = re.compile(r"[ \t]*([-*+]|\d{1,9}[.)])([ \t]*)(?=[ \t]|$)")  # group 2: spaces after the first
_THEMATIC = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")

ProblemKind = Literal["unclosed", "stray", "misnested"]


class Tag(Record, frozen=True):
    """One tag as written: lower-case name, offsets [start, end) of `<...>`, 1-based line."""

    name: str
    start: int
    end: int
    line: int


class ItemScope(Record, frozen=True):
    """The list item a tag was opened in and that ended with the tag still open."""

    indent: str  # leading white space of the item's marker line
    marker_line: int  # 0-based
    last_line: int  # 0-based index of the item's last non-blank line
    content: int  # the column the item's content starts at (after the marker and its spaces)


class TagProblem(Record, frozen=True):
    """An opener never closed, a closer that closes nothing, or a closer that cuts across an open tag.

    `tag` is the opener (unclosed) or the closer (stray, misnested); `open` is the tag a misnested closer
    cuts across; `item` is set when the tag was left open at the end of its list item, and `left_open` counts
    the tags (this one included) that item left open.
    """

    kind: ProblemKind
    tag: Tag
    open: Tag | None = None
    item: ItemScope | None = None
    left_open: int = 1


def tag_problems(source: Source, opaque: Iterable[tuple[int, int]] = ()) -> list[TagProblem]:
    """Every tag problem in document order of the reported tag; `opaque` spans (code) are not scanned."""
    masked = masked_text(source, opaque)
    events = _plain_events(source, masked)
    if events is None:
        parser = _TagEvents(source, masked)
        parser.feed(masked)
        parser.close()
        events = parser.events
    matcher = _Matcher(source, masked)
    for tag, opening in events:
        matcher.advance(tag.line - 1)
        if opening:
            matcher.open(tag)
        else:
            matcher.close(tag)
    matcher.finish()
    return sorted(matcher.problems, key=lambda problem: problem.tag.start)


def _plain_events(source: Source, masked: str) -> list[tuple[Tag, bool]] | None:
    """The events HTMLParser gives when every tag left in the masked text is a bare `<name>` or `</name>`.

    Those are read the same by any HTML parser, and paper lists hold little else (`<details>`, `<summary>`,
    `<b>`); reading them with a regular expression is several times faster. None when some tag has
    attributes or other syntax: then HTMLParser reads the whole text.
    """
    events: list[tuple[Tag, bool]] = []
    matches = list(_BARE_TAG.finditer(masked))
    if len(matches) != masked.count("<"):
        return None
    for match in matches:
        if match.group(3) != ">":
            return None
        name = match.group(2).lower()
        if name in PAIRED:
            start = match.start()
            events.append((Tag(name, start, match.end(), source.position(start)[0]), not match.group(1)))
    return events


def masked_text(source: Source, opaque: Iterable[tuple[int, int]] = ()) -> str:
    """The text with everything but tracked tags blanked; same length, lone CR turned into LF."""
    text = source.text
    parts: list[str] = []
    fence: str | None = None
    for line in source.lines:
        content = text[line.start : line.end]
        ending = text[line.end : line.stop]
        if fence is not None:
            stripped = content.strip(" \t")
            if len(stripped) >= len(fence) and set(stripped) == {fence[0]}:
                fence = None
            content = " " * len(content)
        else:
            opener = _FENCE.match(content)
            if opener and not (opener.group(1)[0] == "`" and "`" in content[opener.end() :]):
                fence = opener.group(1)
                content = " " * len(content)
            else:
                content = mask_code_spans(content)
        parts.append(content)
        parts.append("\n" if ending == "\r" else ending)
    joined = _blanked("".join(parts), opaque)
    comments: list[tuple[int, int]] = []
    start = joined.find("<!--")
    while start >= 0:
        stop = joined.find("-->", start + 4)
        if stop < 0:
            break
        comments.append((start, stop + 3))
        start = joined.find("<!--", stop + 3)
    return _keep_tags(_blanked(joined, comments))


_NOT_NEWLINE = re.compile(r"[^\r\n]")


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with every character but line breaks inside the spans replaced by a space (same length)."""
    pieces: list[str] = []
    done = 0
    for first, end in sorted((max(start, 0), min(end, len(text))) for start, end in spans):
        start = max(first, done)
        if start >= end:
            continue
        pieces.append(text[done:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _keep_tags(text: str) -> str:
    """Blank `&`, and every `<` that does not open a tracked tag closed by `>` before the next `<` or blank line."""
    blanked: list[int] = []
    position = text.find("<")
    while position >= 0:
        closed = _CLOSED.match(text, position)  # the next angle bracket after this `<` is a `>`
        tag = _TAG_START.match(text, position)
        valid = (
            closed is not None
            and tag is not None
            and tag.group(1).lower() in PAIRED
            and (position == 0 or text[position - 1] != "\\")
            and _BLANK_LINE.search(text, position, closed.end() - 1) is None
        )
        if not valid:
            blanked.append(position)
        position = text.find("<", position + 1)
    text = text.replace("&", " ")
    if not blanked:
        return text
    pieces: list[str] = []
    done = 0
    for position in blanked:
        pieces.append(text[done:position])
        pieces.append(" ")
        done = position + 1
    pieces.append(text[done:])
    return "".join(pieces)


class _TagEvents(HTMLParser):
    """Start and end tags with their offsets, from getpos() mapped through the source's line table.

    `<script>`, `<style>` and void elements never reach it: their `<` is blanked, as for any untracked tag.
    """

    def __init__(self, source: Source, masked: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.masked = masked
        self.events: list[tuple[Tag, bool]] = []

    def _tag(self, name: str) -> Tag:
        line, column = self.getpos()
        start = self.source.lines[line - 1].start + column
        end = self.masked.find(">", start) + 1
        return Tag(name, start, end if end > 0 else start + 1, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in PAIRED:
            self.events.append((self._tag(tag), True))

    def handle_endtag(self, tag: str) -> None:
        if tag in PAIRED:
            self.events.append((self._tag(tag), False))


class _Item(Record):
    ident: int
    marker: int  # marker indent (columns)
    content: int  # content indent (columns)
    indent: str
    line: int


class _Open(Record):
    tag: Tag
    item: int  # ident of the innermost list item when the tag opened, -1 outside lists


class _Matcher:
    """The tag stack, and the list items the lines open and end, advanced line by line as tags arrive."""

    def __init__(self, source: Source, masked: str) -> None:
        self.source = source
        self.masked = masked
        self.stack: list[_Open] = []
        self.counts: dict[str, int] = {}
        self.pending: dict[str, int] = {}  # closers already reported by a misnested closer
        self.items: list[_Item] = []
        self.problems: list[TagProblem] = []
        self.next_line = 0
        self.previous_blank = True
        self.last_content = -1
        self.idents = 0

    def advance(self, upto: int) -> None:
        """Process the starts of lines up to and including `upto` (0-based)."""
        lines, text, masked = self.source.lines, self.source.text, self.masked
        index = self.next_line
        last = min(upto, len(lines) - 1)
        # The common lines are handled here, in the loop: a method call a line costs more than their work.
        # Searches with bounds rather than slices: digest lines are long, and most lines only need a glance.
        while index <= last:
            start, end, _ = lines[index]
            first = _NOT_BLANK.search(text, start, end)
            if first is None:
                self.previous_blank = True
            elif _NOT_BLANK.search(masked, start, end) is not None:  # else code or a comment: no list structure
                at = first.start()
                marker = _MARKER.match(text, start, end) if not _THEMATIC.match(text, start, end) else None
                if self.previous_blank or marker is not None or text.startswith(_BLOCK_STARTS, at, end):
                    self._item_line(index, text[start:at], text[at:end], marker)
                self.last_content = index  # a paragraph's next line starts or ends no item
            index += 1
        self.next_line = index

    def finish(self) -> None:
        self.advance(len(self.source.lines) - 1)
        self._end_items(0)
        while self.stack:
            entry = self._pop()
            if entry.tag.name not in OPTIONAL_END:
                self.problems.append(TagProblem("unclosed", entry.tag))

    def _item_line(self, index: int, indent: str, stripped: str, marker: re.Match[str] | None) -> None:
        """A line that can end list items (after a blank line, or a block start) or start one."""
        width = indent_of(indent)
        keep = len(self.items)
        while keep and self._ends(self.items[keep - 1], width, stripped, marker is not None):
            keep -= 1
        self._end_items(keep)
        if marker is not None:
            self.idents += 1
            content = _content_indent(width, marker)
            self.items.append(_Item(self.idents, width, content, indent, index))
        self.previous_blank = False

    def _ends(self, item: _Item, width: int, stripped: str, marker: bool) -> bool:
        if width < item.marker:
            return True
        if width >= item.content:
            return False
        return marker or stripped.startswith("#") or (self.previous_blank and not stripped.startswith("</"))

    def _end_items(self, keep: int) -> None:
        if keep >= len(self.items):
            return
        ended = self.items[keep:]
        del self.items[keep:]
        first = ended[0].ident
        left: list[tuple[Tag, _Item]] = []
        by_ident = {item.ident: item for item in ended}
        while self.stack and self.stack[-1].item >= first:
            entry = self._pop()
            if entry.tag.name not in OPTIONAL_END:
                left.append((entry.tag, by_ident.get(entry.item, ended[0])))
        counts: dict[int, int] = {}
        for _, owner in left:
            counts[owner.ident] = counts.get(owner.ident, 0) + 1
        for tag, owner in left:
            scope = ItemScope(owner.indent, owner.line, max(self.last_content, owner.line), owner.content)
            self.problems.append(TagProblem("unclosed", tag, item=scope, left_open=counts[owner.ident]))

    def _pop(self) -> _Open:
        entry = self.stack.pop()
        self.counts[entry.tag.name] -= 1
        return entry

    def open(self, tag: Tag) -> None:
        self.pending.clear()
        closes = _CLOSED_BY_OPENING.get(tag.name, frozenset())
        while self.stack and self.stack[-1].tag.name in closes:
            self._pop()
        self.stack.append(_Open(tag, self.items[-1].ident if self.items else -1))
        self.counts[tag.name] = self.counts.get(tag.name, 0) + 1

    def close(self, tag: Tag) -> None:
        if not self.counts.get(tag.name):
            if self.pending.get(tag.name):
                self.pending[tag.name] -= 1
            else:
                self.problems.append(TagProblem("stray", tag))
            return
        crossed: Tag | None = None
        while self.stack[-1].tag.name != tag.name:
            entry = self._pop()
            if entry.tag.name in OPTIONAL_END:
                continue
            if crossed is None:
                crossed = entry.tag
            else:
                self.pending[entry.tag.name] = self.pending.get(entry.tag.name, 0) + 1
        self._pop()
        if crossed is not None:
            self.problems.append(TagProblem("misnested", tag, open=crossed))
            self.pending[crossed.name] = self.pending.get(crossed.name, 0) + 1


def _content_indent(width: int, marker: re.Match[str]) -> int:
    """Column where an item's content starts: after the marker and 1 to 4 spaces (1 when more or none)."""
    spaces = len(marker.group(2)) + 1
    return width + len(marker.group(1)) + (spaces if spaces <= 4 else 1)

"""In-page navigation: which heading holds the table of contents, the list the headings call for, and the
fragment links and anchors of a page (GitHub's heading anchors, explicit ids)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from html import unescape

from .inline import plain_text
from .mask import mask_code_spans, mask_comments
from .model import Document, Heading, Raw, Section
from .record import Record, field
from .slug import Slugger
from .source import Source

TOC_TITLES = frozenset({"contents", "content", "table of contents", "table of content", "toc", "目录"})
# Sections an awesome list may leave out of its table of contents (with common spellings of the first).
OPTIONAL_TITLES = frozenset(
    {"contributing", "contribute", "contributions", "footnotes", "related lists", "license", "licence"}
)

_ATX_START = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_HREF = re.compile(r"""(?:^|\s)href[ \t]*=[ \t]*["']?#([^"'\s>]*)""", re.IGNORECASE)
_ANCHOR_ATTR = re.compile(
    r"""(?:^|\s)(?:id|name)[ \t]*=[ \t]*(?:"([^"]{0,300})"|'([^']{0,300})'|([^\s"'>]{1,300}))""", re.IGNORECASE
)
_REFERENCE = re.compile(r" {0,3}\[[^\]]{1,999}\]:[ \t]*<?#([^\s>]*)")
_TAG = re.compile(r"<[^<>]*>")
_FRAGMENT_END = frozenset(" \t)>\"'")
_QUIET = frozenset("#`~<")  # a line without these holds no fence, comment, heading, id or fragment link
_LABEL_LOOKBACK = 500
# Targets every GitHub page has: `#top` (the HTML standard scrolls to the top, in any case) and the README.
_PAGE_ANCHORS = frozenset({"", "top", "readme"})

_USER_CONTENT = "user-content-"
_SHORTCODE = re.compile(r":[a-z0-9_+\-]+:")
_ENTITY = re.compile(r"&#?\w+;")
_LINK_TEXT_SPECIALS = str.maketrans({"\\": "\\\\", "[": "\\[", "]": "\\]", "<": "\\<", "`": "\\`", "*": "\\*"})


def normalised_title(title: str) -> str:
    """A title without emoji, `:shortcodes:`, entities and punctuation, lower-cased: `📚 Contents` -> `contents`."""
    text = _ENTITY.sub(" ", _SHORTCODE.sub(" ", title.lower()))
    kept = "".join(char if unicodedata.category(char)[0] in "LN" else " " for char in text)
    return " ".join(kept.split())


def is_toc_title(title: str) -> bool:
    return normalised_title(title) in TOC_TITLES


def is_optional_title(title: str) -> bool:
    return normalised_title(title) in OPTIONAL_TITLES


def find_toc(document: Document) -> Section | None:
    """The first section whose heading names a table of contents (`Contents`, `Table of Contents`, `TOC`)."""
    return next((section for section in document.walk() if is_toc_title(section.title)), None)


def covered_headings(document: Document, min_level: int, max_level: int, after: Heading | None = None) -> list[Heading]:
    """The headings a table of contents lists: those after `after` (all when None), of levels
    min_level..max_level, with a non-empty anchor, table-of-contents headings excluded."""
    return [
        section.heading
        for section in document.walk()
        if (after is None or section.heading.line > after.line)
        and min_level <= section.level <= max_level
        and section.heading.anchor
        and not is_toc_title(section.title)
    ]


def toc_lines(headings: Iterable[Heading]) -> list[str]:
    """Nested bullets `- [Title](#anchor)`: two spaces deeper per level below the enclosing listed heading."""
    lines: list[str] = []
    open_levels: list[int] = []
    for heading in headings:
        while open_levels and open_levels[-1] >= heading.level:
            open_levels.pop()
        lines.append(f"{'  ' * len(open_levels)}- [{heading.title.translate(_LINK_TEXT_SPECIALS)}](#{heading.anchor})")
        open_levels.append(heading.level)
    return lines


def generate_toc(document: Document, min_level: int = 2, max_level: int = 3, newline: str = "\n") -> str:
    """The table of contents of a document as a markdown list, each line ended by `newline`.

    It covers the headings after the document's table-of-contents heading (every heading when there is none)
    of levels min_level to max_level; the table of contents never lists itself.
    """
    toc = find_toc(document)
    headings = covered_headings(document, min_level, max_level, toc.heading if toc else None)
    return "".join(line + newline for line in toc_lines(headings))


# -- fragment links and what they can reach ---------------------------------------------------------


class FragmentLink(Record, frozen=True):
    fragment: str  # as written, without the `#`
    label: str | None  # plain text of a markdown link's text; None for HTML and reference definitions
    start: int  # offset of the `#`
    end: int


class PageTargets(Record):
    """The fragment links of a page, the anchors they can reach, and the other names of each tree heading."""

    links: list[FragmentLink] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)  # heading anchors and explicit ids, `user-content-` removed
    # By heading line: GitHub's own slug of the heading, then explicit ids on or right before its line.
    heading_ids: dict[int, list[str]] = field(default_factory=dict)


def page_targets(document: Document, source: Source) -> PageTargets:
    """Every fragment link outside code and comments, and every anchor a link can reach.

    Heading lines that are not sections of the tree (inside `<details>` or other HTML blocks) get their
    anchors too: GitHub renders them as headings when the block leaves a blank line before them. Explicit ids
    on a heading's line, or on a line of bare markup right before it (`<a name="x"></a>`), name that heading.

    Two rules (toc, broken-anchor) ask for the same page in one run: the last answer is kept (treat it as
    read-only).
    """
    for seen, read, targets in _LAST_TARGETS:
        if seen is document and read is source:
            return targets
    found = _page_targets(document, source)
    _LAST_TARGETS[:] = [(document, source, found)]
    return found


_LAST_TARGETS: list[tuple[Document, Source, PageTargets]] = []


def _page_targets(document: Document, source: Source) -> PageTargets:
    found = PageTargets()
    slugger = Slugger()
    tree_headings = {section.heading.line: section.heading for section in document.walk()}
    waiting: list[str] = []  # ids of the last markup-only line, for the heading that may follow it
    for first, last in _prose_ranges(document):
        fence: str | None = None
        in_comment = False
        for index in range(first, last):
            text = source.line_text(index)
            if not in_comment and _QUIET.isdisjoint(text) and index + 1 not in tree_headings:
                # Nothing here opens a fence or a comment, is a heading, names an anchor or links to one.
                if fence is None and text.strip():
                    waiting = []
                continue
            opener = _FENCE.match(text)
            if fence is not None:
                if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                    fence = None
                continue
            if opener and index + 1 not in tree_headings:
                fence = opener.group(1)
                continue
            text, in_comment = _without_comments(mask_code_spans(text), in_comment)
            ids = _explicit_ids(text) if "<" in text and "=" in text else []
            found.anchors.update(ids)
            tree_heading = tree_headings.get(index + 1)
            if tree_heading is not None:
                # The tree's anchor is GitHub's (rendered text, trimmed); the untrimmed form, with a hyphen where
                # a trailing badge was, is accepted too: older renderers and TOC generators produce it.
                title = tree_heading.title if tree_heading.setext else _atx_title(text)
                names = [tree_heading.anchor, slugger.slug(unescape(title)), *waiting, *ids]
                found.anchors.update(names)
                found.heading_ids[tree_heading.line] = names[1:]
            elif _ATX_START.match(text):
                found.anchors.add(slugger.slug(unescape(_atx_title(text))))
            if text.strip():
                waiting = ids if ids and not _TAG.sub("", text).strip() else []
            if "](" in text or "=" in text or "]:" in text:  # what a link, an href or a reference needs
                found.links.extend(_links_in_line(text, source.lines[index].start))
    return found


def _prose_ranges(document: Document) -> Iterator[tuple[int, int]]:
    """0-based line ranges [first, last) of every block that is not code or a comment, in order."""
    for block in document.blocks():
        if isinstance(block, Raw) and block.kind in ("fence", "code", "comment"):
            continue
        span = block.span
        yield span.line - 1, span.end_line


def _without_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """The line with HTML comments blanked, and whether a comment is still open at its end."""
    if in_comment:
        close = text.find("-->")
        if close < 0:
            return " " * len(text), True
        text = " " * (close + 3) + text[close + 3 :]
    text = mask_comments(text)
    opened = text.find("<!--")
    if opened >= 0:
        return text[:opened] + " " * (len(text) - opened), True
    return text, False


def _atx_title(text: str) -> str:
    """The rendered text of an ATX heading line; white space left by images or markup at its ends is kept."""
    body = _ATX_START.sub("", text, count=1).strip(" \t")
    stripped = body.rstrip("#")
    if stripped != body and (not stripped or stripped[-1] in " \t"):
        body = stripped
    return plain_text(body.strip(" \t"))


def _explicit_ids(text: str) -> list[str]:
    ids: list[str] = []
    for match in _ANCHOR_ATTR.finditer(text):
        value = next(group for group in match.groups() if group is not None)
        ids.append(target_of(value))
    return ids


def target_of(fragment: str) -> str:
    """What a fragment or an id names: percent-decoded, GitHub's `user-content-` prefix removed."""
    from urllib.parse import unquote

    decoded = unquote(fragment) if "%" in fragment else fragment
    return decoded[len(_USER_CONTENT) :] if decoded.startswith(_USER_CONTENT) else decoded


def _links_in_line(text: str, base: int) -> Iterator[FragmentLink]:
    floor = 0  # a label never reaches back into the previous link, which keeps the scan linear
    cursor = text.find("](")
    while cursor >= 0:
        at = cursor + 2
        if text.startswith("<#", at):
            at += 1
        if text.startswith("#", at):
            end = at + 1
            while end < len(text) and text[end] not in _FRAGMENT_END:
                end += 1
            yield FragmentLink(text[at + 1 : end], _label_before(text, cursor, floor), base + at, base + end)
            floor = end
        cursor = text.find("](", max(cursor + 2, floor))
    for match in _HREF.finditer(text):
        yield FragmentLink(match.group(1), None, base + match.start(1) - 1, base + match.end(1))
    reference = _REFERENCE.match(text)
    if reference:
        yield FragmentLink(reference.group(1), None, base + reference.start(1) - 1, base + reference.end(1))


def _label_before(text: str, close: int, floor: int) -> str | None:
    """Plain text of the `[...]` that ends at `close`, looking back a bounded distance, not before `floor`."""
    depth = 0
    for index in range(close - 1, max(close - _LABEL_LOOKBACK, floor) - 1, -1):
        char = text[index]
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                return plain_text(text[index + 1 : close]).strip()
            depth -= 1
    return None


def is_page_anchor(target: str) -> bool:
    """Whether a fragment names a place every GitHub page has (`#top` in any case, `#readme`, `#`)."""
    return target in _PAGE_ANCHORS or target.lower() == "top"


def fold_anchor(anchor: str) -> str:
    """An anchor with case, hyphens and punctuation ignored, to suggest the anchor a broken link meant."""
    return "".join(char for char in anchor.casefold() if char.isalnum())

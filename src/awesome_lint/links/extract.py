"""Every external http(s) link of a document, with its exact span, line and column, and whether it is an image.

Links are found in every block a reader sees (code blocks, code spans and comments are skipped): markdown
destinations `[label](url)`, autolinks `<url>`, reference definitions, HTML `href`/`src` attributes and bare
URLs. The span is the URL's own text, so a fix can replace exactly it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..mask import mask_code_spans, mask_comments
from ..model import Document
from ..record import Record
from ..source import Source

_SKIPPED_KINDS = frozenset({"fence", "code", "comment"})
# A URL runs until white space or a character that cannot be in one unescaped; parentheses are balanced below.
_URL = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
_SRC_ATTRIBUTE = re.compile(r"\b(?:src|srcset|poster)\s*=\s*[\"']?$", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"=\s*[\"']?$")
# What GitHub's autolinker leaves out at the end of a bare URL: "see https://example.com." ends before the dot.
_TRAILING = ".,:;!?*_~"
_LABEL_LIMIT = 2000  # how far back a link label is looked for; keeps the scan linear


class LinkRef(Record, frozen=True):
    """One occurrence of a URL: offsets into the text (without BOM), 1-based line and column, image or not."""

    url: str
    start: int
    end: int
    line: int
    column: int
    image: bool
    exact: bool = True  # the span's text is the URL itself (no HTML entity decoded), so a fix may replace it


def extract(source: Source, document: Document, *, images: bool = False) -> list[LinkRef]:
    """The http(s) links of the document in order; images (badges, logos) only when `images` is set."""
    found: list[LinkRef] = []
    for block in document.blocks():
        if getattr(block, "kind", None) in _SKIPPED_KINDS:
            continue
        base = block.span.start
        for start, end, url, image in _urls(mask_comments(mask_code_spans(block.text))):
            if image and not images:
                continue
            line, column = source.position(base + start)
            exact = source.text[base + start : base + end] == url
            found.append(LinkRef(url, base + start, base + end, line, column, image, exact))
    return found


def _urls(text: str) -> Iterator[tuple[int, int, str, bool]]:
    for match in _URL.finditer(text):
        start = match.start()
        raw = _balanced(match.group())
        before = text[max(0, start - 40) : start]
        if before.endswith("]("):
            image = _is_image_destination(text, start - 2)
        elif _ATTRIBUTE.search(before):
            image = _SRC_ATTRIBUTE.search(before) is not None
            raw = raw.split("&quot;")[0]
        elif before.endswith("<"):
            image = False
        else:
            image = False
            raw = raw.rstrip(_TRAILING)
        if len(raw) <= len("https://"):
            continue
        url = html.unescape(raw) if "&" in raw else raw
        yield start, start + len(raw), url, image


def _balanced(raw: str) -> str:
    """Cut the URL at the first `)` that closes a parenthesis opened before it (a markdown link's end)."""
    depth = 0
    for index, char in enumerate(raw):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return raw[:index]
            depth -= 1
    return raw


def _is_image_destination(text: str, bracket: int) -> bool:
    """Whether the `]` at `bracket` closes a label that opened with `![`."""
    depth = 0
    for index in range(bracket, max(bracket - _LABEL_LIMIT, -1), -1):
        char = text[index]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
    return False

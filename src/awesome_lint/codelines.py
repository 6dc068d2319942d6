"""Which lines of a document are code: fenced and indented code blocks, and fences nested in other blocks.

Code is data: rules that read prose skip these lines, and a suppression comment shown as an example inside
a code block is no suppression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Document, Raw
from .source import split_lines

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def code_lines(document: Document) -> frozenset[int]:
    """0-based indices of lines inside code: fenced and indented code blocks, fences nested in other blocks."""
    code: set[int] = set()
    for block in document.blocks():
        first, last = block.span.line - 1, block.span.end_line
        if isinstance(block, Raw) and block.kind in ("fence", "code"):
            code.update(range(first, last))
        elif "```" in block.text or "~~~" in block.text:
            code.update(first + index for index in _fenced(block.text))
    return frozenset(code)


def _fenced(text: str) -> Iterator[int]:
    """Indices of the lines of `text` inside fences (opening and closing lines included), in one pass."""
    mark = ""
    for index, span in enumerate(split_lines(text)):
        line = text[span.start : span.end]
        if mark:
            yield index
            stripped = line.strip(" \t")
            if len(stripped) >= len(mark) and set(stripped) == {mark[0]}:
                mark = ""
            continue
        opener = _FENCE.match(line)
        if opener and not (opener.group(1)[0] == "`" and "`" in line[opener.end() :]):
            mark = opener.group(1)
            yield index

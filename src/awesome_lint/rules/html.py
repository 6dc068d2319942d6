"""Rules about raw HTML: tags that do not balance, and HTML blocks that swallow the markdown after them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from ..htmltags import TagProblem, tag_problems, word_set
from ..model import Block, Document, Entry, Group, Raw
from ..record import Record
from ..registry import Context, Edit, Finding, Fix, rule
from ..scan import indent_of, scan
from ..source import Source


@rule("AL101", "unclosed-html-tag", fixable=True, severity="error")
def unclosed_html_tag(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that every paired HTML tag (`<details>`, `<summary>`, `<b>`, `<div>`, ...) is closed, that no
    closing tag closes nothing, and that tags close in the order they opened. Tags in code are ignored; a tag
    opened in a list item must close in that item.

    ## Why is this bad?
    An unclosed `<details>` folds everything after it into one collapsed block, or is closed by the browser
    wherever it sees fit; a stray `</details>` closes the paper's own block too early. Either way the list
    on GitHub no longer looks like the source.

    ## Example
    ```
    - Grokking: Generalization Beyond Overfitting. [[paper]](https://arxiv.org/abs/2201.02177)
      - <details><summary>Digest</summary> Networks generalize long after they overfit.
    ```

    ## Use instead
    ```
    - Grokking: Generalization Beyond Overfitting. [[paper]](https://arxiv.org/abs/2201.02177)
      - <details><summary>Digest</summary> Networks generalize long after they overfit.
      </details>
    ```

    ## Fix safety
    Safe, and only where the place is unambiguous: a `<details>` left open in a list item gets `</details>`
    after the item's last line, at the item's indent (at its content's indent for an item at column 0, so
    the list goes on); a column-0 `<details>` block that never closes gets
    `</details>` after its last line. Stray and misnested closers are not fixed.
    """
    source = context.source
    problems = tag_problems(source, _code_regions(context.document))
    blocks = _unclosed_details_blocks(context.document)
    problem_lines = sorted(problem.tag.line for problem in problems)
    comments = _comment_spans(source.text) if problems else []
    for problem in problems:
        fix = _close_in_item(source, problem, comments) or _close_block(source, problem, blocks, problem_lines)
        yield Finding(problem.tag.start, problem.tag.end, _tag_message(problem), fix)


@rule("AL102", "html-block-swallows-markdown", fixable=True, severity="error")
def html_block_swallows_markdown(context: Context) -> Iterator[Finding]:
    """## What it does
    Finds markdown (a heading, list item, quote, code fence, table row, or a paragraph with links, images
    or emphasis) on the line right under an HTML block line such as `<summary>...</summary>`, `</details>`
    or `<div align="center">`, with no blank line between them.

    ## Why is this bad?
    On GitHub (CommonMark), an HTML block that starts with a block tag runs until the next blank line, so
    the markdown lines after it are part of the HTML and are shown as raw text: `#### Privacy` instead of a
    heading, `- Title [[paper]](...)` instead of a list.

    ## Example
    ```
    </details>
    #### Privacy
    ```

    ## Use instead
    ```
    </details>

    #### Privacy
    ```

    ## Fix safety
    Safe: inserts one blank line before the first swallowed line of each block, which ends the HTML block
    there and changes nothing else.
    """
    source = context.source
    for index, what in _swallowed_lines(source):
        line = source.lines[index]
        content = source.text[line.start : line.end].strip()
        shown = content if len(content) <= 50 else content[:47] + "..."
        ending = source.text[source.lines[index - 1].end : line.start]
        yield Finding(
            line.start,
            line.end,
            f'{what} "{shown}" directly after an HTML line is shown as raw text on GitHub; add a blank line before it',
            Fix("Insert a blank line before it", (Edit(line.start, line.start, ending),)),
        )


def _tag_message(problem: TagProblem) -> str:
    name = problem.tag.name
    if problem.kind == "unclosed":
        return f"<{name}> opened here is never closed"
    if problem.kind == "stray" or problem.open is None:
        return f"</{name}> closes nothing"
    return f"</{name}> closes <{problem.open.name}> opened at line {problem.open.line}"


def _code_regions(document: Document) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    pending: list[Block] = [*document.preamble]
    for section in document.walk():
        pending.extend(section.body)
    while pending:
        block = pending.pop()
        if isinstance(block, Group):
            pending.extend(block.children)
        elif isinstance(block, Raw) and block.kind in ("fence", "code", "comment"):
            regions.append((block.span.start, block.span.end))
    return regions


def _unclosed_details_blocks(document: Document) -> dict[int, tuple[int, int]]:
    """Start offset -> (first, last) 1-based lines of each top-level `<details>` block the scanner left open."""
    found: dict[int, tuple[int, int]] = {}
    blocks: list[Block] = [*document.preamble]
    for section in document.walk():
        blocks.extend(section.body)
    for block in blocks:
        is_details = isinstance(block, Entry | Group) or (isinstance(block, Raw) and block.kind == "details")
        if is_details and block.unclosed and (not isinstance(block, Entry) or block.kind == "details"):
            found[block.span.start] = (block.span.line, block.span.end_line)
    return found


def _ending(source: Source, index: int) -> str:
    line = source.lines[index]
    if line.stop > line.end:
        return source.text[line.end : line.stop]
    for other in source.lines:
        if other.stop > other.end:
            return source.text[other.end : other.stop]
    return "\n"


def _insert_after(source: Source, index: int, text: str) -> Edit:
    line = source.lines[index]
    ending = _ending(source, index)
    if line.stop > line.end:
        return Edit(line.stop, line.stop, text + ending)
    return Edit(line.end, line.end, ending + text)


def _close_in_item(source: Source, problem: TagProblem, comments: list[tuple[int, int]]) -> Fix | None:
    item = problem.item
    if problem.kind != "unclosed" or problem.tag.name != "details" or item is None or problem.left_open != 1:
        return None
    if problem.tag.line - 1 != item.marker_line:
        return None
    # At the marker's indent, as paper lists close a digest under a sub-bullet; a top-level item's closer goes
    # at its content's indent instead, since one at column 0 would end the list and start a new one.
    edit = _insert_after(source, item.last_line, (item.indent or " " * item.content) + "</details>")
    if _inside(comments, edit.start):
        return None  # the closer would land in a comment and close nothing, pass after pass (found by fuzzing)
    return Fix("Insert `</details>` at the end of the list item", (edit,))


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every `<!-- ... -->`, in order; one never closed runs past the end of the text."""
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        end = len(text) + 1 if end < 0 else end + 3
        spans.append((start, end))
        start = text.find("<!--", end)
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect_left(spans, (offset,)) - 1  # the last span that starts before the offset
    return index >= 0 and offset < spans[index][1]


def _close_block(
    source: Source, problem: TagProblem, blocks: dict[int, tuple[int, int]], problem_lines: list[int]
) -> Fix | None:
    tag = problem.tag
    if problem.kind != "unclosed" or tag.name != "details" or problem.item is not None or tag.start not in blocks:
        return None
    first, last = blocks[tag.start]
    # Other problems inside the block, counted by bisection over the sorted lines (a scan per problem was
    # quadratic: 100,000 unclosed `<details>` took minutes).
    inside = bisect_right(problem_lines, last) - bisect_left(problem_lines, first) - (first <= tag.line <= last)
    if inside:
        return None  # fix the inner problems first; the next pass sees this block alone
    index = last - 1
    while index > first - 1 and not source.line_text(index).strip():
        index -= 1
    edit = _insert_after(source, index, "</details>")
    if not _closes(source, first - 1, last, edit):
        return None  # it would land in code or a comment left open, and close nothing, pass after pass (fuzzing)
    return Fix("Insert `</details>` at the end of the block", (edit,))


def _closes(source: Source, first: int, last: int, edit: Edit) -> bool:
    """Whether lines [first, last) with the edit applied scan as one closed `<details>` block."""
    start, end = source.lines[first].start, source.lines[last - 1].stop
    text = source.text
    fixed = text[start : edit.start] + edit.text + text[edit.end : end]
    blocks = scan(Source.from_text(fixed))
    return bool(blocks) and blocks[0].kind == "details" and not blocks[0].unclosed


# CommonMark HTML block start conditions (cmark-gfm, spec 0.29): type 6 names, types 1-5 with their end marks.
_BLOCK_TAGS = word_set(
    "address article aside base basefont blockquote body caption center col colgroup dd details dialog "
    "dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header "
    "hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param section "
    "source summary table tbody td tfoot th thead title tr track ul"
)
_TYPE6 = re.compile(r" {0,3}</?([A-Za-z][A-Za-z0-9]*)(?:[ \t>]|/>|$)")
# The attributes are matched possessively, so a long tag that never closes costs linear time. `*+` would say
# so, but only from Python 3.11; `(?=(X*))\1` is the same possessive match on every version.
_TYPE7 = re.compile(
    r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*"
    r"(?=((?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*))\1"
    r"[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*"
)
_RAW_STARTS = (
    (re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.IGNORECASE), ""),
    (re.compile(r" {0,3}<!--"), "-->"),
    (re.compile(r" {0,3}<\?"), "?>"),
    (re.compile(r" {0,3}<![A-Za-z]"), ">"),
    (re.compile(r" {0,3}<!\[CDATA\["), "]]>"),
)
_RAW_TYPE1_END = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
_MARKER = re.compile(r"[ \t]*([-*+]|\d{1,9}[.)])([ \t]*)(?=[ \t]|$)")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_INLINE_MARKUP = re.compile(r"\]\(|!\[|\*\*|__|~~|`|(?<![\w*])\*[^\s*][^*]*\*")


class _Walk(Record):
    """Block state of the document read line by line, as far as HTML blocks care."""

    items: list[int]  # content indents of the open list items
    paragraph: bool = False
    item_html: bool = False
    html_block: bool = False  # a top-level type 6 or 7 HTML block is open
    fence: str | None = None
    raw_end: str | None = None  # end mark of an open type 1-5 block ("" for type 1)
    previous_blank: bool = True


def _swallowed_lines(source: Source) -> Iterator[tuple[int, str]]:
    """(0-based line, what it is) of the first markdown line inside each top-level HTML block."""
    walk = _Walk(items=[])
    for index in range(len(source.lines)):
        line = source.line_text(index)
        if walk.html_block and line.strip(" \t"):
            what = _markdown_kind(line)
            if what is None:
                continue
            yield index, what
            walk.html_block, walk.paragraph, walk.previous_blank = False, False, True
        _step(walk, line)


def _markdown_kind(line: str) -> str | None:
    if indent_of(line) >= 4:
        return None
    stripped = line.lstrip(" ")
    if _ATX.match(line):
        return "heading"
    if _MARKER.match(line) and not _THEMATIC.match(line):
        return "list item"
    if stripped.startswith(">"):
        return "blockquote"
    if _FENCE.match(line):
        return "code fence"
    if stripped.startswith("|"):
        return "table row"
    if not stripped.startswith("<") and _INLINE_MARKUP.search(line):
        return "paragraph"
    return None


def _step(walk: _Walk, line: str) -> None:
    if walk.fence is not None:
        stripped = line.strip(" \t")
        if len(stripped) >= len(walk.fence) and set(stripped) == {walk.fence[0]}:
            walk.fence = None
        return
    if walk.raw_end is not None:
        ended = _RAW_TYPE1_END.search(line) if walk.raw_end == "" else walk.raw_end in line
        if ended:
            walk.raw_end = None
        return
    if not line.strip(" \t"):
        walk.paragraph = walk.item_html = walk.html_block = False
        walk.previous_blank = True
        return
    width = indent_of(line)
    marker = _MARKER.match(line) if not _THEMATIC.match(line) else None
    interrupts = marker is not None or _interrupts(line)
    lazy = walk.paragraph and not walk.previous_blank and not interrupts
    while walk.items and width < walk.items[-1] and not lazy:
        walk.items.pop()
        walk.paragraph = walk.item_html = False
    walk.previous_blank = False
    content = line
    if marker is not None and (walk.items or width <= 3):
        spaces = len(marker.group(2)) + 1
        walk.items.append(width + len(marker.group(1)) + (spaces if spaces <= 4 else 1))
        content = line[marker.end() :].lstrip(" \t")
        walk.paragraph = walk.item_html = False
    elif lazy or (walk.item_html and walk.items):
        return
    elif walk.items:
        content = line.lstrip(" \t") if width - walk.items[-1] < 4 else ""
        if not content:
            walk.paragraph = True  # indented code inside the item
            return
    _open_block(walk, content, top_level=not walk.items)


def _interrupts(line: str) -> bool:
    if _ATX.match(line) or _FENCE.match(line) or _THEMATIC.match(line) or line.lstrip(" ").startswith(">"):
        return True
    if "<" not in line[:4]:
        return False  # every HTML block start is `<` after at most three spaces
    tag = _TYPE6.match(line)
    return (tag is not None and tag.group(1).lower() in _BLOCK_TAGS) or any(
        start.match(line) for start, _ in _RAW_STARTS
    )


def _open_block(walk: _Walk, content: str, top_level: bool) -> None:
    """What block the line's content starts (or continues)."""
    fence = _FENCE.match(content)
    if fence and not (fence.group(1)[0] == "`" and "`" in content[fence.end() :]):
        walk.fence, walk.paragraph = fence.group(1), False
        return
    if _ATX.match(content) or _THEMATIC.match(content):
        walk.paragraph = False
        return
    if "<" not in content[:4]:  # no HTML block starts here (each is `<` after at most three spaces)
        if not (top_level and indent_of(content) >= 4 and not walk.paragraph):
            walk.paragraph = True
        return
    for start, end in _RAW_STARTS:
        if start.match(content):
            ended = _RAW_TYPE1_END.search(content) if end == "" else end in content[content.index("<") + 2 :]
            walk.raw_end = None if ended else end
            walk.paragraph = False
            return
    tag = _TYPE6.match(content)
    block_tag = tag is not None and tag.group(1).lower() in _BLOCK_TAGS
    if block_tag or (not walk.paragraph and _TYPE7.fullmatch(content)):
        walk.paragraph = False
        if top_level:
            walk.html_block = True
        else:
            walk.item_html = True
        return
    if top_level and indent_of(content) >= 4 and not walk.paragraph:
        return  # indented code
    walk.paragraph = True

"""Rules: white space: blank-line runs, trailing white space, the final line ending, mixed line endings.

Code is data: lines of fenced and indented code blocks are never checked (line endings excepted, which are
a property of the whole file).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..codelines import code_lines
from ..registry import Context, Edit, Finding, Fix, rule
from ..source import Source

# A line that starts a new block, so a hard break before it would end the paragraph anyway.
_BLOCK_START = re.compile(
    r"[ \t]*(?:#{1,6}(?:[ \t]|$)|(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|>|\||`{3}|~{3}|(?:=+|-+)[ \t]*$"
    r"|</?(?:details|summary|div|p|table|ul|ol|li|h[1-6]|pre|blockquote|hr)(?:[\s/>]|$))",
    re.IGNORECASE,
)
# A line whose trailing spaces cannot be a hard break: a heading, a table row, an HTML block tag.
_NO_BREAK = re.compile(
    r"[ \t]*(?:#{1,6}(?:[ \t]|$)|\||</?(?:details|summary|div|p|table|ul|ol|li|h[1-6]|pre|blockquote|hr)(?:[\s/>]|$))",
    re.IGNORECASE,
)
_ENDINGS = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
_PREFERENCE = {"\n": 0, "\r\n": 1, "\r": 2}


@rule("AL401", "multiple-blank-lines", fixable=True, severity="warning")
def multiple_blank_lines(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks for more than one blank line in a row (a blank line holds nothing but spaces or tabs), outside
    code blocks. Blank lines at the end of the file are left to `final-newline`.

    ## Why is this bad?
    Markdown renders one blank line and ten the same way; runs of them only make the source longer and
    diffs noisier, and they often mark a place where something was deleted.

    ## Example
    ```
    ## Survey



    ## Existing Medical VLM and Foundation Models
    ```

    ## Use instead
    ```
    ## Survey

    ## Existing Medical VLM and Foundation Models
    ```

    ## Fix safety
    Safe: the first blank line of the run is kept and the others are deleted; the rendered page does not
    change.
    """
    source = context.source
    code = code_lines(context.document)
    stop = _content_end(source)
    index = 0
    while index < stop:
        if index in code or not _blank(source, index):
            index += 1
            continue
        last = index
        while last + 1 < stop and last + 1 not in code and _blank(source, last + 1):
            last += 1
        if last > index:
            lines = source.lines
            fix = Fix("Collapse to one blank line", (Edit(lines[index + 1].start, lines[last].stop, ""),))
            yield Finding(lines[index].start, lines[last].end, f"{last - index + 1} blank lines in a row", fix)
        index = last + 1


@rule("AL402", "trailing-whitespace", fixable=True, severity="warning")
def trailing_whitespace(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks for spaces or tabs at the end of a line, outside code blocks. Two or more spaces at the end of a
    line followed by another line of the same paragraph are a hard line break and are left alone. Lines
    holding only white space count too.

    ## Why is this bad?
    Trailing white space is invisible, makes diffs noisy, and editors strip it unpredictably.

    ## Example
    `  - Modality: Chest Xray␣␣␣` followed by `  - Datasets: MIMIC, ChexPert` (␣ is a space)

    ## Use instead
    `  - Modality: Chest Xray`

    ## Fix safety
    Safe: only the white space is removed, and hard line breaks are kept.
    """
    source = context.source
    code = code_lines(context.document)
    for index in range(_content_end(source)):
        if index in code:
            continue
        content = source.line_text(index)
        stripped = content.rstrip(" \t")
        if stripped == content or (stripped and _hard_break(source, code, index, content)):
            continue
        line = source.lines[index]
        start = line.start + len(stripped)
        what = "line ends with white space" if stripped else "blank line holds white space"
        yield Finding(start, line.end, what, Fix("Remove the trailing white space", (Edit(start, line.end, ""),)))


@rule("AL403", "final-newline", fixable=True, severity="warning")
def final_newline(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that a non-empty file ends with exactly one line ending: not none, and no blank lines after the
    last line of text.

    ## Why is this bad?
    Without a final line ending, tools that join or append files glue lines together and diffs show
    `\\ No newline at end of file`; blank lines at the end are noise that editors add and remove at random.

    ## Example
    `</details>` as the last bytes of the file, or followed by three empty lines.

    ## Use instead
    `</details>` followed by one line ending.

    ## Fix safety
    Safe: it adds the file's own line ending (the one most of its lines use), or deletes blank lines.
    """
    source = context.source
    text = source.text
    stop = _content_end(source)
    if stop == 0:
        return
    last = source.lines[stop - 1]
    if stop == len(source.lines) and last.ending == 0:
        ending = _dominant(_ending_counts(source))
        fix = Fix("Add a line ending at the end of the file", (Edit(len(text), len(text), ending),))
        yield Finding(len(text), len(text), "file does not end with a line ending", fix)
    elif stop < len(source.lines):
        extra = len(source.lines) - stop
        fix = Fix("Remove the blank lines at the end of the file", (Edit(last.stop, len(text), ""),))
        yield Finding(last.stop, len(text), f"file ends with {extra} blank line{'s' if extra > 1 else ''}", fix)


@rule("AL404", "mixed-line-endings", fixable=True, severity="error")
def mixed_line_endings(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that all lines of a file end the same way: all LF, all CRLF, or all CR.

    ## Why is this bad?
    Mixed line endings come from editing one file on several systems; they make every tool that compares
    lines (diff, blame, this linter's own fixes) see changes where there are none.

    ## Example
    A README whose lines end with LF except three pasted lines that end with CRLF.

    ## Use instead
    One line ending throughout: the one most lines already use.

    ## Fix safety
    Safe: every line ending is converted to the one most lines use (LF on a tie); the text does not change.
    """
    source = context.source
    counts = _ending_counts(source)
    if len(counts) < 2:
        return
    majority = _dominant(counts)
    odd = next(line for line in source.lines if line.ending and source.text[line.end : line.stop] != majority)
    odd_name = _ENDINGS[source.text[odd.end : odd.stop]]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], _PREFERENCE[item[0]]))
    listed = ", ".join(f"{count} {_ENDINGS[ending]}" for ending, count in ranked)
    edits = tuple(
        Edit(line.end, line.stop, majority)
        for line in source.lines
        if line.ending and source.text[line.end : line.stop] != majority
    )
    fix = Fix(f"Convert every line ending to {_ENDINGS[majority]}", edits)
    message = f"file mixes line endings: {listed}; the first {odd_name} is here"
    yield Finding(odd.end, odd.stop, message, fix, file_wide=True)


def _blank(source: Source, index: int) -> bool:
    return not source.line_text(index).strip(" \t")


def _content_end(source: Source) -> int:
    """Index after the last line holding text: the lines after it are the file's trailing blank lines."""
    stop = len(source.lines)
    while stop and _blank(source, stop - 1):
        stop -= 1
    return stop


def _ending_counts(source: Source) -> Counter[str]:
    text = source.text
    return Counter(text[line.end : line.stop] for line in source.lines if line.ending)


def _dominant(counts: Counter[str]) -> str:
    if not counts:
        return "\n"
    return min(counts, key=lambda ending: (-counts[ending], _PREFERENCE[ending]))


def _hard_break(source: Source, code: frozenset[int], index: int, content: str) -> bool:
    if not content.endswith("  ") or _NO_BREAK.match(content):
        return False
    following = index + 1
    if following >= len(source.lines) or following in code or _blank(source, following):
        return False
    return _BLOCK_START.match(source.line_text(following)) is None

"""Blank out code spans and inline HTML comments in a line, keeping its length, so tag scans see only markup."""

from __future__ import annotations


def mask_code_spans(text: str) -> str:
    """Replace the inside and the backticks of every code span with spaces (CommonMark pairing, linear time)."""
    if "`" not in text:
        return text
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            runs.append((i, j - i))
            i = j
        else:
            i += 1
    # For each run, the index of the next run of the same length: a code span closes at the first such run.
    next_same: list[int] = [-1] * len(runs)
    last_seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1]
        next_same[index] = last_seen.get(length, -1)
        last_seen[length] = index
    chars = list(text)
    index = 0
    while index < len(runs):
        closer = next_same[index]
        if closer < 0:
            index += 1
            continue
        start = runs[index][0]
        stop = runs[closer][0] + runs[closer][1]
        chars[start:stop] = " " * (stop - start)
        index = closer + 1
    return "".join(chars)


def mask_comments(text: str) -> str:
    """Replace every complete `<!-- ... -->` on the line with spaces."""
    start = text.find("<!--")
    if start < 0:
        return text
    parts: list[str] = []
    cursor = 0
    while start >= 0:
        stop = text.find("-->", start + 4)
        if stop < 0:
            break
        stop += 3
        parts.append(text[cursor:start])
        parts.append(" " * (stop - start))
        cursor = stop
        start = text.find("<!--", cursor)
    parts.append(text[cursor:])
    return "".join(parts)


def mask_markup_free(text: str) -> str:
    """Both masks: what is left is the line's real markup, at the same columns."""
    return mask_comments(mask_code_spans(text))

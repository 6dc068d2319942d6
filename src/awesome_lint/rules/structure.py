"""Rules: structure. Empty sections, skipped heading levels, the table of contents, links to missing anchors."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from ..model import Document, Entry, Group, Heading, Raw, Section
from ..record import Record, field
from ..registry import OPTIONS_CONFIG, Context, Edit, Finding, Fix, rule
from ..source import Source
from ..toc import (
    FragmentLink,
    covered_headings,
    fold_anchor,
    is_optional_title,
    is_page_anchor,
    is_toc_title,
    page_targets,
    target_of,
    toc_lines,
)

if TYPE_CHECKING:
    from annotated_types import Ge, Le

_SHOWN_MISSING = 3


# -- AL103 empty-section ---------------------------------------------------------------------------------


class EmptySectionOptions(Record, frozen=True, kw_only=True):
    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG

    allow: list[str] = field(default_factory=list)


@rule("AL103", "empty-section", severity="warning", options=EmptySectionOptions)
def empty_section(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports a heading with nothing under it: no entry, text or other block in its own body and none in any
    of its subsections. Blank lines and HTML comments count as nothing. Each heading whose whole subtree is
    empty is reported, so an empty parent and its empty subsections are reported one by one; a parent with
    content in any subsection is not. The table-of-contents heading is left to the `toc` rule, and a heading
    without text (`##`, a separator) is not a section.

    ## Why is this bad?
    A reader who follows the heading (or its table-of-contents link) finds nothing there. Placeholder
    sections make a list look unfinished.

    ## Example
    ```
    ### Text2Image Models

    ### Language Modeling
    ```

    ## Use instead
    Add entries under the heading, remove it, or list it under `allow` when it is a placeholder on purpose.

    ## Fix safety
    No fix: only the maintainer knows whether the section should be filled or removed.

    ## Options
    - `allow` (list of strings, default `[]`): titles of headings kept empty on purpose (matched exactly,
      ignoring case); they are not reported.
    """
    options: EmptySectionOptions = context.options or EmptySectionOptions()
    allowed = {title.strip().casefold() for title in options.allow}
    for section in context.document.sections:
        yield from _empty_sections(context.source, section, allowed)


def _empty_sections(source: Source, section: Section, allowed: set[str]) -> Iterator[Finding]:
    """Findings for `section` and below, the section's own last; its emptiness is told by `_subtree_empty`."""
    for child in section.sections:
        yield from _empty_sections(source, child, allowed)
    title = section.title
    if title and _subtree_empty(section) and not is_toc_title(title) and title.casefold() not in allowed:
        start, end = _heading_range(source, section.heading)
        yield Finding(
            start,
            end,
            f'section "{title}" is empty; add entries, or list it under [rules.empty-section] allow '
            "if it is a placeholder",
        )


def _subtree_empty(section: Section) -> bool:
    own = all(_is_blank(block) for block in section.body)
    return own and all(_subtree_empty(child) for child in section.sections)


def _is_blank(block: Entry | Group | Raw) -> bool:
    return isinstance(block, Raw) and block.kind in ("blank", "comment")


def _heading_range(source: Source, heading: Heading) -> tuple[int, int]:
    line = source.lines[heading.line - 1]
    return line.start, line.end


# -- AL104 heading-increment -----------------------------------------------------------------------------


@rule("AL104", "heading-increment", severity="warning")
def heading_increment(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports a heading more than one level below the heading before it, such as a `####` right after a `##`.

    ## Why is this bad?
    Skipped levels break the outline that screen readers, GitHub's heading menu and generated tables of
    contents are built from; usually the heading was meant one level higher.

    ## Example
    ```
    ## Research Areas
    #### Fairness
    ```

    ## Use instead
    ```
    ## Research Areas
    ### Fairness
    ```

    ## Fix safety
    No fix: changing a level moves every heading below it in the outline, which the maintainer decides.
    """
    previous: Heading | None = None
    for section in context.document.walk():
        heading = section.heading
        if previous is not None and heading.level > previous.level + 1:
            start, end = _heading_range(context.source, heading)
            yield Finding(
                start,
                end,
                f'heading "{heading.title}" is level {heading.level} right after a level {previous.level} '
                f"heading; make it level {previous.level + 1} ({'#' * (previous.level + 1)})",
            )
        previous = heading


# -- AL105 toc -------------------------------------------------------------------------------------------


class TocOptions(Record, frozen=True, kw_only=True):
    # Validated by pydantic from a configuration table (config.Settings.options_for), where Ge and Le exist.
    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG

    min_level: Annotated[int, Ge(1), Le(6)] = 2
    max_level: Annotated[int, Ge(1), Le(6)] = 3

    def __post_init__(self) -> None:
        if self.min_level > self.max_level:
            raise ValueError("min-level must not be greater than max-level")


@rule("AL105", "toc", fixable=True, severity="error", options=TocOptions)
def toc(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks the list under a `Contents`, `Table of Contents` or `TOC` heading against the headings after it:
    reports a table of contents that is empty, misses a heading, links an anchor that is no heading, links
    a heading under the wrong anchor, or lists headings out of order. It checks at the depth the list
    already uses (a list of top-level sections is complete when it has every top-level section). The table
    of contents does not list itself, and `Contributing`, `Footnotes`, `Related Lists` and `License` may be
    left out. Anchors are GitHub's: lower-case, punctuation and emoji dropped, `-1`, `-2` on duplicates.

    ## Why is this bad?
    Readers navigate a long list through its table of contents; a stale one hides sections or leads to
    nowhere.

    ## Example
    ```
    ## Table of Contents

    - [Surveys](#surveys)

    ## Survey
    ## Datasets
    ```

    ## Use instead
    ```
    ## Table of Contents

    - [Survey](#survey)
    - [Datasets](#datasets)
    ```

    ## Fix safety
    Safe: the fix regenerates the list (nested `- [Title](#anchor)` bullets, two spaces per level) at the
    depth the list uses, or at `min-level` to `max-level` when it is empty, and keeps other content of the
    section (an image, a paragraph, comments) in place. No fix is offered when the section holds other
    content but no list, when the list is split by other content, spreads over subsections, or holds links
    to other pages, or when no heading follows the table of contents.

    ## Options
    - `min-level` (integer, default 2): the highest heading level an empty table of contents gets.
    - `max-level` (integer, default 3): the deepest heading level an empty table of contents gets.
    """
    options: TocOptions = context.options or TocOptions()
    document, source = context.document, context.source
    section = next((item for item in document.walk() if is_toc_title(item.title)), None)
    if section is None:
        return
    parts = _toc_parts(section)
    targets = page_targets(document, source)
    ranges = [_body_range(part) for part in parts]
    links = [link for link in targets.links if any(start <= link.start < end for start, end in ranges)]
    last_line = max(part.heading.line for part in parts)
    by_anchor: dict[str, Heading] = {}
    for item in document.walk():
        by_anchor.setdefault(item.heading.anchor, item.heading)
        for explicit in targets.heading_ids.get(item.heading.line, []):
            by_anchor.setdefault(explicit, item.heading)
    check = _TocCheck(last_line, by_anchor, targets.anchors)
    for link in links:
        check.read(link)
    low, high = check.depth() or (options.min_level, options.max_level)
    expected = [
        heading for heading in covered_headings(document, low, high, section.heading) if heading.line > last_line
    ]
    has_list = any(_is_list_item(block) for part in parts for block in part.body)
    fix = _regenerate(source, section, parts, expected)
    start, end = _heading_range(source, section.heading)
    for message, at_start, at_end in check.problems(_required(document, expected, check, low), has_list):
        yield Finding(at_start if at_end else start, at_end or end, message, fix=fix, file_wide=True)


def _required(document: Document, expected: list[Heading], check: _TocCheck, low: int) -> list[Heading]:
    """The expected headings a list must have: a subsection only when the list expands its parent (lists at
    least one of the parent's subsections); optional sections it leaves out, with what is below them, never."""
    parents: dict[int, Heading | None] = {}
    stack: list[Heading] = []
    for item in document.walk():
        while stack and stack[-1].level >= item.level:
            stack.pop()
        parents[item.heading.line] = stack[-1] if stack else None
        stack.append(item.heading)
    expanded = {parent.line for line in check.listed_lines if (parent := parents.get(line)) is not None}
    required: list[Heading] = []
    for heading in _leave_out_optional(expected, check.listed_lines):
        parent = parents.get(heading.line)
        if parent is None or parent.level < low or parent.line in expanded:
            required.append(heading)
    return required


def _toc_parts(section: Section) -> list[Section]:
    """The table-of-contents section, and the subsections right under it that hold only more of its list."""
    parts = [section]
    for child in section.sections:
        blocks = [block for block in child.body if not _is_blank(block)]
        if not blocks or not all(_is_list_item(block) and "](#" in block.text for block in blocks):
            break
        parts.append(child)
    return parts


def _body_range(section: Section) -> tuple[int, int]:
    end = section.body[-1].span.end if section.body else section.heading.span.end
    return section.heading.span.end, end


class _TocCheck(Record):
    """What the links of a table of contents reach, read in order."""

    last_line: int  # last heading line of the table of contents itself
    by_anchor: dict[str, Heading]
    anchors: set[str]
    listed: list[Heading] = field(default_factory=list)
    listed_lines: set[int] = field(default_factory=set)
    unresolved: list[FragmentLink] = field(default_factory=list)
    any_link: bool = False

    def read(self, link: FragmentLink) -> None:
        self.any_link = True
        target = target_of(link.fragment)
        heading = self.by_anchor.get(target)
        if heading is not None:
            if heading.line > self.last_line and heading.line not in self.listed_lines:
                self.listed.append(heading)
                self.listed_lines.add(heading.line)
        elif target not in self.anchors and not is_page_anchor(target):
            self.unresolved.append(link)

    def depth(self) -> tuple[int, int] | None:
        levels = [heading.level for heading in self.listed]
        return (min(levels), max(levels)) if levels else None

    def problems(self, required: list[Heading], has_list: bool) -> Iterator[tuple[str, int, int]]:
        """(message, start, end) of each problem; start and end are 0 for a problem of the whole list."""
        if not self.any_link:
            if not has_list:  # a list without links into the page is not ours to check
                yield "Table of Contents is empty", 0, 0
            return
        by_title: dict[str, Heading] = {}
        for heading in reversed(required):
            by_title[heading.title.casefold()] = heading
        misanchored: set[int] = set()
        for link in self.unresolved:
            meant = by_title.get((link.label or "").casefold())
            if meant is not None and meant.line not in self.listed_lines:
                misanchored.add(meant.line)
                yield (
                    f'Table of Contents links "{meant.title}" to "#{link.fragment}"; the heading\'s anchor is '
                    f'"#{meant.anchor}"',
                    link.start,
                    link.end,
                )
            else:
                yield f'Table of Contents links "#{link.fragment}", which is no heading', link.start, link.end
        missing = [h for h in required if h.line not in self.listed_lines and h.line not in misanchored]
        if missing:
            shown = ", ".join(f'"{heading.title}" (#{heading.anchor})' for heading in missing[:_SHOWN_MISSING])
            more = f" and {len(missing) - _SHOWN_MISSING} more" if len(missing) > _SHOWN_MISSING else ""
            yield f"Table of Contents misses {shown}{more}", 0, 0
        for before, after in pairwise(self.listed):
            if after.line < before.line:
                yield f'Table of Contents lists "{before.title}" before "{after.title}"', 0, 0
                break


def _leave_out_optional(expected: list[Heading], listed: set[int]) -> list[Heading]:
    """Expected headings minus optional sections (Contributing, License, ...) the list leaves out, with the
    headings below them."""
    kept: list[Heading] = []
    skip_below: int | None = None
    for heading in expected:
        if skip_below is not None and heading.level > skip_below:
            continue
        skip_below = None
        if is_optional_title(heading.title) and heading.line not in listed:
            skip_below = heading.level
            continue
        kept.append(heading)
    return kept


def _regenerate(source: Source, section: Section, parts: list[Section], expected: list[Heading]) -> Fix | None:
    """Replace the list of the table of contents, or fill an empty section; None when that is ambiguous."""
    if len(parts) > 1 or not expected:
        return None
    newline = _newline(source, section.heading)
    listing = "".join(line + newline for line in toc_lines(expected))
    body = section.body
    content = [block for block in body if not (isinstance(block, Raw) and block.kind == "blank")]
    heading_end = section.heading.span.end
    lead = "" if section.heading.text.endswith(("\n", "\r")) else newline
    if not content:
        end = body[-1].span.end if body else heading_end
        trail = newline if end < len(source.text) else ""
        return _fix(source, heading_end, end, lead + newline + listing + trail)
    items = [index for index, block in enumerate(body) if _is_list_item(block)]
    if not items:
        return None
    first, last = items[0], items[-1]
    between = body[first : last + 1]
    if any(not (_is_list_item(block) or (isinstance(block, Raw) and block.kind == "blank")) for block in between):
        return None
    if any(_has_other_links(block.text) for block in between):
        return None
    start = body[first].span.start
    if first == 0:
        listing = lead + newline + listing
    return _fix(source, start, body[last].span.end, listing)


def _is_list_item(block: Entry | Group | Raw) -> bool:
    return (isinstance(block, Raw) and block.kind == "item") or (isinstance(block, Entry) and block.kind == "bullet")


def _has_other_links(text: str) -> bool:
    """Whether a list item links anywhere but inside the page (those links would be lost by regenerating)."""
    return text.count("](") != text.count("](#") or "href=" in text.lower() or "<http" in text


def _fix(source: Source, start: int, end: int, text: str) -> Fix | None:
    if source.text[start:end] == text:  # the problem lies outside the list; regenerating would change nothing
        return None
    return Fix("Regenerate the table of contents from the headings", (Edit(start, end, text),))


def _newline(source: Source, heading: Heading) -> str:
    line = source.lines[heading.line - 1]
    ending = source.text[line.end : line.stop]
    if ending:
        return ending
    first = source.lines[0]
    return source.text[first.end : first.stop] or "\n"


# -- AL106 broken-anchor ---------------------------------------------------------------------------------


@rule("AL106", "broken-anchor", severity="error")
def broken_anchor(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports a link to `#fragment` (markdown `[text](#fragment)`, a reference definition, or HTML
    `href="#fragment"`) that matches no heading and no explicit anchor (`<a name="x">`, `id="x"`) in the
    file. Anchors are GitHub's heading anchors; `#user-content-x` is the same as `#x`; `#top` and `#readme`
    always work on GitHub. Links in code and comments are not links. Headings inside HTML blocks such as
    `<details>` count as anchors too.

    ## Why is this bad?
    The link goes nowhere: GitHub keeps the reader where they are. It usually means a heading was renamed,
    or the anchor was typed by hand (anchors are lower-case, with hyphens for spaces).

    ## Example
    ```
    - [Empirical Study](#Empirical-Study)

    ## Empirical Study
    ```

    ## Use instead
    ```
    - [Empirical Study](#empirical-study)
    ```

    ## Fix safety
    No fix: when no heading is close, only the maintainer knows where the link should go.
    """
    targets = page_targets(context.document, context.source)
    suggestions: dict[str, str] = {}
    # GitHub's own anchors of the headings first, so that the suggestion is the one that works.
    for names in targets.heading_ids.values():
        suggestions.setdefault(fold_anchor(names[0]), names[0])
    for anchor in sorted(targets.anchors):
        suggestions.setdefault(fold_anchor(anchor), anchor)
    for link in targets.links:
        target = target_of(link.fragment)
        if target in targets.anchors or is_page_anchor(target):
            continue
        meant = suggestions.get(fold_anchor(target)) if fold_anchor(target) else None
        hint = f'; did you mean "#{meant}"?' if meant else "; link to an existing heading or fix the heading"
        yield Finding(link.start, link.end, f'link to "#{link.fragment}" matches no heading{hint}')

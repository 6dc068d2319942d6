"""Rules about paper entries: years, required fields, titles, arXiv years and duplicates."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from typing import Any, ClassVar

from ..arxiv import ArxivId, link_id
from ..inline import split_links
from ..model import Block, Entry, Group, Section, Summary
from ..record import Record, field
from ..registry import OPTIONS_CONFIG, Context, Finding, rule
from ..source import Source

_BARE_YEAR = re.compile(r"\d{4}")
_PAPER_LABELS = frozenset({"paper", "pdf", "arxiv"})
_ALNUM4 = re.compile(r"(?:[^\W_][\W_]*){4}")  # at least four letters or digits (str.isalnum's)
_EMPHASIS = "*_~"
_AUTHOR_DETAILS = re.compile(r"<summary>\s*authors?\b", re.IGNORECASE)  # `<summary>Author List</summary>`
_ANCHOR = re.compile(r"[\w.-]*")


class _Placed(Record, frozen=True):
    """An entry with what it inherits: the year of the group around it and the sections above it."""

    entry: Entry
    group_year: int | None
    sections: tuple[Section, ...]


def _placed(context: Context) -> Iterator[_Placed]:
    document = context.document
    yield from _placed_blocks(document.preamble, None, ())
    for top in document.sections:
        yield from _placed_section(top, ())


def _placed_section(section: Section, above: tuple[Section, ...]) -> Iterator[_Placed]:
    chain = (*above, section)
    yield from _placed_blocks(section.body, None, chain)
    for child in section.sections:
        yield from _placed_section(child, chain)


def _placed_blocks(blocks: list[Block], year: int | None, chain: tuple[Section, ...]) -> Iterator[_Placed]:
    for block in blocks:
        if isinstance(block, Entry):
            yield _Placed(block, year, chain)
        elif isinstance(block, Group):
            yield from _placed_blocks(block.children, _group_year(block) or year, chain)


def _groups(blocks: list[Block], year: int | None) -> Iterator[tuple[Group, int | None]]:
    """Every group with the year of the group around it."""
    for block in blocks:
        if isinstance(block, Group):
            yield block, year
            yield from _groups(block.children, _group_year(block) or year)


def _group_year(group: Group) -> int | None:
    if group.year is not None:
        return group.year
    if group.summary is None:
        return None
    text = group.summary.text.strip()
    return group.summary.year or (int(text) if _BARE_YEAR.fullmatch(text) else None)


def _is_paper(entry: Entry) -> bool:
    """A paper entry: a `<details>` entry or a bullet with fields, unless it is a classic `[Name](url) - text`
    bullet; a digest makes any entry a paper. (The builder takes any first sub-bullet for the authors, so
    authors alone do not tell a paper from a classic bullet with a note below it.)"""
    if entry.digest is not None:
        return True
    if entry.description is not None:
        return False
    return entry.kind == "details" or bool(entry.fields)


def _line_start(source: Source, line: int) -> int:
    """Offset of the first non-blank character of a 1-based line."""
    if not 1 <= line <= len(source.lines):
        return len(source.text)
    item = source.lines[line - 1]
    text = source.text[item.start : item.end]
    return item.start + len(text) - len(text.lstrip(" \t"))


def _line_span(source: Source, line: int) -> tuple[int, int]:
    """The content of a 1-based line, from its first non-blank character."""
    start = _line_start(source, line)
    return start, max(start, source.lines[line - 1].end) if 1 <= line <= len(source.lines) else start


def _year_problem(year: int | None) -> str | None:
    if year is None:
        return "has no year; end it with the year, as in `Title (2024)` or `Label: 2024`"
    # The local calendar year, as date.today() gives it, without importing datetime for it.
    if year < 1900 or year > time.localtime().tm_year + 1:
        return f"has an impossible year {year}"
    return None


@rule("AL201", "summary-year", severity="error")
def summary_year(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that the summary of every paper entry and of every group of papers carries a plausible year:
    `<summary>Title (2024)</summary>` or `<summary>Survey: 2024</summary>`. A year before 1900 or after next
    year is reported as impossible. Entries inside a group take the group's year; `Digest` summaries are not
    checked.

    ## Why is this bad?
    Readers scan a paper list by year, and the year is what lets tools sort entries and compare them with
    their arXiv identifiers. A missing or mistyped year hides the paper from both.

    ## Example
    ```
    <details>
    <summary>MedCLIP: Contrastive Learning from Unpaired Medical Images and Text</summary>
    ```

    ## Use instead
    ```
    <details>
    <summary>MedCLIP: Contrastive Learning from Unpaired Medical Images and Text (2022)</summary>
    ```

    ## Fix safety
    No fix: only the author knows the year.
    """
    for placed in _placed(context):
        entry = placed.entry
        if entry.summary is None or placed.group_year is not None or not _is_paper(entry):
            continue
        problem = _year_problem(entry.year)
        if problem is not None:
            yield _at_summary(entry.summary, f'summary of "{_short(entry.title)}" {problem}')
    blocks = [*context.document.preamble, *(b for s in context.document.walk() for b in s.body)]
    for group, outer_year in _groups(blocks, None):
        if group.summary is None or outer_year is not None or not any(_is_paper(e) for e in group.entries()):
            continue
        problem = _year_problem(_group_year(group))
        if problem is not None:
            yield _at_summary(group.summary, f'group summary "{_short(group.summary.text)}" {problem}')


def _at_summary(summary: Summary, message: str) -> Finding:
    return Finding(summary.span.start, summary.span.end, message)


class RequiredFieldOptions(Record, frozen=True, kw_only=True):
    """Options of `required-field`."""

    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG

    default: list[str] = field(default_factory=lambda: ["paper", "authors", "Digest"])


def _squash(label: str) -> str:
    return "".join(label.split()).casefold()


def _has(entry: Entry, requirement: str) -> bool:
    wanted = _squash(requirement)
    if wanted in ("author", "authors"):
        return (
            entry.authors is not None
            or any(_squash(f.label) in ("author", "authors") for f in entry.fields)
            or _AUTHOR_DETAILS.search(entry.text) is not None
        )
    if wanted == "digest" and entry.digest is not None:
        return True
    return any(_squash(link.label) == wanted for link in entry.links) or any(
        _squash(item.label) == wanted for item in entry.fields
    )


def _schema_for(context: Context, sections: tuple[Section, ...]) -> tuple[list[str], str] | None:
    """The requirements of the deepest section in the chain named by the schema, and that section's title."""
    schema = getattr(context.settings, "entry_schema", None) or []
    for section in reversed(sections):
        title = section.title.casefold().strip()
        for item in schema:
            if item.section.casefold().strip() == title:
                return list(item.require), section.title
    return None


@rule("AL202", "required-field", severity="error", options=RequiredFieldOptions)
def required_field(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that every entry has the fields its section requires. The list's schema (`[[schema]]` tables
    with `section` and `require`) names them per section, for everything below that heading; the deepest
    matching section wins. Elsewhere, paper entries (a `<details>` entry, a bullet with fields or a digest;
    not a classic `[Name](url) - description` bullet) need the `default` requirements, in lists that give
    at least one entry a digest. A requirement is a link label (`paper`, `code`), `authors`,
    `Digest` (the nested digest or a `Digest:` field), or a field label as written (`Modality`,
    `Key Words`); case and spaces do not matter.

    ## Why is this bad?
    A paper list is only as useful as its most incomplete entry: readers rely on finding the paper link,
    the authors and the digest in every entry, and on the section's own fields (the datasets a model was
    trained on) where the list promises them.

    ## Example
    With `[[schema]] section = "Existing Medical VLM and Foundation Models"`,
    `require = ["paper", "authors", "Modality", "Datasets", "Digest"]`:
    ```
    - MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)
      - Zifeng Wang, Zhenbang Wu, Dinesh Agarwal, Jimeng Sun.
      - Modality: Chest Xray
      - <details><summary>Digest</summary>
        ...
    ```

    ## Use instead
    ```
    - MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)
      - Zifeng Wang, Zhenbang Wu, Dinesh Agarwal, Jimeng Sun.
      - Modality: Chest Xray
      - Datasets: MIMIC, ChexPert
      - <details><summary>Digest</summary>
        ...
    ```

    ## Fix safety
    No fix: the missing content has to be written by a person.

    ## Options
    - `default` (list of strings, default `["paper", "authors", "Digest"]`): what a paper entry needs
      outside the sections the schema names. An empty list checks only the schema.
    """
    options: RequiredFieldOptions = context.options or RequiredFieldOptions()
    # A list that writes no digest at all is not a digest-style paper list: the default would flag every entry.
    use_default = any(_has(entry, "Digest") for entry in context.document.entries())
    for placed in _placed(context):
        entry = placed.entry
        found = _schema_for(context, placed.sections)
        if found is not None:
            required, where = found
            suffix = f' (required under "{where}")'
        elif use_default and _is_paper(entry):
            required, suffix = options.default, ""
        else:
            continue
        missing = [name for name in required if not _has(entry, name)]
        if missing:
            start, end = _line_span(context.source, entry.title_line)
            yield Finding(start, end, f'entry "{_short(entry.title)}" lacks {", ".join(missing)}{suffix}')


@rule("AL203", "arxiv-year-mismatch", severity="warning")
def arxiv_year_mismatch(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that an entry's year is not earlier than the year of its arXiv identifier: `2303.00915` was
    posted in 2023, `hep-th/9901001` in 1999. A later year is fine (a paper is often published after its
    preprint).

    ## Why is this bad?
    A paper cannot appear before its preprint; the year is a typo, or the link points at another paper.

    ## Example
    ```
    <summary>BiomedCLIP: A Multimodal Biomedical Foundation Model (2022)</summary>

    - BiomedCLIP: A Multimodal Biomedical Foundation Model. [[paper]](https://arxiv.org/abs/2303.00915)
    ```

    ## Use instead
    ```
    <summary>BiomedCLIP: A Multimodal Biomedical Foundation Model (2023)</summary>
    ```

    ## Fix safety
    No fix: either the year or the link may be the wrong one.
    """
    for entry in context.document.entries():
        if entry.year is None or entry.year_line is None:
            continue
        ids = [found for found in (link_id(link.url) for link in entry.links) if found is not None]
        earliest = min(ids, key=lambda item: item.year, default=None)
        if earliest is None or entry.year >= earliest.year:
            continue
        start = _year_offset(context.source, entry.year_line, entry.year)
        yield Finding(
            start,
            start + 4,
            f'year {entry.year} of "{_short(entry.title)}" is earlier than its arXiv preprint '
            f"{earliest.id} ({earliest.year})",
        )


def _year_offset(source: Source, line: int, year: int) -> int:
    start = _line_start(source, line)
    item = source.lines[line - 1] if 1 <= line <= len(source.lines) else None
    if item is None:
        return start
    at = source.text.rfind(str(year), start, item.end)
    return at if at >= 0 else start


def _bullet_title(entry: Entry) -> str:
    if entry.bullet is None:
        return ""
    inline = split_links(entry.bullet.text)
    if inline.first_is_link and inline.links:
        return inline.links[0].label
    return inline.before


def _title_key(title: str) -> str:
    text = " ".join(unicodedata.normalize("NFKC", title).split()).casefold()
    text = text.rstrip(" .")
    while len(text) >= 2 and text[0] in _EMPHASIS and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text.rstrip(" .")


@rule("AL204", "title-mismatch", severity="warning")
def title_mismatch(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that the title in a paper entry's `<summary>` matches the title of its paper bullet. Case, white
    space, a final period and emphasis markers around the title do not count.

    ## Why is this bad?
    The summary is what readers see while the entry is closed; when it drifts from the paper's real title
    (an edit made in one place only), searching the list for the paper fails and the entry looks like two
    different papers.

    ## Example
    ```
    <summary>MedCLIP: Contrastive Learning from Paired Medical Images and Text (2022)</summary>

    - MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)
    ```

    ## Use instead
    ```
    <summary>MedCLIP: Contrastive Learning from Unpaired Medical Images and Text (2022)</summary>
    ```

    ## Fix safety
    No fix: either title may be the right one.
    """
    for entry in context.document.entries():
        if entry.summary is None or entry.bullet is None or not _is_paper(entry):
            continue
        in_summary, in_bullet = entry.summary.title, _bullet_title(entry).strip()
        if not in_summary or not in_bullet or _title_key(in_summary) == _title_key(in_bullet):
            continue
        yield _at_summary(
            entry.summary,
            f'summary title "{_short(in_summary, 200)}" differs from the paper title "{_short(in_bullet, 200)}" '
            f"on line {entry.bullet.line}",
        )


def _link_key(url: str) -> str | None:
    found: ArxivId | None = link_id(url)
    if found is not None:
        return "arxiv:" + found.id
    lowered = url.strip()
    scheme, sep, rest = lowered.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    rest, _, fragment = rest.partition("#")
    if not _ANCHOR.fullmatch(fragment):
        rest += "#" + fragment  # a route such as `#cat:Algorithms` or `#!/page` names another page
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    path = path.rstrip("/")
    return host + (slash + path if path else "") if host else None


def _is_paper_label(label: str) -> bool:
    squashed = _squash(label)
    return squashed in _PAPER_LABELS or squashed.startswith("paper")


def _entry_keys(entry: Entry) -> list[tuple[str, str]]:
    """What identifies the paper: its paper links (or its first link) and, for paper entries, its title."""
    links = [link for link in entry.links if _is_paper_label(link.label)]
    if not links and entry.links and entry.links[0].label == entry.title:
        links = entry.links[:1]  # `[Name](url)`: the title's own link
    keys: list[tuple[str, str]] = []
    for link in links:
        key = _link_key(link.url)
        if key is not None:
            keys.append((key, f"link {link.url}"))
    title = _title_key(entry.title)
    if _is_paper(entry) and _ALNUM4.search(title):
        keys.append(("title:" + title, "title"))
    return list(dict.fromkeys(keys))


@rule("AL205", "duplicate-entry", severity="error")
def duplicate_entry(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports an entry that lists a paper already listed above it: the same paper link (arXiv `abs`, `pdf`,
    versioned, `http` and `export.arxiv.org` links of one identifier are the same link; other links are
    compared without scheme, `www.`, trailing slash and fragment), or, for paper entries, the same title.

    ## Why is this bad?
    A paper listed twice splits its digest and fields between two places that drift apart, and makes the
    list look longer than it is.

    ## Example
    ```
    - MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)
    ...
    - MedCLIP. [[paper]](https://arxiv.org/pdf/2210.10163v2.pdf)
    ```

    ## Use instead
    Keep one entry (in the section that fits best) and merge what the other one adds.

    ## Fix safety
    No fix: which copy to keep, and what to merge, is the maintainer's call.
    """
    seen: dict[str, Entry] = {}
    for entry in context.document.entries():
        reported = False
        for key, what in _entry_keys(entry):
            first = seen.get(key)
            if first is None:
                seen[key] = entry
            elif first is not entry and not reported:
                reported = True
                start, end = _line_span(context.source, entry.title_line)
                yield Finding(
                    start,
                    end,
                    f'entry "{_short(entry.title)}" duplicates "{_short(first.title)}" on line '
                    f"{first.title_line} (same {what})",
                )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."

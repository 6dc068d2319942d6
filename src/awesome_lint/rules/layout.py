"""Rules: layout of paper entries (the canonical entry layout of DESIGN.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from ..build import parse
from ..emit import Layout, marker, ordered_parts, read_layout, render
from ..model import Block, Document, Entry, Group, Heading, Section
from ..registry import Context, Edit, Finding, Fix, rule
from ..source import split_lines

_ADDED_MARKUP = frozenset({"-", "*", "+"})


@rule("AL206", "entry-layout", fixable=True, severity="warning")
def entry_layout(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that every paper entry in its own `<details>` block has the canonical layout: the `<details>`
    line, the `<summary>` line, one blank line, the title bullet at column 0, sub-bullets at two spaces
    (authors, then the fields in the order of the section's `[[schema]]`, the Digest last, its text at four
    spaces), and `</details>` at column 0.

    ## Why is this bad?
    Without the blank line after the summary GitHub shows the entry's markdown as raw text. Entries laid
    out differently are hard to compare and to edit, and field orders that drift from entry to entry make a
    list hard to scan.

    ## Example
    ```
    <details>
    <summary>MedCLIP: Contrastive Learning from Unpaired Medical Images and Text (2022)</summary>
    - MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)
        - Zifeng Wang, Zhenbang Wu, Dinesh Agarwal, Jimeng Sun.
        - Datasets: MIMIC, ChexPert
        - Modality: Chest Xray
    </details>
    ```

    ## Use instead
    ```
    <details>
    <summary>MedCLIP: Contrastive Learning from Unpaired Medical Images and Text (2022)</summary>

    - MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)
      - Zifeng Wang, Zhenbang Wu, Dinesh Agarwal, Jimeng Sun.
      - Modality: Chest Xray
      - Datasets: MIMIC, ChexPert
    </details>
    ```

    ## Fix safety
    The fix rewrites the entry in the canonical layout: it moves and re-indents lines, never joins or splits
    a line of text, and keeps lines it does not understand after the fields. It is safe when the new text
    has exactly the words of the old one (list markers aside); otherwise (an ordered-list marker replaced,
    for instance) it is unsafe. Entries with lines the parser does not place (a paragraph between the
    sub-bullets, a second Digest) are not checked. Groups and classic bullets are not checked.
    """
    schema = list(getattr(context.settings, "entry_schema", None) or [])
    for entry, headings in _paper_entries(context.document):
        layout = read_layout(entry)
        if layout is None:
            continue
        order = _field_order(schema, headings)
        canonical = render(layout, order)
        if _comparable(canonical) == _comparable(entry.text):
            continue
        problems = _problems(layout, order) or [_first_difference(layout, canonical, entry.line)]
        end = entry.span.start + len(entry.text) - len(layout.final)
        message = f'entry "{entry.title}": ' + "; ".join(problems)
        yield Finding(entry.span.start, end, message, fix=_fix(entry, layout, canonical, order))


def _paper_entries(document: Document) -> Iterator[tuple[Entry, tuple[Heading, ...]]]:
    yield from _in_blocks(document.preamble, ())
    for section in document.sections:
        yield from _in_section(section, ())


def _in_section(section: Section, above: tuple[Heading, ...]) -> Iterator[tuple[Entry, tuple[Heading, ...]]]:
    chain = (*above, section.heading)
    yield from _in_blocks(section.body, chain)
    for child in section.sections:
        yield from _in_section(child, chain)


def _in_blocks(blocks: Sequence[Block], chain: tuple[Heading, ...]) -> Iterator[tuple[Entry, tuple[Heading, ...]]]:
    for block in blocks:
        if isinstance(block, Entry) and block.kind == "details":
            yield block, chain
        elif isinstance(block, Group):
            yield from _in_blocks(block.children, chain)


def _field_order(schema: Sequence[object], headings: tuple[Heading, ...]) -> list[str]:
    """The `require` list of the deepest schema rule naming this section or one above it (the last such rule)."""
    for heading in reversed(headings):
        names = {heading.title.strip().casefold(), heading.anchor}
        matching = [
            item for item in schema if str(getattr(item, "section", "")).strip().lstrip("#").casefold() in names
        ]
        if matching:
            return list(getattr(matching[-1], "require", []))
    return []


def _comparable(text: str) -> list[str]:
    """Lines without their endings and trailing white space: what this rule checks (others check the rest)."""
    return [line.rstrip(" \t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _problems(layout: Layout, order: Sequence[str]) -> list[str]:
    problems: list[str] = []
    if layout.summary_on_tag_line:
        problems.append("summary on the <details> line")
    if layout.blanks_after_summary == 0:
        problems.append("no blank line after the summary")
    elif layout.blanks_after_summary > 1:
        problems.append(f"{layout.blanks_after_summary} blank lines after the summary, not one")
    if layout.indent(layout.head[0]):
        problems.append(f"title bullet indented {layout.indent(layout.head[0])} spaces, not at column 0")
    indents = [layout.indent(part.first) for part in layout.parts]
    wrong = next((width for width in indents if width != 2), None)
    if wrong is not None:
        problems.append(f"sub-bullets indented {wrong} spaces, not 2")
    odd = next((m for m in (marker(layout.lines[i]) for i in _item_lines(layout)) if m != "-"), None)
    if odd is not None:
        problems.append(f"list marker {odd} instead of -")
    problems.extend(_order_problems(layout, order))
    if layout.inner_blanks:
        plural = "s" if layout.inner_blanks > 1 else ""
        problems.append(f"{layout.inner_blanks} blank line{plural} inside the entry")
    digest = layout.digest
    if digest is not None:
        if digest.inline_text:
            problems.append("digest text on the line of its tags")
        elif digest.body and digest.body_indent - layout.indent(_digest_first(layout)) != 4 - 2:
            problems.append(f"digest text indented {digest.body_indent} spaces, not 4")
    if layout.indent(layout.close):
        problems.append(f"closing </details> indented {layout.indent(layout.close)} spaces")
    return problems


def _item_lines(layout: Layout) -> list[int]:
    return [layout.head[0], *(part.first for part in layout.parts)]


def _digest_first(layout: Layout) -> int:
    return next(part.first for part in layout.parts if part.kind == "digest")


def _order_problems(layout: Layout, order: Sequence[str]) -> list[str]:
    parts = list(layout.parts)
    kinds = [part.kind for part in parts]
    problems: list[str] = []
    if "authors" in kinds and kinds.index("authors") > 0:
        problems.append("authors not the first sub-bullet")
    fields = [part.label for part in parts if part.kind == "field"]
    wanted = [part.label for part in ordered_parts(parts, order) if part.kind == "field"]
    mismatch = next((i for i, (have, want) in enumerate(zip(fields, wanted, strict=True)) if have != want), None)
    if mismatch is not None:
        problems.append(f"fields out of schema order: {fields[mismatch]} before {wanted[mismatch]}")
    if "other" in kinds and "field" in kinds and kinds.index("other") < len(kinds) - 1 - kinds[::-1].index("field"):
        problems.append("a sub-bullet that is not a field comes before the fields")
    if "digest" in kinds and kinds.index("digest") != len(kinds) - 1:
        problems.append("digest not last")
    return problems


def _first_difference(layout: Layout, canonical: str, top: int) -> str:
    have, want = _comparable("\n".join(layout.lines)), _comparable(canonical)
    index = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    return f"layout differs from the canonical one at line {top + index}"


def _fix(entry: Entry, layout: Layout, canonical: str, order: Sequence[str]) -> Fix | None:
    """Replace the lines that differ; None when the canonical text would not read back as itself."""
    again = [item for item in parse(canonical).entries() if item.kind == "details"]
    reread = read_layout(again[0]) if len(again) == 1 else None
    if reread is None or render(reread, order) != canonical:
        return None
    old = [line + ending for line, ending in _with_endings(entry.text)]
    new = [line + ending for line, ending in _with_endings(canonical)]
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = entry.span.start + sum(len(line) for line in old[:prefix])
    end = entry.span.start + len(entry.text) - sum(len(line) for line in old[len(old) - suffix :])
    edit = Edit(start, end, "".join(new[prefix : len(new) - suffix]))
    return Fix("Rewrite the entry in the canonical layout", (edit,), safe=_same_words(entry.text, canonical))


def _with_endings(text: str) -> list[tuple[str, str]]:
    return [(text[line.start : line.end], text[line.end : line.stop]) for line in split_lines(text)]


def _same_words(old: str, new: str) -> bool:
    return _words(old) == _words(new)


def _words(text: str) -> Counter[str]:
    spaced = text.replace("<", " <").replace(">", "> ")
    return Counter(word for word in spaced.split() if word not in _ADDED_MARKUP)

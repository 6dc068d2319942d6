"""The typed tree: a Document of Sections holding Entries, Groups and Raw blocks, every node with its span.

Block-level nodes (Raw, Entry, Group, Heading) keep their exact source text; the document renders by joining
them in order, so `parse(text).render() == text` for every text. Offsets are code-point indices into the text
without its BOM; lines are 1-based.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .scan import BlockKind


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Node):
    """Offsets [start, end) into the document text and the 1-based lines they begin and end on."""

    start: int
    end: int
    line: int
    end_line: int


class Link(Node):
    """A markdown link: `[[paper]](url)` has label `paper`; `[Name](url)` has label `Name`."""

    label: str
    url: str
    line: int
    column: int


class TextPart(Node):
    """A piece of an entry: the authors bullet, a summary, a description."""

    text: str
    line: int
    span: Span


class EntryField(Node):
    """A `Label: value` bullet of an entry, the label as written."""

    label: str
    value: str
    line: int
    span: Span


class Summary(Node):
    """The `<summary>` of a `<details>` block: its plain text, and the title and year read from it."""

    text: str
    html: str
    title: str
    year: int | None
    line: int
    span: Span


class Digest(Node):
    """The nested `<details><summary>Digest</summary> ... </details>` of an entry."""

    text: str
    line: int
    closed: bool
    span: Span


class Heading(Node):
    type: Literal["heading"] = "heading"
    level: int
    title: str
    anchor: str
    setext: bool
    line: int
    span: Span
    text: str


class Raw(Node):
    """A block the builder keeps as it is: blank lines, paragraphs, tables, code, HTML, comments, ..."""

    type: Literal["raw"] = "raw"
    kind: BlockKind
    unclosed: bool = False
    line: int
    span: Span
    text: str


class Entry(Node):
    """One list entry: a paper in its own `<details>` (kind `details`) or a list item (kind `bullet`)."""

    type: Literal["entry"] = "entry"
    kind: Literal["details", "bullet"]
    title: str
    title_line: int
    year: int | None
    year_line: int | None
    summary: Summary | None
    bullet: TextPart | None
    links: list[Link]
    authors: TextPart | None
    fields: list[EntryField]
    digest: Digest | None
    description: str | None
    other: list[TextPart]
    open: bool
    unclosed: bool
    line: int
    span: Span
    text: str


class Group(Node):
    """A `<details>` holding several entries, or one labelled by a year (`<summary>Survey: 2024</summary>`)."""

    type: Literal["group"] = "group"
    label: str
    year: int | None
    summary: Summary | None
    children: list[Annotated[Entry | Group | Raw, Field(discriminator="type")]]
    open: bool
    unclosed: bool
    line: int
    span: Span
    text: str

    def entries(self) -> Iterator[Entry]:
        for child in self.children:
            if isinstance(child, Entry):
                yield child
            elif isinstance(child, Group):
                yield from child.entries()


Block = Annotated[Entry | Group | Raw, Field(discriminator="type")]


class Section(Node):
    """A heading, the blocks up to the next heading, and the deeper sections that follow."""

    type: Literal["section"] = "section"
    heading: Heading
    body: list[Block]
    sections: list[Section]

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def title(self) -> str:
        return self.heading.title

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in document order."""
        yield self
        for section in self.sections:
            yield from section.walk()

    def entries(self, *, deep: bool = False) -> Iterator[Entry]:
        """Entries in this section's body (groups opened); with deep, those of subsections too."""
        yield from _entries(self.body)
        if deep:
            for section in self.sections:
                yield from section.entries(deep=True)

    def render(self) -> str:
        return (
            self.heading.text
            + "".join(block.text for block in self.body)
            + "".join(section.render() for section in self.sections)
        )


class Document(Node):
    """The whole file: a preamble before the first heading, then the top sections."""

    type: Literal["document"] = "document"
    bom: bool
    preamble: list[Block]
    sections: list[Section]

    def render(self) -> str:
        head = "\ufeff" if self.bom else ""
        return (
            head
            + "".join(block.text for block in self.preamble)
            + "".join(section.render() for section in self.sections)
        )

    def walk(self) -> Iterator[Section]:
        """Every section, in document order."""
        for section in self.sections:
            yield from section.walk()

    def blocks(self) -> Iterator[Block | Heading]:
        """Every block-level node in document order, headings included."""
        yield from self.preamble
        for section in self.walk():
            yield section.heading
            yield from section.body

    def entries(self) -> Iterator[Entry]:
        """Every entry in document order, those inside groups included."""
        yield from _entries(self.preamble)
        for section in self.walk():
            yield from _entries(section.body)


def _entries(blocks: list[Block]) -> Iterator[Entry]:
    for block in blocks:
        if isinstance(block, Entry):
            yield block
        elif isinstance(block, Group):
            yield from block.entries()

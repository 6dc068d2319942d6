"""The typed tree: a Document of Sections holding Entries, Groups and Raw blocks, every node with its span.

Block-level nodes (Raw, Entry, Group, Heading) keep their exact source text; the document renders by joining
them in order, so `parse(text).render() == text` for every text. Offsets are code-point indices into the text
without its BOM; lines are 1-based.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, TypeAlias, TypeVar

from .record import Record, expose_to_pydantic
from .scan import BlockKind

# Frozen, slotted records (record.py) typed for pydantic, not pydantic models: a check of a small file must not
# pay pydantic's import and schema-building cost (about 80 ms, most of a pre-commit run). pydantic serialises,
# validates and describes them on demand through a TypeAdapter: model_dump, model_dump_json, model_validate,
# model_validate_json and model_json_schema behave as they do on a pydantic model.

_ADAPTERS: dict[str, Any] = {}
_N = TypeVar("_N", bound="Node")


def _adapter(kind: type) -> Any:
    if kind.__name__ not in _ADAPTERS:
        from pydantic import TypeAdapter

        expose_to_pydantic()
        _ADAPTERS[kind.__name__] = TypeAdapter(kind)
    return _ADAPTERS[kind.__name__]


class Node(Record, frozen=True, kw_only=True):
    """A node of the tree: equal by value, hashable, and dumped, validated and described by pydantic."""

    def model_dump_json(self, *, indent: int | None = None) -> str:
        """The node as JSON, fields in declaration order (what `awesome-lint tree` prints)."""
        data: bytes = _adapter(type(self)).dump_json(self, indent=indent)
        return data.decode("utf-8")

    def model_dump(self) -> dict[str, Any]:
        """The node as plain Python data (dicts, lists, strings, numbers), as pydantic dumps it."""
        data: dict[str, Any] = _adapter(type(self)).dump_python(self)
        return data

    @classmethod
    def model_validate(cls: type[_N], data: Any) -> _N:
        """A node from plain data, checked by pydantic against the field types (ValidationError otherwise)."""
        node: _N = _adapter(cls).validate_python(data)
        return node

    @classmethod
    def model_validate_json(cls: type[_N], data: str | bytes) -> _N:
        """A node from JSON such as `awesome-lint tree` prints, checked by pydantic."""
        node: _N = _adapter(cls).validate_json(data)
        return node

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the node and everything under it, as pydantic generates it."""
        schema: dict[str, Any] = _adapter(cls).json_schema()
        return schema


class Span(Node, frozen=True, kw_only=True):
    """Offsets [start, end) into the document text and the 1-based lines they begin and end on."""

    start: int
    end: int
    line: int
    end_line: int


class Link(Node, frozen=True, kw_only=True):
    """A markdown link: `[[paper]](url)` has label `paper`; `[Name](url)` has label `Name`."""

    label: str
    url: str
    line: int
    column: int


class TextPart(Node, frozen=True, kw_only=True):
    """A piece of an entry: the authors bullet, a summary, a description."""

    text: str
    line: int
    span: Span


class EntryField(Node, frozen=True, kw_only=True):
    """A `Label: value` bullet of an entry, the label as written."""

    label: str
    value: str
    line: int
    span: Span


class Summary(Node, frozen=True, kw_only=True):
    """The `<summary>` of a `<details>` block: its plain text, and the title and year read from it."""

    text: str
    html: str
    title: str
    year: int | None
    line: int
    span: Span


class Digest(Node, frozen=True, kw_only=True):
    """The nested `<details><summary>Digest</summary> ... </details>` of an entry."""

    text: str
    line: int
    closed: bool
    span: Span


class Heading(Node, frozen=True, kw_only=True):
    type: Literal["heading"] = "heading"
    level: int
    title: str
    anchor: str
    setext: bool
    line: int
    span: Span
    text: str


class Raw(Node, frozen=True, kw_only=True):
    """A block the builder keeps as it is: blank lines, paragraphs, tables, code, HTML, comments, ..."""

    type: Literal["raw"] = "raw"
    kind: BlockKind
    unclosed: bool = False
    line: int
    span: Span
    text: str


class Entry(Node, frozen=True, kw_only=True):
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


class Group(Node, frozen=True, kw_only=True):
    """A `<details>` holding several entries, or one labelled by a year (`<summary>Survey: 2024</summary>`)."""

    type: Literal["group"] = "group"
    label: str
    year: int | None
    summary: Summary | None
    children: list[Block]
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


Block: TypeAlias = Entry | Group | Raw


class Section(Node, frozen=True, kw_only=True):
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


class Document(Node, frozen=True, kw_only=True):
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

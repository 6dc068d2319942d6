"""The typed tree: a Document of Sections holding Entries, Groups and Raw blocks, every node with its span.

Block-level nodes (Raw, Entry, Group, Heading) keep their exact source text; the document renders by joining
them in order, so `parse(text).render() == text` for every text. Offsets are code-point indices into the text
without its BOM; lines are 1-based.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal, TypeAlias, TypeVar

from .scan import BlockKind

# Frozen, slotted dataclasses typed for pydantic, not pydantic models: a check of a small file must not pay
# pydantic's import and schema-building cost (about 80 ms, most of a pre-commit run). pydantic serialises,
# validates and describes them on demand through a TypeAdapter: model_dump, model_dump_json, model_validate,
# model_validate_json and model_json_schema behave as they do on a pydantic model.

_ADAPTERS: dict[str, Any] = {}
_N = TypeVar("_N", bound="Node")


def _adapter(kind: type) -> Any:
    if kind.__name__ not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[kind.__name__] = TypeAdapter(kind)
    return _ADAPTERS[kind.__name__]


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    # Equality, hashing and repr are written once here rather than generated for every node class (eq=False,
    # repr=False below): generating them costs more at start-up than checking a small list does.
    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, item.name) for item in fields(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Node)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{item.name}={getattr(self, item.name)!r}" for item in fields(self))
        return f"{self.__class__.__name__}({shown})"

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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Span(Node):
    """Offsets [start, end) into the document text and the 1-based lines they begin and end on."""

    start: int
    end: int
    line: int
    end_line: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Link(Node):
    """A markdown link: `[[paper]](url)` has label `paper`; `[Name](url)` has label `Name`."""

    label: str
    url: str
    line: int
    column: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class TextPart(Node):
    """A piece of an entry: the authors bullet, a summary, a description."""

    text: str
    line: int
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class EntryField(Node):
    """A `Label: value` bullet of an entry, the label as written."""

    label: str
    value: str
    line: int
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Summary(Node):
    """The `<summary>` of a `<details>` block: its plain text, and the title and year read from it."""

    text: str
    html: str
    title: str
    year: int | None
    line: int
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Digest(Node):
    """The nested `<details><summary>Digest</summary> ... </details>` of an entry."""

    text: str
    line: int
    closed: bool
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Heading(Node):
    type: Literal["heading"] = "heading"
    level: int
    title: str
    anchor: str
    setext: bool
    line: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Raw(Node):
    """A block the builder keeps as it is: blank lines, paragraphs, tables, code, HTML, comments, ..."""

    type: Literal["raw"] = "raw"
    kind: BlockKind
    unclosed: bool = False
    line: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Group(Node):
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
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

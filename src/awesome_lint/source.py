"""Bytes to text: strict UTF-8, the BOM kept aside, and a line table that knows every line's own ending."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import NamedTuple

from .record import Record, field

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n|\r|\n")
_UTF16_BOMS = {b"\xff\xfe": "UTF-16 (little-endian)", b"\xfe\xff": "UTF-16 (big-endian)"}
_UTF32_BOMS = {b"\xff\xfe\x00\x00": "UTF-32 (little-endian)", b"\x00\x00\xfe\xff": "UTF-32 (big-endian)"}


class SourceError(ValueError):
    """Input that is not UTF-8 text; the message is one line a person can act on."""


class Line(NamedTuple):
    """One line of the text: its start offset, where its content ends, and where its ending ends.

    A named tuple: a line table has a Line for every line of the text, and tuples are the cheapest to make.
    """

    start: int
    end: int
    stop: int

    @property
    def ending(self) -> int:
        return self.stop - self.end


class Source(Record, frozen=True, slots=False):  # a __dict__ for cached_property
    """Decoded text (BOM removed) with a line table; offsets are code-point indices into `text`."""

    text: str
    bom: bool = False
    lines: tuple[Line, ...] = field(default=(), repr=False)
    _starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def from_text(cls, text: str) -> Source:
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        lines = split_lines(text)
        return cls(text=text, bom=bom, lines=lines, _starts=tuple(line.start for line in lines))

    @cached_property
    def _line_texts(self) -> list[str]:
        """Every line's content, cut once: the builder and the rules read lines many times over."""
        if "\r" not in self.text:
            return self.text.split("\n")[: len(self.lines)]
        return [self.text[line.start : line.end] for line in self.lines]

    def line_text(self, index: int) -> str:
        """The content of line `index` (0-based), without its ending."""
        return self._line_texts[index]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; column counts code points."""
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return index + 1, offset - self._starts[index] + 1


def split_lines(text: str) -> tuple[Line, ...]:
    """Split on CRLF, CR and LF only (never on form feed or U+2028, unlike str.splitlines)."""
    lines: list[Line] = []
    start = 0
    if "\r" not in text:  # the common case: LF endings only, split by str.split rather than a regex
        for piece in text.split("\n")[:-1]:
            end = start + len(piece)
            lines.append(Line(start, end, end + 1))
            start = end + 1
        if start < len(text) or not lines:
            lines.append(Line(start, len(text), len(text)))
        return tuple(lines)
    for match in _LINE_END.finditer(text):
        lines.append(Line(start, match.start(), match.end()))
        start = match.end()
    if start < len(text) or not lines:
        lines.append(Line(start, len(text), len(text)))
    return tuple(lines)


def decode(data: bytes, name: str = "<input>") -> str:
    """Decode bytes as strict UTF-8; a leading BOM stays in the returned text for `Source` to set aside.

    Raises SourceError naming the file and the line of the first bad byte.
    """
    for bom, what in _UTF32_BOMS.items():
        if data.startswith(bom):
            raise SourceError(f"{name}: file is {what}, not UTF-8; re-save it as UTF-8")
    for bom, what in _UTF16_BOMS.items():
        if data.startswith(bom):
            raise SourceError(f"{name}: file is {what}, not UTF-8; re-save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = _line_of(data, nul)
        raise SourceError(f"{name}:{line}: file is binary (NUL byte at offset {nul}), not UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start)
        raise SourceError(
            f"{name}:{line}: file is not UTF-8 (invalid byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1

"""The reader: strict UTF-8, BOM kept aside, lines split only on CRLF, CR and LF."""

from __future__ import annotations

import pytest

from awesome_lint.source import Line, Source, SourceError, decode, split_lines


def test_split_keeps_each_ending() -> None:
    text = "a\r\nb\rc\nd"
    assert [text[line.start : line.stop] for line in split_lines(text)] == ["a\r\n", "b\r", "c\n", "d"]
    assert [line.ending for line in split_lines(text)] == [2, 1, 1, 0]


def test_split_ignores_form_feed_and_unicode_separators() -> None:
    text = "a\x0cb\u2028c\x85d\n"
    assert split_lines(text) == (Line(0, 7, 8),)


def test_empty_text_is_one_empty_line() -> None:
    assert split_lines("") == (Line(0, 0, 0),)


def test_bom_is_set_aside() -> None:
    source = Source.from_text("\ufeff# T\n")
    assert source.bom is True
    assert source.text == "# T\n"


def test_position_is_one_based_in_code_points() -> None:
    source = Source.from_text("ab\r\nçd\n")
    assert source.position(0) == (1, 1)
    assert source.position(5) == (2, 2)
    assert source.position(len(source.text)) == (2, 4)  # the end of the text stays on the last line


def test_decode_names_the_line_of_the_first_bad_byte() -> None:
    with pytest.raises(SourceError) as error:
        decode(b"ok\r\nok\nbad \xff here\n", "list.md")
    assert str(error.value) == "list.md:3: file is not UTF-8 (invalid byte 0xff at offset 11)"


def test_decode_refuses_nul_bytes() -> None:
    with pytest.raises(SourceError, match=r"^x\.md:2: file is binary \(NUL byte at offset 2\)"):
        decode(b"a\n\x00", "x.md")


@pytest.mark.parametrize(
    ("data", "what"),
    [(b"\xff\xfea\x00", "UTF-16 (little-endian)"), (b"\xfe\xff\x00a", "UTF-16 (big-endian)")],
)
def test_decode_says_what_utf16_is(data: bytes, what: str) -> None:
    with pytest.raises(SourceError, match=f"file is {what.replace('(', '.').replace(')', '.')}, not UTF-8"):
        decode(data, "x.md")


def test_decode_keeps_the_bom_for_the_parser() -> None:
    assert decode(b"\xef\xbb\xbf# T\n") == "\ufeff# T\n"

"""The block scanner: exact tiling and the block kinds of DESIGN.md."""

from __future__ import annotations

from awesome_lint.scan import scan
from awesome_lint.source import Source


def kinds(text: str) -> list[tuple[str, int, int, bool]]:
    return [(b.kind, b.start + 1, b.end, b.unclosed) for b in scan(Source.from_text(text))]


def test_blocks_of_a_paper_list() -> None:
    text = (
        "# List\n\n## Papers\n<details>\n<summary>A (2024)</summary>\n\n- A. [[paper]](u)\n"
        "  - <details><summary>Digest</summary>\n    text\n  </details>\n</details>\n\n- [B](v) - b.\n"
    )
    assert kinds(text) == [
        ("heading", 1, 1, False),
        ("blank", 2, 2, False),
        ("heading", 3, 3, False),
        ("details", 4, 11, False),
        ("blank", 12, 12, False),
        ("item", 13, 13, False),
    ]


def test_unclosed_details_ends_before_next_heading() -> None:
    text = "<details>\n<summary>A</summary>\n\n- a\n## Next\n<details>\n<summary>B</summary>\n</details>\n"
    assert kinds(text) == [("details", 1, 4, True), ("heading", 5, 5, False), ("details", 6, 8, False)]


def test_unclosed_details_ends_before_next_column0_details() -> None:
    text = "<details>\n<summary>A</summary>\n<details>\n<summary>B</summary>\n</details>\n"
    assert kinds(text) == [("details", 1, 2, True), ("details", 3, 5, False)]


def test_deeper_heading_inside_closed_details_stays_inside() -> None:
    text = "## Tools\n<details>\n<summary>CLI</summary>\n\n#### Parsing\n\n- [x](y)\n</details>\n"
    assert kinds(text) == [("heading", 1, 1, False), ("details", 2, 8, False)]


def test_details_tags_in_code_and_comments_are_ignored() -> None:
    text = "<details>\n<summary>`</details>`</summary>\n\n```\n</details>\n# no heading\n```\n</details>\n"
    assert kinds(text) == [("details", 1, 8, False)]


def test_fence_and_comment_are_opaque() -> None:
    text = "```md\n# not a heading\n<details>\n```\n<!--\n# hidden\n-->\n# Real\n"
    assert kinds(text) == [("fence", 1, 4, False), ("comment", 5, 7, False), ("heading", 8, 8, False)]


def test_unclosed_fence_runs_to_the_end() -> None:
    assert kinds("a\n\n~~~\n# x\n") == [("text", 1, 1, False), ("blank", 2, 2, False), ("fence", 3, 4, True)]


def test_setext_headings_and_thematic_breaks() -> None:
    assert kinds("Title\n=====\n\nSub\n---\n\n---\n") == [
        ("heading", 1, 2, False),
        ("blank", 3, 3, False),
        ("heading", 4, 5, False),
        ("blank", 6, 6, False),
        ("text", 7, 7, False),
    ]


def test_indented_code_after_a_paragraph_break() -> None:
    assert kinds("text\n\n    code\n    - not an item\n") == [
        ("text", 1, 1, False),
        ("blank", 2, 2, False),
        ("code", 3, 4, False),
    ]


def test_list_items_with_continuation_and_blank_lines() -> None:
    text = "- a\n  more\n\n  still a\n- b\nlazy\n\nparagraph\n"
    assert kinds(text) == [
        ("item", 1, 4, False),
        ("item", 5, 6, False),
        ("blank", 7, 7, False),
        ("text", 8, 8, False),
    ]


def test_html_block_and_crlf() -> None:
    assert kinds("<p align=center>\r\n<img src=x>\r\n</p>\r\n\r\n# T\r\n") == [
        ("html", 1, 3, False),
        ("blank", 4, 4, False),
        ("heading", 5, 5, False),
    ]


def test_many_unclosed_details_stay_linear_blocks() -> None:
    text = "<details>\n" * 2000
    blocks = scan(Source.from_text(text))
    assert len(blocks) == 2000
    assert all(block.unclosed and block.end - block.start == 1 for block in blocks)

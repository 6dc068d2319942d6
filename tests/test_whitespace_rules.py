"""White-space rules AL401-AL404 beyond their fixtures: the seed list, exact bytes, code, the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.config import Settings
from awesome_lint.engine import Diagnostic, lint
from awesome_lint.fix import apply_edits, fix

from conftest import SEED_LIST, needs_seed, shared_files

WHITESPACE = ["AL401", "AL402", "AL403", "AL404"]


def _lint(text: str, *codes: str) -> list[Diagnostic]:
    return lint(text, Settings(select=list(codes or WHITESPACE)))


def _fixed(text: str, *codes: str) -> str:
    diagnostics = _lint(text, *codes)
    return apply_edits(text, [edit for d in diagnostics if d.fix and d.fix.safe for edit in d.fix.edits])


def _where(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.end_line, d.code) for d in diagnostics]


@needs_seed
def test_seed_list_blank_line_runs() -> None:
    text = SEED_LIST.read_bytes().decode("utf-8")
    found = _lint(text)
    assert _where(found) == [
        (10, 11, "AL401"),
        (13, 14, "AL401"),
        (27, 28, "AL401"),
        (39, 56, "AL401"),
        (82, 83, "AL401"),
        (118, 136, "AL401"),
        (146, 147, "AL401"),
        (204, 205, "AL401"),
    ]
    assert found[3].message == "18 blank lines in a row"
    fixed = _fixed(text)
    assert _lint(fixed) == []
    assert fixed.split() == text.split()
    assert fixed.count("\n") == text.count("\n") - (1 + 1 + 1 + 17 + 1 + 18 + 1 + 1)


def test_blank_run_keeps_its_first_line_and_crlf() -> None:
    text = "# A\r\n\r\n  \r\n\t\r\n## B\r\n"
    (finding,) = _lint(text, "AL401")
    assert (finding.line, finding.column, finding.end_line) == (2, 1, 4)
    assert finding.message == "3 blank lines in a row"
    assert _fixed(text, "AL401") == "# A\r\n\r\n## B\r\n"


def test_blank_lines_at_end_are_final_newline_business() -> None:
    text = "# A\n\ntext\n\n\n\n"
    assert _where(_lint(text)) == [(4, 6, "AL403")]
    assert _fixed(text) == "# A\n\ntext\n"


def test_blank_lines_inside_code_are_data() -> None:
    text = "# A\n\n- item [x](https://x.org)\n\n  ```\n  a\n\n\n  b   \n  ```\n\nend\n"
    assert _lint(text) == []


def test_trailing_whitespace_keeps_hard_breaks_only_inside_a_paragraph() -> None:
    text = "one  \ntwo  \n\n- item  \n  - sub\n# Head  \n| a |  \nlast  \n"
    found = _lint(text, "AL402")
    assert [(d.line, d.column) for d in found] == [(2, 4), (4, 7), (6, 7), (7, 6), (8, 5)]
    assert _fixed(text, "AL402") == "one  \ntwo\n\n- item\n  - sub\n# Head\n| a |\nlast\n"


def test_trailing_whitespace_leaves_crlf_and_tabs_right() -> None:
    text = "title\t\r\n  \r\nend \r\n"
    found = _lint(text, "AL402")
    assert [d.message for d in found] == [
        "line ends with white space",
        "blank line holds white space",
        "line ends with white space",
    ]
    assert _fixed(text, "AL402") == "title\r\n\r\nend\r\n"


def test_trailing_whitespace_in_a_fence_inside_an_entry_is_data() -> None:
    text = (
        "<details>\n<summary>MedCLIP (2022)</summary>\n\n"
        "- MedCLIP. [[paper]](https://arxiv.org/abs/2210.10163)\n"
        "  ```python\n  model = MedCLIP()   \n  ```\n</details>\n"
    )
    assert _lint(text, "AL402") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# A\n\ntext", "# A\n\ntext\n"),
        ("# A\r\n\r\ntext", "# A\r\n\r\ntext\r\n"),
        ("# A\r\n\ntext\r\nmore", "# A\r\n\ntext\r\nmore\r\n"),
        ("text", "text\n"),
        ("text\n\n", "text\n"),
        ("text\r\n  \r\n\t", "text\r\n"),
    ],
)
def test_final_newline(text: str, expected: str) -> None:
    (finding,) = _lint(text, "AL403")
    assert finding.fix is not None and finding.fix.safe
    assert _fixed(text, "AL403") == expected


@pytest.mark.parametrize("text", ["", "\n", "  \n\n", "text\n", "text\r\n", "text\r"])
def test_final_newline_noop(text: str) -> None:
    assert _lint(text, "AL403") == []


def test_final_newline_message_and_position() -> None:
    (finding,) = _lint("# A\nlast", "AL403")
    assert (finding.line, finding.column, finding.message) == (2, 5, "file does not end with a line ending")
    (finding,) = _lint("# A\n\n\n", "AL403")
    assert (finding.line, finding.message) == (2, "file ends with 2 blank lines")


def test_mixed_line_endings_majority_and_message() -> None:
    text = "a\r\nb\r\nc\nd\r\ne\rf"
    (finding,) = _lint(text, "AL404")
    assert (finding.line, finding.column, finding.severity) == (3, 2, "error")
    assert finding.message == "file mixes line endings: 3 CRLF, 1 LF, 1 CR; the first LF is here"
    assert finding.file_wide
    assert _fixed(text, "AL404") == "a\r\nb\r\nc\r\nd\r\ne\r\nf"


def test_mixed_line_endings_tie_goes_to_lf() -> None:
    text = "a\r\nb\nc\r\nd\n"
    (finding,) = _lint(text, "AL404")
    assert finding.message == "file mixes line endings: 2 LF, 2 CRLF; the first CRLF is here"
    assert _fixed(text, "AL404") == "a\nb\nc\nd\n"


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\r\n", "a\rb\r", "a", ""])
def test_mixed_line_endings_noop(text: str) -> None:
    assert _lint(text, "AL404") == []


def test_all_whitespace_fixes_settle_together() -> None:
    text = "# A  \r\n\n\n  \nx  \ny\t\r\n\n\n"
    result = fix(text, Settings(select=WHITESPACE))
    assert result.text == "# A\n\nx  \ny\n"
    assert _lint(result.text) == []


@pytest.mark.parametrize("path", shared_files(), ids=lambda path: path.name)
def test_corpus_never_raises_and_fixes_settle(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    found = _lint(text)
    assert all(d.code in WHITESPACE for d in found)
    result = fix(text, Settings(select=WHITESPACE))
    assert [d for d in result.remaining if d.fix is not None] == []
    assert result.text.split() == text.split()

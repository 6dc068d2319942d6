"""AL101 and AL102 beyond their fixtures: GitHub's renderer as the oracle, the seed list, the shared corpus."""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pytest

from awesome_lint.config import Settings
from awesome_lint.engine import lint
from awesome_lint.fix import fix

from conftest import FIXTURES, SEED_LIST, SHARED, needs_seed, needs_shared, shared_files

SWALLOW = FIXTURES / "html-block-swallows-markdown"
DEEP = SHARED / "corpus/lists/MinghuiChen43__awesome-deep-phenomena__c4ae61a.md"


def _html(path: Path) -> str:
    return _render(path.read_bytes().decode("utf-8"))


def _render(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text, options=cmarkgfm.Options.CMARK_OPT_UNSAFE)


def _lines(text: str, code: str) -> list[int]:
    return [d.line for d in lint(text, Settings(select=[code]))]


def test_github_shows_bad_raw_and_fixed_rendered() -> None:
    bad, fixed = _html(SWALLOW / "bad.md"), _html(SWALLOW / "fixed.md")
    for raw, rendered in [
        ("- MedCLIP: Contrastive", "<li>MedCLIP: Contrastive"),
        ("#### Privacy", "<h4>Privacy</h4>"),
        ("> MIMIC-CXR", "<blockquote>\n<p>MIMIC-CXR"),
        ("| Dataset |", "<th>Dataset</th>"),
        ("See the [contributing guide](CONTRIBUTING.md)", '<p>See the <a href="CONTRIBUTING.md">'),
        ("[![Awesome](https://awesome.re/badge.svg)]", '<p><a href="https://awesome.re"><img src='),
    ]:
        assert raw in bad and rendered not in bad
        assert rendered in fixed and raw not in fixed


def test_github_renders_good_markdown() -> None:
    good = _html(SWALLOW / "good.md")
    assert "<h3>Privacy</h3>" in good and "<blockquote>" in good and "<li>MedCLIP" in good


@needs_seed
def test_seed_list() -> None:
    text = SEED_LIST.read_text(encoding="utf-8")
    assert _lines(text, "AL102") == [110, 165]
    assert _lines(text, "AL101") == []


def test_swallow_fix_on_crlf_keeps_crlf() -> None:
    text = "<details>\r\n<summary>X (2024)</summary>\r\n- X\r\n</details>\r\n#### Privacy\r\n"
    (first, second) = lint(text, Settings(select=["AL102"]))
    assert (first.line, second.line) == (3, 5)
    assert first.fix is not None and first.fix.edits[0].text == "\r\n"


def test_unclosed_digest_fix_on_last_line_without_newline() -> None:
    text = "- Paper\r\n  - <details><summary>Digest</summary> text"
    (diagnostic,) = lint(text, Settings(select=["AL101"]))
    assert diagnostic.fix is not None
    (edit,) = diagnostic.fix.edits
    assert (edit.start, edit.text) == (len(text), "\r\n  </details>")


def test_a_top_level_item_is_closed_inside_it_so_the_list_goes_on() -> None:
    """A closer at column 0 would end the list, and GitHub would show the next item as raw text."""
    text = "# List\n\n- <details><summary>Tool</summary> A tool.\n- [Viewer](https://viewer.example) - Views.\n"
    result = fix(text, Settings(select=["AL101"]))
    assert result.text == text.replace("A tool.\n", "A tool.\n  </details>\n")
    rendered = _render(result.text)
    assert rendered.count("<ul>") == 1 and "</details>\n</li>" in rendered
    assert '<li><a href="https://viewer.example">Viewer</a> - Views.</li>' in rendered
    at_column_0 = _render(text.replace("A tool.\n", "A tool.\n</details>\n"))
    assert "- [Viewer](https://viewer.example) - Views." in at_column_0  # what a column-0 closer would show


@needs_shared
def test_deep_phenomena_digests() -> None:
    text = DEEP.read_text(encoding="utf-8")
    diagnostics = lint(text, Settings(select=["AL101"]))
    opens = [i + 1 for i, line in enumerate(text.splitlines()) if "<details>" in line and "</details>" not in line]
    assert len(opens) == 582
    assert [d.line for d in diagnostics] == opens
    assert all(d.message == "<details> opened here is never closed" and d.fix for d in diagnostics)


@needs_shared
@pytest.mark.parametrize("path", shared_files(), ids=lambda path: path.name)
def test_corpus_never_raises(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    diagnostics = lint(text, Settings(select=["AL101", "AL102"]))
    assert not [d for d in diagnostics if d.code == "AL000"]

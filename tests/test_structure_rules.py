"""The structure rules on the seed list, on the corpus, and the table-of-contents generator and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.build import parse
from awesome_lint.config import ConfigError, Settings, validate
from awesome_lint.engine import Diagnostic, lint
from awesome_lint.fix import apply_edits
from awesome_lint.toc import generate_toc, is_toc_title

from conftest import SEED_LIST, needs_seed, needs_shared, shared_files

SEED = SEED_LIST
STRUCTURE = ["AL103", "AL104", "AL105", "AL106"]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _lint(text: str, *codes: str) -> list[Diagnostic]:
    return lint(text, Settings(select=list(codes)))


def _fixed(text: str, *codes: str) -> str:
    edits = [edit for d in _lint(text, *codes) if d.fix is not None and d.fix.safe for edit in d.fix.edits]
    return apply_edits(text, edits)


# -- the seed list -------------------------------------------------------------------------------------


@needs_seed
def test_seed_empty_sections() -> None:
    found = [(d.line, d.column) for d in _lint(_read(SEED), "AL103")]
    lines = [137, 139, 141, 143, 145, 149, 150, 151, 152, 165, 166, 206, 207, 208, 210]
    assert found == [(line, 1) for line in lines]


@needs_seed
def test_seed_has_one_toc_finding_and_no_other_structure_problem() -> None:
    found = _lint(_read(SEED), "AL104", "AL105", "AL106")
    assert [(d.line, d.column, d.code, d.message, d.file_wide) for d in found] == [
        (12, 1, "AL105", "Table of Contents is empty", True)
    ]
    assert found[0].fix is not None and found[0].fix.safe


@needs_seed
def test_seed_toc_fix_lists_levels_two_and_three_and_every_anchor_resolves() -> None:
    text = _read(SEED)
    fixed = _fixed(text, "AL105")
    lines = fixed.split("\n")
    assert lines[11] == "## Table of Contents"
    assert lines[12] == ""
    end = lines.index("", 13)
    listing = lines[13:end]
    assert lines[end + 1] == "## Survey"
    assert len(listing) == 22  # every heading of levels 2 and 3 after the table of contents
    assert listing[:3] == [
        "- [Survey](#survey)",
        "- [Existing Medical VLM and Foundation Models](#existing-medical-vlm-and-foundation-models)",
        "  - [CLIP and Variants](#clip-and-variants)",
    ]
    assert listing[-1] == "- [Challenges and Future Direction](#challenges-and-future-direction)"
    assert "Fairness" not in "\n".join(listing)
    # Nothing else changed, and the fixed list satisfies both rules.
    assert fixed.replace("\n".join(listing) + "\n\n", "", 1) == text.replace("\n\n\n## Survey", "\n\n## Survey", 1)
    assert _lint(fixed, "AL105", "AL106") == []
    assert _fixed(fixed, "AL105") == fixed


@needs_seed
def test_generate_toc_at_level_four_nests_the_trustworthiness_subsections() -> None:
    listing = generate_toc(parse(_read(SEED)), 2, 4, "\r\n")
    assert listing.count("\r\n") == 25
    assert "\n" not in listing.replace("\r\n", "")
    assert "  - [Trustworthiness](#trustworthiness)\r\n    - [Fairness](#fairness)\r\n" in listing
    assert "Table of Contents" not in listing


# -- the table of contents -----------------------------------------------------------------------------


def test_toc_fix_keeps_crlf_and_fills_an_empty_toc() -> None:
    text = "# List\r\n\r\n## Contents\r\n\r\n## Survey\r\n\r\ntext\r\n\r\n### Older\r\n\r\ntext\r\n"
    assert [d.message for d in _lint(text, "AL105")] == ["Table of Contents is empty"]
    assert _fixed(text, "AL105") == (
        "# List\r\n\r\n## Contents\r\n\r\n- [Survey](#survey)\r\n  - [Older](#older)\r\n\r\n"
        "## Survey\r\n\r\ntext\r\n\r\n### Older\r\n\r\ntext\r\n"
    )


def test_toc_at_end_of_file_without_newline() -> None:
    text = "# List\n\n## A\n\ntext\n\n## TOC"
    found = _lint(text, "AL105")
    assert [d.message for d in found] == ["Table of Contents is empty"]
    # The table of contents covers the headings after it: none here, so there is nothing to generate.
    assert found[0].fix is None


def test_toc_of_top_level_sections_is_complete_without_subsections() -> None:
    text = "## Contents\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n### A1\n\nx\n\n## B\n\nx\n\n## License\n\nMIT\n"
    assert _lint(text, "AL105") == []


def test_toc_requires_the_subsections_of_a_section_it_expands() -> None:
    text = "## Contents\n\n- [A](#a)\n  - [A1](#a1)\n- [B](#b)\n\n## A\n\n### A1\n\n### A2\n\n## B\n\n### B1\n"
    assert [d.message for d in _lint(text, "AL105")] == ['Table of Contents misses "A2" (#a2)']


def test_toc_split_by_a_paragraph_is_reported_without_a_fix() -> None:
    text = "## Contents\n\n- [B](#b)\n\nMore:\n\n- [A](#a)\n\n## A\n\nx\n\n## B\n\nx\n"
    found = _lint(text, "AL105")
    assert [d.message for d in found] == ['Table of Contents lists "B" before "A"']
    assert found[0].fix is None


def test_toc_linking_to_other_pages_is_left_alone() -> None:
    text = "## Contents\n\n- [A](https://example.org/README.md#a)\n\n## A\n\nx\n"
    assert _lint(text, "AL105") == []


def test_toc_spread_over_subsections_is_read_as_one_list() -> None:
    text = (
        "## Table of Contents\n\n### Libraries\n\n- [C](#c)\n  - [Vision](#c-vision)\n\n"
        "### Tools\n\n- [Tools](#tools-1)\n\n"
        '## C\n\n<a name="c-vision"></a>\n#### Vision\n\nx\n\n## Tools\n\nx\n'
    )
    found = _lint(text, "AL105", "AL106")
    assert [d.message for d in found] == []


def test_toc_titles() -> None:
    assert is_toc_title("📚 Table of Contents")
    assert is_toc_title(":anger: &nbsp;Table of Contents")
    assert is_toc_title("TOC")
    assert not is_toc_title("CLI Tools &nbsp;[TOC]")
    assert not is_toc_title("Content Management Systems")


def test_toc_options_are_validated() -> None:
    with pytest.raises(ConfigError, match="min-level"):
        validate({"rules": {"toc": {"min-level": 4, "max-level": 3}}}, "test")
    with pytest.raises(ConfigError, match="unknown option"):
        validate({"rules": {"toc": {"depth": 2}}}, "test")
    settings = validate({"select": ["AL105"], "rules": {"toc": {"max-level": 2}}}, "test")
    fixed = apply_edits(
        text := "## Contents\n\n## A\n\n### A1\n",
        [edit for d in lint(text, settings) if d.fix for edit in d.fix.edits],
    )
    assert fixed == "## Contents\n\n- [A](#a)\n\n## A\n\n### A1\n"


# -- empty sections and anchors ------------------------------------------------------------------------


def test_empty_section_allow_is_case_insensitive_and_exact() -> None:
    settings = validate({"select": ["AL103"], "rules": {"empty-section": {"allow": ["privacy"]}}}, "test")
    found = lint("# L\n\nx\n\n## Privacy\n\n## Privacy Lists\n", settings)
    assert [(d.line, d.message.split(";")[0]) for d in found] == [(7, 'section "Privacy Lists" is empty')]


def test_anchors_of_headings_inside_details_and_explicit_ids() -> None:
    text = (
        "- [x](#inner) [y](#user-content-box) [z](#named)\n\n"
        '<details id="box">\n<summary>Box</summary>\n\n### Inner\n\n</details>\n\n<a name="named"></a>\n'
    )
    assert _lint(text, "AL106") == []


def test_broken_anchor_in_html_and_reference_definitions() -> None:
    text = '# Intro\n\n<a href="#Intro">up</a> <a href="#TOP">top</a>\n\n[go][g]\n\n[g]: #nowhere\n'
    assert [(d.line, d.column, d.message) for d in _lint(text, "AL106")] == [
        (3, 10, 'link to "#Intro" matches no heading; did you mean "#intro"?'),
        (7, 6, 'link to "#nowhere" matches no heading; link to an existing heading or fix the heading'),
    ]


# -- the corpus ----------------------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("path", shared_files(), ids=lambda path: path.name)
def test_structure_rules_never_fail_and_toc_fix_settles(path: Path) -> None:
    text = _read(path).removeprefix("\ufeff")
    found = _lint(text, *STRUCTURE)
    assert [d.message for d in found if d.code == "AL000"] == []
    fixed = _fixed(text, "AL105")
    if fixed != text:
        assert [d.message for d in _lint(fixed, "AL105") if d.fix is not None] == []

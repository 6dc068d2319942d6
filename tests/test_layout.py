"""AL206 entry-layout and the canonical entry emitter: the seed list, idempotence, schema order, the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.build import parse
from awesome_lint.config import SchemaRule, Settings
from awesome_lint.emit import canonical_entry
from awesome_lint.engine import Diagnostic, lint
from awesome_lint.fix import apply_edits
from awesome_lint.model import Entry

from conftest import SEED_LIST, needs_seed, shared_files

SEED = SEED_LIST


def _seed() -> str:
    return SEED.read_bytes().decode("utf-8")


def _lint(text: str, schema: list[SchemaRule] | None = None) -> list[Diagnostic]:
    return lint(text, Settings.model_validate({"select": ["AL206"], "schema": schema or []}))


def _apply(text: str, diagnostics: list[Diagnostic], *, unsafe: bool = False) -> str:
    edits = [edit for d in diagnostics if d.fix and (d.fix.safe or unsafe) for edit in d.fix.edits]
    return apply_edits(text, edits)


def _only_entry(text: str) -> Entry:
    (entry,) = [entry for entry in parse(text).entries() if entry.kind == "details"]
    return entry


ENTRY = (
    "<details>\n"
    "<summary>MedCLIP: Contrastive Learning from Unpaired Medical Images and Text (2022)</summary>\n"
    "\n"
    "- MedCLIP: Contrastive Learning from Unpaired Medical Images and Text. [[paper]](https://arxiv.org/abs/2210.10163)\n"
    "  - Zifeng Wang, Zhenbang Wu, Dinesh Agarwal, Jimeng Sun.\n"
    "  - Modality: Chest Xray\n"
    "  - Datasets: MIMIC, ChexPert\n"
    "  - <details><summary>Digest</summary>\n"
    "    This paper introduces **MedCLIP**, a framework for contrastive learning\n"
    "    from unpaired medical images and text.\n"
    "  </details>\n"
    "</details>\n"
)


@needs_seed
def test_seed_list_only_ct_rate_is_off_layout() -> None:
    text = _seed()
    (finding,) = _lint(text)
    assert (finding.line, finding.column, finding.end_line, finding.code) == (108, 1, 117, "AL206")
    assert finding.message == (
        'entry "Developing Generalist Foundation Models from a Multimodal Dataset for 3D Computed Tomography": '
        "no blank line after the summary"
    )
    assert finding.fix is not None and finding.fix.safe
    (edit,) = finding.fix.edits
    bullet_line = text.index("- Developing Generalist Foundation Models")
    assert (edit.start, edit.end, edit.text) == (bullet_line, bullet_line, "\n")
    fixed = _apply(text, [finding])
    assert _lint(fixed) == []
    assert fixed == text[:bullet_line] + "\n" + text[bullet_line:]


@needs_seed
def test_canonical_entries_of_the_seed_list_emit_byte_for_byte() -> None:
    entries = [entry for entry in parse(_seed()).entries() if entry.kind == "details"]
    assert len(entries) == 9
    for entry in entries:
        canonical = canonical_entry(entry, ["paper", "authors", "Modality", "Datasets", "Key Words", "Digest"])
        assert canonical is not None
        if entry.line != 108:
            assert canonical == entry.text, entry.title


@needs_seed
def test_seed_list_fixed_by_the_emitter_reads_back_unchanged() -> None:
    fixed = _apply(_seed(), _lint(_seed()))
    for entry in parse(fixed).entries():
        if entry.kind == "details":
            assert canonical_entry(entry) == entry.text


def test_crlf_entry_keeps_its_line_ending() -> None:
    text = ENTRY.replace("</summary>\n\n", "</summary>\n").replace("\n", "\r\n")
    (finding,) = _lint(text)
    fixed = _apply(text, [finding])
    assert fixed == ENTRY.replace("\n", "\r\n")
    assert canonical_entry(_only_entry(fixed)) == fixed


def test_entry_at_end_of_file_without_final_newline() -> None:
    text = ENTRY.replace("  - Zifeng", "    - Zifeng")[:-1]
    fixed = _apply(text, _lint(text))
    assert fixed == ENTRY[:-1]


def test_digest_lines_are_reindented_never_joined() -> None:
    text = ENTRY.replace("    This paper", "        This paper").replace("    from unpaired", "          from unpaired")
    (finding,) = _lint(text)
    assert finding.message.endswith("digest text indented 8 spaces, not 4")
    fixed = _apply(text, [finding])
    assert fixed == ENTRY.replace("    from unpaired", "      from unpaired")


def test_fields_follow_the_deepest_schema_rule() -> None:
    swapped = ENTRY.replace(
        "  - Modality: Chest Xray\n  - Datasets: MIMIC, ChexPert\n",
        "  - Datasets: MIMIC, ChexPert\n  - Venue: NeurIPS\n  - Modality: Chest Xray\n",
    )
    text = "# List\n\n## Models\n\n### CLIP\n\n" + swapped
    schema = [
        SchemaRule(section="Models", require=["Datasets", "Modality"]),
        SchemaRule(section="CLIP", require=["paper", "Modality", "Datasets"]),
    ]
    (finding,) = _lint(text, schema)
    assert finding.message.endswith("fields out of schema order: Datasets before Modality")
    fixed = _apply(text, [finding])
    assert fixed.endswith(
        "  - Modality: Chest Xray\n  - Datasets: MIMIC, ChexPert\n  - Venue: NeurIPS\n"
        "  - <details><summary>Digest</summary>\n"
        "    This paper introduces **MedCLIP**, a framework for contrastive learning\n"
        "    from unpaired medical images and text.\n  </details>\n</details>\n"
    )
    assert _lint(fixed, schema) == []
    # Under the shallower rule alone Datasets comes first; fields it does not name go after its own.
    (shallow,) = _lint(text, schema[:1])
    assert shallow.message.endswith("fields out of schema order: Venue before Modality")
    assert _lint(text) == []


def test_unknown_lines_are_kept_after_the_fields() -> None:
    text = ENTRY.replace(
        "  - Modality: Chest Xray\n", "  - Code is on GitHub, see the paper.\n  - Modality: Chest Xray\n"
    )
    (finding,) = _lint(text)
    assert finding.message.endswith("a sub-bullet that is not a field comes before the fields")
    fixed = _apply(text, [finding])
    assert "  - Datasets: MIMIC, ChexPert\n  - Code is on GitHub, see the paper.\n  - <details>" in fixed
    assert sorted(fixed.split()) == sorted(text.split())


def test_ordered_marker_makes_the_fix_unsafe() -> None:
    text = ENTRY.replace("  - Zifeng", "  1. Zifeng")
    (finding,) = _lint(text)
    assert finding.message.endswith("list marker 1. instead of -")
    assert finding.fix is not None and not finding.fix.safe
    assert _apply(text, [finding], unsafe=True) == ENTRY


@pytest.mark.parametrize(
    "text",
    [
        ENTRY.replace("  </details>\n</details>\n", "</details>\n"),  # digest never closed
        ENTRY.replace("</details>\n", "", 1).replace("  </details>\n", ""),  # entry not closed
        ENTRY.replace("  - Datasets", "\nA paragraph the parser keeps apart.\n\n  - Datasets"),
        ENTRY.replace("<summary>MedCLIP", "<summary>\nMedCLIP"),  # summary over two lines
    ],
    ids=["digest-unclosed", "entry-unclosed", "paragraph-inside", "summary-two-lines"],
)
def test_entries_the_emitter_does_not_understand_are_left_alone(text: str) -> None:
    assert _lint(text) == []


def test_trailing_white_space_and_endings_are_not_layout() -> None:
    text = ENTRY.replace("Chest Xray\n", "Chest Xray  \n").replace("</summary>\n\n", "</summary>\n  \r\n")
    assert _lint(text) == []


def test_groups_and_classic_bullets_are_not_checked() -> None:
    text = (
        "<details>\n<summary>Survey: 2024</summary>\n\n"
        "- A Review. [[paper]](https://arxiv.org/abs/2403.02469)\n    - Iryna Hartsock.\n</details>\n\n"
        "- [MedCLIP](https://arxiv.org/abs/2210.10163) - Contrastive learning.\n      - Modality: X-ray\n"
    )
    assert _lint(text) == []


def test_fixed_entry_renders_as_a_list_on_github() -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    text = ENTRY.replace("</summary>\n\n", "</summary>\n")
    fixed = _apply(text, _lint(text))
    before = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    after = cmarkgfm.github_flavored_markdown_to_html(fixed, options=Options.CMARK_OPT_UNSAFE)
    assert "<li>" not in before
    assert "<li>MedCLIP" in after


@pytest.mark.parametrize("path", shared_files(), ids=lambda path: path.name)
def test_corpus_never_raises_and_fixed_text_is_canonical(path: Path) -> None:
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    found = _lint(text)
    assert all(d.code == "AL206" for d in found)
    fixed = _apply(text, found, unsafe=True)
    assert _lint(fixed) == []
    assert sorted(fixed.split()) == sorted(text.split()) or any(d.fix and not d.fix.safe for d in found)

"""The typed tree on the project's own list and on each entry shape."""

from __future__ import annotations

import json

from awesome_lint import Entry, Group, parse

from conftest import SEED_LIST, needs_seed


def _seed_text() -> str:
    return SEED_LIST.read_text(encoding="utf-8")


@needs_seed
def test_seed_outline() -> None:
    document = parse(_seed_text())
    outline = [(s.heading.line, s.level, s.title, sum(1 for _ in s.entries())) for s in document.walk()]
    assert len(outline) == 27
    assert outline[:5] == [
        (1, 1, "Awesome Medical Vision Language Model and Foundation Models", 0),
        (12, 2, "Table of Contents", 0),
        (15, 2, "Survey", 2),
        (57, 2, "Existing Medical VLM and Foundation Models", 0),
        (58, 3, "CLIP and Variants", 5),
    ]
    assert (154, 4, "Fairness", 1) in outline
    assert outline[-1] == (210, 2, "Challenges and Future Direction", 0)


@needs_seed
def test_seed_survey_groups_hold_one_paper_each() -> None:
    survey = next(s for s in parse(_seed_text()).walk() if s.title == "Survey")
    groups = [block for block in survey.body if isinstance(block, Group)]
    assert [(g.label, g.year, g.line, len(list(g.entries()))) for g in groups] == [
        ("Survey", 2024, 17, 1),
        ("Survey", 2023, 29, 1),
    ]
    paper = next(groups[0].entries())
    assert paper.year == 2024
    assert paper.year_line == 18
    assert [f.label for f in paper.fields] == ["Key Words"]


@needs_seed
def test_ct_rate_entry_without_blank_line_after_summary() -> None:
    entry = next(e for e in parse(_seed_text()).entries() if e.title.startswith("Developing Generalist"))
    assert entry.kind == "details"
    assert entry.title == "Developing Generalist Foundation Models from a Multimodal Dataset for 3D Computed Tomography"
    assert (entry.line, entry.title_line, entry.year, entry.year_line) == (108, 109, 2024, 109)
    assert [(link.label, link.url, link.line) for link in entry.links] == [
        ("paper", "https://arxiv.org/abs/2403.17834", 110)
    ]
    assert entry.authors is not None
    assert entry.authors.line == 111
    assert entry.authors.text.startswith("Ibrahim Ethem Hamamci, Sezgin Er,")
    assert [(f.label, f.value, f.line) for f in entry.fields] == [
        ("Modality", "Chest CT.", 112),
        ("Datasets", "CT-RATE", 113),
    ]
    assert entry.digest is not None
    assert (entry.digest.line, entry.digest.closed) == (114, True)
    assert entry.digest.text.startswith("This study introduces **CT-RATE**, the first dataset")


def test_classic_bullet_entry() -> None:
    document = parse("# L\n\n## Tools\n\n- [Awesome Tool](https://example.org/tool) - Does things (2021).\n")
    entry = next(document.entries())
    assert (entry.kind, entry.title, entry.description, entry.year, entry.line) == (
        "bullet",
        "Awesome Tool",
        "Does things (2021).",
        2021,
        5,
    )
    assert [(link.label, link.url, link.column) for link in entry.links] == [
        ("Awesome Tool", "https://example.org/tool", 18)
    ]


def test_paper_bullet_with_unclosed_inline_digest_takes_the_heading_year() -> None:
    text = (
        "## Study: 2025\n\n- Sharp Minima. [[paper]](https://arxiv.org/abs/2511.04808)\n"
        "  - Raymond Fan, Bryce Sandlund.\n  - Key Word: Loss Landscape.\n"
        "  - <details><summary>Digest</summary> The volume hypothesis.\n\n- Next. [[paper]](u)\n"
    )
    first, second = list(parse(text).entries())
    assert (first.title, first.year, first.year_line) == ("Sharp Minima", 2025, 1)
    assert first.digest is not None
    assert (first.digest.text, first.digest.closed) == ("The volume hypothesis.", False)
    assert second.title == "Next"


def test_details_open_and_unclosed_flags() -> None:
    text = "## A\n<details open>\n<summary>P (2020)</summary>\n\n- P. [[paper]](u)\n## B\n"
    entry = next(parse(text).entries())
    assert isinstance(entry, Entry)
    assert (entry.open, entry.unclosed, entry.span.end_line) == (True, True, 5)


def test_toc_items_are_not_entries() -> None:
    text = "## Contents\n\n- [Tools](#tools)\n\n## Tools\n\n- [T](https://t.org)\n"
    assert [e.title for e in parse(text).entries()] == ["T"]


@needs_seed
def test_tree_json_is_the_models_own() -> None:
    data = json.loads(parse(_seed_text()).model_dump_json())
    assert data["type"] == "document"
    assert data["sections"][0]["heading"]["anchor"] == "awesome-medical-vision-language-model-and-foundation-models"


def test_duplicate_heading_anchors_are_numbered() -> None:
    document = parse("## A\n## A\n## A\n")
    assert [s.heading.anchor for s in document.walk()] == ["a", "a-1", "a-2"]


def test_heading_anchor_decodes_entities_and_trims_what_a_badge_leaves() -> None:
    text = "# Awesome PHP [![Awesome](https://b.example/badge.svg)](https://a.example)\n## Tools &amp; Libraries\n"
    headings = [section.heading for section in parse(text).walk()]
    assert [(h.title, h.anchor) for h in headings] == [
        ("Awesome PHP", "awesome-php"),
        ("Tools &amp; Libraries", "tools--libraries"),
    ]

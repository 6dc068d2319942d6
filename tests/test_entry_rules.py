"""Entry rules on the seed list and the shared corpus: exact findings, schemas, and no crash anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.config import Settings
from awesome_lint.engine import lint
from awesome_lint.report import text_line

from conftest import SEED_LIST, needs_seed, shared_files

SEED = SEED_LIST
ENTRY_RULES = ["AL201", "AL202", "AL203", "AL204", "AL205"]
PROJECT_SCHEMA = {
    "section": "Existing Medical VLM and Foundation Models",
    "require": ["paper", "authors", "Modality", "Datasets", "Digest"],
}


def _lines(text: str, **settings: object) -> list[str]:
    return [text_line(d) for d in lint(text, Settings.model_validate(settings), path="README.md")]


def _seed() -> str:
    return SEED.read_bytes().decode("utf-8")


@needs_seed
def test_seed_list_is_clean_under_the_project_schema() -> None:
    assert _lines(_seed(), select=ENTRY_RULES, schema=[PROJECT_SCHEMA]) == []


@needs_seed
def test_schema_that_one_seed_entry_fails() -> None:
    schema = [{"section": "Tasks, Datasets and Metrics", "require": ["paper", "Datasets"]}]
    assert _lines(_seed(), select=["AL202"], schema=schema) == [
        'README.md:171:1: AL202 [required-field] entry "MIMIC-CXR: A De-identified Publicly Available Database of..." '
        'lacks Datasets (required under "Tasks, Datasets and Metrics")',
        'README.md:183:1: AL202 [required-field] entry "A Dataset of Clinically Generated Visual Questions and An..." '
        'lacks Datasets (required under "Tasks, Datasets and Metrics")',
        'README.md:195:1: AL202 [required-field] entry "BIOMEDICA: An Open Biomedical Image-Caption Archive, Data..." '
        'lacks Datasets (required under "Tasks, Datasets and Metrics")',
    ]


@needs_seed
def test_survey_entries_have_key_words_not_modality() -> None:
    schema = [{"section": "Survey", "require": ["Keywords", "Modality"]}]
    assert _lines(_seed(), select=["AL202"], schema=schema) == [
        'README.md:20:1: AL202 [required-field] entry "Vision-Language Models for Medical Report Generation and..." '
        'lacks Modality (required under "Survey")',
        'README.md:32:1: AL202 [required-field] entry "Medical Vision Language Pretraining: A Survey" '
        'lacks Modality (required under "Survey")',
    ]


@needs_seed
def test_deepest_schema_section_wins() -> None:
    schema = [
        PROJECT_SCHEMA,
        {"section": "clip and variants", "require": ["code"]},
    ]
    found = _lines(_seed(), select=["AL202"], schema=schema)
    assert [line.split(":")[1] for line in found] == ["60", "72", "85", "97", "109"]
    assert all('lacks code (required under "CLIP and Variants")' in line for line in found)


def test_default_is_an_option() -> None:
    text = "# Papers\n\n- A Paper. [[paper]](https://arxiv.org/abs/2303.00915)\n  - Modality: CT\n  - Digest: Short.\n"
    assert _lines(text, select=["AL202"]) == [
        'README.md:3:1: AL202 [required-field] entry "A Paper" lacks authors',
    ]
    assert _lines(text, select=["AL202"], rules={"required-field": {"default": ["paper", "Digest"]}}) == []


@needs_seed
def test_seed_summary_years_are_fine_but_a_missing_one_is_reported() -> None:
    text = _seed().replace("Text (2022)</summary>", "Text</summary>")
    assert _lines(text, select=["AL201"]) == [
        "README.md:60:1: AL201 [summary-year] summary of "
        '"MedCLIP: Contrastive Learning from Unpaired Medical Image..." '
        "has no year; end it with the year, as in `Title (2024)` or `Label: 2024`",
    ]


@needs_seed
def test_later_year_than_preprint_is_fine_earlier_is_not() -> None:
    # BiomedCLIP (2025) cites arXiv 2303.00915: published after the preprint, fine.
    assert _lines(_seed(), select=["AL203"]) == []
    text = _seed().replace("Image-Text Pairs (2025)", "Image-Text Pairs (2022)")
    assert _lines(text, select=["AL203"]) == [
        'README.md:85:124: AL203 [arxiv-year-mismatch] year 2022 of "BiomedCLIP: A Multimodal Biomedical Foundation '
        'Model Pret..." is earlier than its arXiv preprint 2303.00915 (2023)',
    ]


@needs_seed
def test_duplicate_reports_the_second_occurrence_once() -> None:
    text = _seed()
    copy = text[text.index("<details>\n<summary>MedCLIP") : text.index("<details>\n<summary>PubMedCLIP")]
    doubled = text.replace("### Text2Image Models\n", "### Text2Image Models\n" + copy.replace("abs/", "pdf/"))
    assert _lines(doubled, select=["AL205"]) == [
        'README.md:139:1: AL205 [duplicate-entry] entry "MedCLIP: Contrastive Learning from Unpaired Medical Image..." '
        'duplicates "MedCLIP: Contrastive Learning from Unpaired Medical Image..." on line 60 '
        "(same link https://arxiv.org/pdf/2210.10163)",
    ]


@pytest.mark.parametrize("path", shared_files(), ids=lambda path: path.name)
def test_entry_and_content_rules_never_raise_on_the_corpus(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    codes = [*ENTRY_RULES, "AL301", "AL302", "AL303"]
    found = lint(text, Settings.model_validate({"select": codes, "schema": [PROJECT_SCHEMA]}))
    assert not [d for d in found if d.code == "AL000"]

"""Content rules on the seed list: exactly the known findings, and fixes that remove only the artifact."""

from __future__ import annotations

import pytest

from awesome_lint.config import Settings
from awesome_lint.engine import lint
from awesome_lint.fix import apply_edits
from awesome_lint.report import text_line

from conftest import SEED_LIST, needs_seed

SEED = SEED_LIST


def _seed() -> str:
    return SEED.read_bytes().decode("utf-8")


def _lines(text: str, code: str) -> list[str]:
    return [text_line(d) for d in lint(text, Settings(select=[code]), path="README.md")]


def _fixed(text: str, code: str) -> str:
    found = lint(text, Settings(select=[code]))
    return apply_edits(text, [edit for d in found if d.fix is not None and d.fix.safe for edit in d.fix.edits])


@needs_seed
def test_seed_llm_artifacts_are_lines_67_and_162() -> None:
    marker = ':contentReference[oaicite:0]{index=0}" was pasted from a chat assistant [*]'
    assert _lines(_seed(), "AL301") == [
        f'README.md:67:834: AL301 [llm-artifact] citation marker "{marker}',
        f'README.md:162:914: AL301 [llm-artifact] citation marker "{marker}',
    ]


@needs_seed
def test_seed_llm_artifact_fix_ends_the_sentences_cleanly() -> None:
    before = _seed().split("\n")
    after = _fixed(_seed(), "AL301").split("\n")
    assert len(after) == len(before)
    changed = [index + 1 for index, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert changed == [67, 162]
    assert after[66].endswith("even with a smaller pretraining dataset.")
    assert after[161].endswith("aligning them more closely with the target dataset's distribution.")
    assert _lines("\n".join(after), "AL301") == []


@needs_seed
def test_seed_image_without_alt_text_is_line_5() -> None:
    assert _lines(_seed(), "AL303") == [
        "README.md:5:1: AL303 [image-alt-text] image has no alt text; describe what it shows",
    ]


@needs_seed
def test_seed_arxiv_links_are_canonical() -> None:
    assert _lines(_seed(), "AL302") == []


@pytest.mark.parametrize(
    ("url", "fixed"),
    [
        ("https://a.org/p?utm_source=chatgpt.com", "https://a.org/p"),
        ("https://a.org/p?utm_source=chatgpt.com&page=2", "https://a.org/p?page=2"),
        ("https://a.org/p?tab=x&utm_source=chatgpt.com", "https://a.org/p?tab=x"),
        ("https://a.org/p?tab=x&utm_source=chatgpt.com&page=2", "https://a.org/p?tab=x&page=2"),
        ("https://a.org/p?utm_source=chatgpt.com#top", "https://a.org/p#top"),
    ],
)
def test_tracking_parameter_removal_keeps_the_url_valid(url: str, fixed: str) -> None:
    assert _fixed(f"See [it]({url}).\n", "AL301") == f"See [it]({fixed}).\n"


def test_other_utm_sources_are_kept() -> None:
    assert _lines("See [it](https://a.org/p?utm_source=newsletter).\n", "AL301") == []


def test_adjacent_markers_are_removed_together() -> None:
    text = "A claim. 【1†source】【2†source】 Next.\n"
    assert _fixed(text, "AL301") == "A claim. Next.\n"


def test_arxiv_link_fix_edits_only_the_url() -> None:
    text = "- [MedCLIP](http://arxiv.org/pdf/2210.10163v2.pdf), see also <https://export.arxiv.org/abs/2210.10163>.\n"
    assert _fixed(text, "AL302") == (
        "- [MedCLIP](https://arxiv.org/abs/2210.10163), see also <https://arxiv.org/abs/2210.10163>.\n"
    )


def test_rules_ignore_indented_code() -> None:
    text = "# List\n\n    ![](x.png) :contentReference[oaicite:0]{index=0} https://arxiv.org/pdf/2210.10163\n"
    assert [_lines(text, code) for code in ("AL301", "AL302", "AL303")] == [[], [], []]


def test_llm_artifact_between_words_keeps_them_apart() -> None:
    from awesome_lint.fix import fix

    text = "# L\n\nImage Models using a \ufffcLaplacian Pyramid.\n"
    assert fix(text).text == "# L\n\nImage Models using a Laplacian Pyramid.\n"

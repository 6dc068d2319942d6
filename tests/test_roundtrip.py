"""Invariant 1: parse then render gives the input back, for every text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint import parse
from awesome_lint.source import decode

from conftest import shared_files

FRAGMENTS = [
    "# Title",
    "## Section",
    "### Sub: 2024",
    "Setext\n===",
    "Sub\n---",
    "",
    "",
    "<details>",
    "<details open>",
    "</details>",
    "<summary>Paper (2024)</summary>",
    "<summary>Survey: 2023</summary>",
    "<details><summary>One line</summary>text</details>",
    "- Paper. [[paper]](https://arxiv.org/abs/2401.00001)",
    "  - Ann Author, Bo Author.",
    "  - Modality: CT",
    "  - Key Words: a; b",
    "  - <details><summary>Digest</summary>",
    "    Digest text with **bold** and `<details>`.",
    "  </details>",
    "  - <details><summary>Digest</summary> never closed",
    "- [Tool](https://example.org) - A tool.",
    "* [Other](http://x.y/(a)) – other",
    "1. ordered",
    "```",
    "~~~md",
    "<!-- comment",
    "-->",
    "<!-- awesome-lint-disable-next-line toc -->",
    "    indented code",
    "\tTabbed",
    "> quote",
    "| a | b |",
    "|---|---|",
    "---",
    "text :contentReference[oaicite:0]{index=0}",
    "![ ](https://img.example/x.svg)",
    "[[",
    "<",
    "`",
    "#",
    "######## too deep",
]


@st.composite
def list_like(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=3))
    bom = "\ufeff" if draw(st.booleans()) else ""
    text = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return bom + text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_round_trips(text: str) -> None:
    assert parse(text).render() == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/details summary#-* `~\r\n\t[]()!:0123456789"))))
def test_markup_soup_round_trips(text: str) -> None:
    assert parse(text).render() == text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(list_like())
def test_list_like_documents_round_trip(text: str) -> None:
    document = parse(text)
    assert document.render() == text
    document.model_dump_json()  # the tree is always serialisable


SHARED = shared_files()


@pytest.mark.skipif(not SHARED, reason="../shared is absent (a user's clone)")
@pytest.mark.parametrize("path", SHARED, ids=[f"{p.parent.name}/{p.name}" for p in SHARED])
def test_shared_file_round_trips(path: Path) -> None:
    text = decode(path.read_bytes(), str(path))
    document = parse(text)
    assert document.render() == text
    assert sum(1 for _ in document.walk()) == sum(1 for b in document.blocks() if b.type == "heading")


def test_every_entry_text_is_its_span() -> None:
    text = "# A\r\n\r\n<details>\r\n<summary>P (2020)</summary>\r\n\r\n- P. [[paper]](u)\r\n</details>\r\n"
    document = parse(text)
    for entry in document.entries():
        assert text[entry.span.start : entry.span.end] == entry.text

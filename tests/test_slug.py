"""GitHub heading anchors: github-slugger's own test table, in order, and GitHub's extras."""

from __future__ import annotations

import json

import pytest

from awesome_lint.slug import Slugger, slugify

from conftest import SHARED, needs_shared


@needs_shared
def test_github_slugger_table_in_order() -> None:
    cases = json.loads((SHARED / "conformance" / "github-slugger-fixtures.json").read_text(encoding="utf-8"))
    assert len(cases) == 78
    slugger = Slugger()
    failures = [(c["name"], slugger.slug(c["input"]), c["expected"]) for c in cases]
    assert [f for f in failures if f[1] != f[2]] == []


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("⬆️⬇️ Routers", "-routers"),
        ("Tasks, Datasets and Metrics", "tasks-datasets-and-metrics"),
        ("Img-txt Retrieval", "img-txt-retrieval"),
        ("C++ & C#", "c--c"),
        ("  Two  spaces ", "--two--spaces-"),
        ("中文 标题", "中文-标题"),
        # Assigned by Unicode 15.0/15.1 (CJK Extension H, I; Kawi; Nag Mundari), which GitHub's slugger does
        # not know: dropped on every Python, whatever Unicode its unicodedata has (3.13 has 15.1).
        ("a\U00031350b\U0002ebf0c\U00011f04d\U0001e4d0e", "abcde"),
        # Unicode 13 (CJK Extension G) is known, as GitHub's own table shows.
        ("\U000306f8", "\U000306f8"),
    ],
)
def test_slugify(title: str, anchor: str) -> None:
    assert slugify(title) == anchor


def test_duplicates_count_per_original() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ["a", "a", "a-1", "a"]] == ["a", "a-1", "a-1-1", "a-2"]

"""arXiv identifiers: which links hold one, its year, and the canonical abstract link."""

from __future__ import annotations

import pytest

from awesome_lint.arxiv import link_id, parse_id, parse_link


@pytest.mark.parametrize(
    ("text", "expected", "year"),
    [
        ("2303.00915", "2303.00915", 2023),
        ("2303.00915v2", "2303.00915", 2023),
        ("1412.6980", "1412.6980", 2014),
        ("0704.0001", "0704.0001", 2007),
        ("hep-th/9901001", "hep-th/9901001", 1999),
        ("math.GT/0309136v1", "math.GT/0309136", 2003),
        ("cond-mat/0703001", "cond-mat/0703001", 2007),
    ],
)
def test_parse_id(text: str, expected: str, year: int) -> None:
    found = parse_id(text)
    assert found is not None
    assert (found.id, found.year) == (expected, year)


@pytest.mark.parametrize(
    "text",
    ["2312.1327", "2307.000400", "1412.69801", "2313.00001", "0703.0001", "hep-th/0704001", "xxxx.xxxx", ""],
)
def test_parse_id_rejects(text: str) -> None:
    assert parse_id(text) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2210.10163",
        "https://arxiv.org/pdf/2210.10163",
        "https://arxiv.org/pdf/2210.10163.pdf",
        "https://arxiv.org/pdf/2210.10163v2.pdf",
        "http://arxiv.org/abs/2210.10163v1",
        "https://export.arxiv.org/abs/2210.10163",
        "https://www.arxiv.org/abs/2210.10163/",
        "https://arxiv.org/abs//2210.10163",
    ],
)
def test_variants_are_one_id(url: str) -> None:
    found = link_id(url)
    assert found is not None
    assert found.url == "https://arxiv.org/abs/2210.10163"


def test_canonical() -> None:
    assert parse_link("https://arxiv.org/abs/2210.10163") is not None
    assert parse_link("https://arxiv.org/abs/2210.10163").canonical  # type: ignore[union-attr]
    assert not parse_link("https://arxiv.org/pdf/2210.10163").canonical  # type: ignore[union-attr]
    assert not parse_link("https://arxiv.org/abs/2312.1327").canonical  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/list/cs.CV/recent",
        "https://arxiv.org/html/2303.00915v2",
        "https://arxiv.org/abs/2303.00915?context=cs",
        "https://arxiv.org/",
        "https://example.org/abs/2303.00915",
        "https://notarxiv.org/abs/2303.00915",
        "ftp://arxiv.org/abs/2303.00915",
    ],
)
def test_other_links_are_not_paper_links(url: str) -> None:
    assert parse_link(url) is None

"""The tag-balance scanner: what it reports, where, and that odd or huge input stays fast."""

from __future__ import annotations

from awesome_lint.htmltags import ItemScope, Tag, TagProblem, tag_problems
from awesome_lint.source import Source


def _problems(text: str) -> list[tuple[str, str, int, int]]:
    source = Source.from_text(text)
    return [(p.kind, p.tag.name, *source.position(p.tag.start)) for p in tag_problems(source)]


def test_balanced_noop() -> None:
    text = (
        "<details>\n<summary><b>MedCLIP</b> (2022)</summary>\n\n- x\n"
        "  - <details><summary>Digest</summary>\n    y\n  </details>\n</details>\n"
    )
    assert tag_problems(Source.from_text(text)) == []


def test_unclosed_digest_in_item_reported_at_its_line_with_scope() -> None:
    text = "- Paper. [[paper]](https://arxiv.org/abs/1)\n  - <details><summary>Digest</summary> text\n\n- Next\n"
    (problem,) = tag_problems(Source.from_text(text))
    assert problem == TagProblem(
        "unclosed", Tag("details", 48, 57, 2), item=ItemScope(indent="  ", marker_line=1, last_line=1, content=4)
    )


def test_unclosed_digest_blames_digest_not_paper() -> None:
    text = (
        "<details>\n<summary>P (2024)</summary>\n\n- P\n  - <details><summary>Digest</summary>\n    text\n</details>\n"
    )
    assert _problems(text) == [("unclosed", "details", 5, 5)]


def test_stray_and_misnested() -> None:
    assert _problems("a </details> b\n") == [("stray", "details", 1, 3)]
    source = Source.from_text("x\n<b>bold <i>both</b></i>\n")
    (problem,) = tag_problems(source)
    assert (problem.kind, problem.tag.name, problem.open) == ("misnested", "b", Tag("i", 10, 13, 2))


def test_code_comments_escapes_and_prose_ignored() -> None:
    text = "`<details>` \\<b> a < b\n<!-- <div>\n-->\n```\n<details>\n```\n    <i>\n"
    source = Source.from_text(text)
    assert tag_problems(source, [(text.index("    <i>"), len(text))]) == []


def test_optional_end_tags_not_reported() -> None:
    assert _problems("<ul><li>a<li>b</ul>\n<p>para\n<table><tr><td>1<td>2</table>\n") == []


def test_positions_on_crlf_and_cr() -> None:
    for ending in ("\r\n", "\r", "\n"):
        text = ending.join(["# T", "", "x <b>y", "<i>z</i>", ""])
        assert _problems(text) == [("unclosed", "b", 3, 3)], repr(ending)


def test_deep_nesting_and_many_unclosed_do_not_recurse() -> None:
    assert tag_problems(Source.from_text("<details>\n" * 20000 + "</details>\n" * 20000)) == []
    assert len(tag_problems(Source.from_text("<details>\n" * 100_000))) == 100_000
    assert tag_problems(Source.from_text("<" * 100_000)) == []
    assert tag_problems(Source.from_text("<b " * 50_000 + '<i x="' * 50_000)) == []

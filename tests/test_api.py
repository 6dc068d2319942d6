"""The public Python API: parse, lint and fix, as a script or an editor plugin would call them."""

from __future__ import annotations

import pytest

import awesome_lint
from awesome_lint.config import Settings

BROKEN = "# List\n\n\n## Tools\n\n- [Tool](https://t.example) - A tool.   \n"


def test_parse_lint_and_fix_are_top_level() -> None:
    assert awesome_lint.parse(BROKEN).render() == BROKEN
    found = [(d.line, d.code, d.rule) for d in awesome_lint.lint(BROKEN)]
    assert found == [(2, "AL401", "multiple-blank-lines"), (6, "AL402", "trailing-whitespace")]
    result = awesome_lint.fix(BROKEN)
    assert isinstance(result, awesome_lint.FixResult)
    assert result.text == "# List\n\n## Tools\n\n- [Tool](https://t.example) - A tool.\n"
    assert [(item.code, item.line) for item in result.applied] == [("AL401", 2), ("AL402", 6)]
    assert result.remaining == []


def test_config_narrows_what_is_checked_and_fixed() -> None:
    config = Settings(select=["trailing-whitespace"])
    assert [d.code for d in awesome_lint.lint(BROKEN, config)] == ["AL402"]
    assert awesome_lint.fix(BROKEN, config).text == "# List\n\n\n## Tools\n\n- [Tool](https://t.example) - A tool.\n"


def test_tree_round_trips_through_pydantic_validation() -> None:
    import pydantic

    from awesome_lint.model import Document

    text = (
        "# List\n\n## Papers\n\n<details>\n<summary>A Paper (2024)</summary>\n\n"
        "- A Paper. [[paper]](https://arxiv.org/abs/2401.01234)\n  - Ann Author.\n  - Modality: CT\n</details>\n"
    )
    document = awesome_lint.parse(text)
    again = Document.model_validate_json(document.model_dump_json())
    assert again == document and again.render() == text
    assert Document.model_validate(document.model_dump()) == document
    entry = next(again.entries())
    assert (entry.title, entry.year, [f.label for f in entry.fields]) == ("A Paper", 2024, ["Modality"])
    schema = Document.model_json_schema()
    assert {"Entry", "Group", "Raw", "Section"} <= set(schema["$defs"])
    broken = document.model_dump()
    broken["sections"][0]["heading"]["line"] = "first"
    with pytest.raises(pydantic.ValidationError, match="line"):
        Document.model_validate(broken)

"""Records (record.py): what dataclasses did for the tree and the settings, at a fraction of the start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from awesome_lint.record import Record, expose_to_pydantic, field, fields, replace


class Point(Record, frozen=True):
    """A frozen record with positional fields and a default."""

    x: int
    y: int = 0
    label: ClassVar[str] = "point"


class Bag(Record):
    """A mutable record with a keyword-only field made by a factory."""

    name: str
    items: list[str] = field(default_factory=list)


class Tagged(Point, frozen=True, kw_only=True):
    """Inherits x and y (positional) and adds a keyword-only field."""

    tag: str
    note: str = field(default="", repr=False)


class Checked(Record, frozen=True, kw_only=True):
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low above high")


def test_init_takes_positional_fields_then_keywords_with_defaults() -> None:
    assert (Point(1).x, Point(1).y) == (1, 0)
    assert (Point(1, 2).y, Point(x=3, y=4).x) == (2, 3)
    tagged = Tagged(1, 2, tag="t")
    assert (tagged.x, tagged.y, tagged.tag, tagged.note) == (1, 2, "t", "")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (Point, "Point() is missing the field 'x'"),
        (lambda: Point(1, 2, 3), "Point() takes 2 positional arguments, got 3"),
        (lambda: Point(1, x=2), "Point() got two values for 'x'"),
        (lambda: Point(1, z=2), "Point() has no field 'z'"),
        (lambda: Point(x=1, z=2), "Point() has no field 'z'"),
        (lambda: Tagged(1, 2, "t"), "Tagged() takes 2 positional arguments, got 3"),
    ],
)
def test_init_refuses_what_a_dataclass_refuses(make: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        make()
    assert str(caught.value) == message


def test_frozen_records_refuse_assignment_and_hash_by_value() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError, match="cannot assign to field 'x': Point is frozen"):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot delete field 'y': Point is frozen"):
        del point.y
    assert point == Point(1, 2) and point != Point(2, 1) and point != (1, 2)
    assert {Point(1, 2), Point(1, 2), Point(2, 1)} == {Point(1, 2), Point(2, 1)}
    assert Tagged(1, 2, tag="t") != Point(1, 2)  # another class is never equal, as with dataclasses


def test_mutable_records_assign_and_are_not_hashable() -> None:
    first, second = Bag("a"), Bag("a")
    first.items.append("x")
    assert second.items == [] and first != second  # one list a record, from the factory
    first.name = "b"
    assert first.name == "b"
    with pytest.raises(TypeError, match="unhashable"):
        hash(first)


def test_repr_fields_and_replace() -> None:
    assert repr(Tagged(1, 2, tag="t", note="hidden")) == "Tagged(x=1, y=2, tag='t')"
    assert [item.name for item in fields(Tagged)] == ["x", "y", "tag", "note"]
    assert [item.kw_only for item in fields(Tagged)] == [False, False, True, True]
    assert Point.__match_args__ == ("x", "y") and Point.label == "point"
    moved = replace(Tagged(1, 2, tag="t"), y=9)
    assert moved == Tagged(1, 9, tag="t") and type(moved) is Tagged


def test_records_survive_pickle_and_copy() -> None:
    import copy
    import pickle

    tagged = Tagged(1, 2, tag="t", note="n")
    for restored in (pickle.loads(pickle.dumps(tagged)), copy.copy(tagged), copy.deepcopy(tagged)):
        assert restored == tagged and restored.note == "n" and type(restored) is Tagged
    bag = Bag("a", ["x"])
    assert pickle.loads(pickle.dumps(bag)) == bag


def test_post_init_runs_after_the_fields_are_set() -> None:
    assert Checked(low=1, high=2).high == 2
    with pytest.raises(ValueError, match="low above high"):
        Checked(low=3, high=2)


def test_records_have_slots_unless_asked_not_to() -> None:
    assert Point.__slots__ == ("x", "y") and Tagged.__slots__ == ("tag", "note")
    assert not hasattr(Point(1), "__dict__")

    class Open(Record, slots=False):
        value: int

    assert Open(1).__dict__ == {"value": 1}


def test_a_subclass_is_frozen_exactly_when_its_base_is() -> None:
    with pytest.raises(TypeError, match=r"^Loose must be frozen, as its base Point is$"):

        class Loose(Point):  # type: ignore[misc]
            z: int = 0

    with pytest.raises(TypeError, match=r"^Stiff must be mutable, as its base Bag is$"):

        class Stiff(Bag, frozen=True):  # type: ignore[misc]
            z: int = 0


def test_a_mutable_default_is_refused_at_class_definition() -> None:
    with pytest.raises(ValueError, match=r"Shared\.items: a mutable default is shared by every record"):

        class Shared(Record):
            items: list[str] = []  # noqa: RUF012

    with pytest.raises(ValueError, match="not both"):
        field(default=1, default_factory=int)


def test_pydantic_sees_records_as_dataclasses() -> None:
    from pydantic import TypeAdapter, ValidationError

    expose_to_pydantic()
    adapter = TypeAdapter(Tagged)
    made = adapter.validate_python({"x": 1, "y": "2", "tag": "t"})
    assert made == Tagged(1, 2, tag="t") and type(made) is Tagged
    assert adapter.dump_python(made) == {"x": 1, "y": 2, "tag": "t", "note": ""}
    assert adapter.json_schema()["required"] == ["x", "tag"]
    with pytest.raises(ValidationError):
        adapter.validate_python({"x": "one", "tag": "t"})
    with pytest.raises(AttributeError):
        made.x = 3  # type: ignore[misc]


def test_a_check_imports_neither_dataclasses_nor_inspect_nor_pathlib() -> None:
    """The point of records: these three cost 25 ms of a 70 ms check of a small list (issue #7). Run in this
    repository, whose configuration has a schema and rule options: plainly valid, so pydantic stays out too."""
    probe = (
        "import sys\n"
        "from awesome_lint.cli import main\n"
        "code = main(['-', '--format', 'json'])\n"
        "heavy = sorted({'dataclasses', 'inspect', 'pathlib', 'pydantic', 'mistune', 'bs4'} & set(sys.modules))\n"
        "print(code, heavy)\n"
    )
    listing = "# Awesome\n\n## Tools\n\n- [Tool](https://example.org) - Does a thing.\n"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input=listing,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.splitlines()[-1] == "0 []"

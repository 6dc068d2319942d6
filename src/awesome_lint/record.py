"""Records: typed classes whose `__init__`, equality and repr come from their annotations, like dataclasses.

`@dataclass` costs about 0.4 ms a class (it imports `inspect`, and for every class it compiles six
methods, signs its docstring and, with slots, builds the class twice). With the tree, the settings and the
rules that came to 20 ms of a 70 ms check of a small list. A record compiles nothing: `__init__`, equality,
hashing and repr are shared functions that read the class's field table.

    class Span(Record, frozen=True, kw_only=True):
        start: int
        end: int = 0
        notes: list[str] = field(default_factory=list)

Class keywords, stated by every class as a dataclass decorator would be: `frozen` (assignment raises, the
record hashes by value; a frozen record's subclasses are frozen too), `kw_only` (the fields this class adds
are keyword-only), `slots` (on by default; `slots=False` keeps a `__dict__`, for `cached_property`). mypy
reads all of this through `dataclass_transform`; pydantic sees records as dataclasses once
`expose_to_pydantic` has run.
"""

from __future__ import annotations

from types import MemberDescriptorType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Callable[[type], type]:
        return lambda kind: kind


_R = TypeVar("_R", bound="Record")
_MISSING: Any = type("_MissingType", (), {"__repr__": lambda self: "MISSING"})()


class Field:
    """One field of a record: its name, its annotation as written, and its default."""

    __slots__ = ("annotation", "default", "default_factory", "kw_only", "name", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool) -> None:
        self.name = ""
        self.annotation: object = None
        self.default = default
        self.default_factory = default_factory
        self.kw_only = False
        self.repr = repr

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.annotation!r})"


def field(*, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True) -> Any:
    """A field's default (`default=`) or a function that makes one for every record (`default_factory=`)."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("a field takes default or default_factory, not both")
    return Field(default, default_factory, repr)


def _is_classvar(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or getattr(annotation, "__origin__", None) is ClassVar


class _RecordMeta(type):
    def __new__(
        mcs,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        **params: bool,
    ) -> _RecordMeta:
        settings = {"frozen": False, "kw_only": False, "slots": True, **params}
        for base in bases:
            frozen = base.__dict__.get("__record_params__", {}).get("frozen")  # None for Record itself
            if frozen is not None and frozen != settings["frozen"]:
                raise TypeError(f"{name} must be {'frozen' if frozen else 'mutable'}, as its base {base.__name__} is")
        table = {item.name: item for base in reversed(bases) for item in getattr(base, "__record_fields__", ())}
        own: list[str] = []
        for key, annotation in namespace.get("__annotations__", {}).items():
            if _is_classvar(annotation):
                continue
            value = namespace.pop(key, _MISSING)
            item = value if isinstance(value, Field) else Field(value, _MISSING, True)
            if isinstance(item.default, (list, dict, set)):
                raise ValueError(f"{name}.{key}: a mutable default is shared by every record; use default_factory")
            item.name, item.annotation, item.kw_only = key, annotation, settings["kw_only"]
            table[key] = item
            own.append(key)
        if settings["slots"]:
            namespace["__slots__"] = tuple(own)
        namespace["__record_params__"] = settings if bases else {**settings, "frozen": None}
        namespace["__record_fields__"] = tuple(table.values())
        namespace["__match_args__"] = tuple(item.name for item in table.values() if not item.kw_only)
        if settings["frozen"]:
            namespace.setdefault("__setattr__", _frozen_setattr)
            namespace.setdefault("__delattr__", _frozen_delattr)
            namespace.setdefault("__hash__", _hash)
        elif "__eq__" not in namespace:
            namespace.setdefault("__hash__", None)  # as a mutable dataclass: equal by value, so not hashable
        namespace.setdefault("__eq__", _eq)
        namespace.setdefault("__repr__", _repr)
        kind = super().__new__(mcs, name, bases, namespace)
        if "__init__" not in namespace:
            kind.__init__ = _make_init(kind)  # type: ignore[misc]
        return kind

    def __init__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **params: bool) -> None:
        super().__init__(name, bases, namespace)


def _setter(kind: type, name: str) -> Callable[[Any, Any], None]:
    """How `__init__` stores a field: a slot's own descriptor (past a frozen record's `__setattr__`, and about
    twice as fast as `object.__setattr__`), else `object.__setattr__`."""
    slot = getattr(kind, name, None)
    if isinstance(slot, MemberDescriptorType):
        store: Callable[[Any, Any], None] = slot.__set__
        return store
    return lambda record, value: object.__setattr__(record, name, value)


def _make_init(kind: type) -> Callable[..., None]:
    """`__init__` for the fields of `kind`: positional arguments for the fields that are not keyword-only, in
    order, then keywords. Nothing is compiled: when every field is given, by keyword or by position, one loop
    stores them (0.55 µs for four fields, where the `__init__` dataclasses compiles takes 0.5); otherwise a
    second loop fills in defaults and explains what is wrong."""
    items: tuple[Field, ...] = kind.__record_fields__  # type: ignore[attr-defined]
    setters = tuple((item.name, _setter(kind, item.name)) for item in items)
    table = tuple(
        (item.name, setter, item.default, item.default_factory)
        for item, (_, setter) in zip(items, setters, strict=True)
    )
    positional = tuple(item.name for item in items if not item.kw_only)
    count = len(items)
    all_positional = len(positional) == count
    post_init = getattr(kind, "__post_init__", None)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not args and len(kwargs) == count:
            try:
                for name, store in setters:
                    store(self, kwargs[name])
            except KeyError:
                pass  # an unknown keyword in place of a field: the full path below says which
            else:
                if post_init is not None:
                    post_init(self)
                return
        elif all_positional and not kwargs and len(args) == count:
            for (_, store), value in zip(setters, args, strict=True):
                store(self, value)
            if post_init is not None:
                post_init(self)
            return
        if args:
            if len(args) > len(positional):
                raise TypeError(f"{kind.__name__}() takes {len(positional)} positional arguments, got {len(args)}")
            for name, value in zip(positional, args, strict=False):
                if name in kwargs:
                    raise TypeError(f"{kind.__name__}() got two values for {name!r}")
                kwargs[name] = value
        for name, store, default, factory in table:
            value = kwargs.pop(name, _MISSING)
            if value is _MISSING:
                if default is not _MISSING:
                    value = default
                elif factory is not _MISSING:
                    value = factory()
                else:
                    raise TypeError(f"{kind.__name__}() is missing the field {name!r}")
            store(self, value)
        if kwargs:
            raise TypeError(f"{kind.__name__}() has no field {next(iter(kwargs))!r}")
        if post_init is not None:
            post_init(self)

    __init__.__qualname__ = f"{kind.__qualname__}.__init__"
    return __init__


def _values(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, item.name) for item in record.__record_fields__)


def _eq(self: Any, other: object) -> bool:
    same: bool = NotImplemented
    if other.__class__ is self.__class__:
        same = _values(self) == _values(other)
    return same


def _hash(self: Any) -> int:
    return hash((self.__class__, _values(self)))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{item.name}={getattr(self, item.name)!r}" for item in self.__record_fields__ if item.repr)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen_setattr(self: Any, name: str, value: object) -> None:
    raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")


def _frozen_delattr(self: Any, name: str) -> None:
    raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")


@dataclass_transform(field_specifiers=(field,))
class Record(metaclass=_RecordMeta):
    """The base of every record; see the module's docstring."""

    __slots__ = ()

    def __getstate__(self) -> tuple[Any, ...]:
        return _values(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        # pickle and copy restore a record through here, past a frozen record's __setattr__ (parallel checks
        # send diagnostics back from worker processes this way).
        for item, value in zip(fields(self), state, strict=True):
            object.__setattr__(self, item.name, value)

    if TYPE_CHECKING:

        def __init_subclass__(cls, *, frozen: bool = False, kw_only: bool = False, slots: bool = True) -> None: ...


def fields(record: Record | type[Record]) -> tuple[Field, ...]:
    """The fields of a record or record class, inherited ones first, in the order they are declared."""
    items: tuple[Field, ...] = record.__record_fields__  # type: ignore[union-attr]
    return items


def replace(record: _R, **changes: Any) -> _R:
    """A copy of `record` with some fields changed, built through `__init__` as `dataclasses.replace` does."""
    values = {item.name: getattr(record, item.name) for item in fields(record)}
    values.update(changes)
    return type(record)(**values)


def expose_to_pydantic() -> None:
    """Give every record class the `__dataclass_fields__` table pydantic reads, so a TypeAdapter of a record
    validates, dumps and describes it as a dataclass. Imports dataclasses; run before the first TypeAdapter."""
    import dataclasses

    pending: list[type] = list(Record.__subclasses__())
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        if "__dataclass_fields__" in vars(kind):
            continue
        specs = []
        for item in fields(kind):
            options: dict[str, Any] = {"kw_only": item.kw_only, "repr": item.repr}
            if item.default_factory is not _MISSING:
                options["default_factory"] = item.default_factory
            elif item.default is not _MISSING:
                options["default"] = item.default
            specs.append((item.name, item.annotation, dataclasses.field(**options)))
        shadow = dataclasses.make_dataclass(kind.__name__, specs)
        kind.__dataclass_fields__ = shadow.__dataclass_fields__  # type: ignore[attr-defined]
        kind.__dataclass_params__ = shadow.__dataclass_params__  # type: ignore[attr-defined]

"""Rules and what they report: the @rule decorator, findings with their fixes as edits, and selection."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from .record import Record

if TYPE_CHECKING:
    from .model import Document
    from .source import Source

Severity = Literal["error", "warning"]


class Edit(Record, frozen=True):
    """Replace text[start:end] (offsets into the document text without its BOM) with `text`."""

    start: int
    end: int
    text: str


class Fix(Record, frozen=True):
    """How to repair a finding: edits applied together; `safe` fixes run with --fix, others need --unsafe-fixes."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


class Finding(Record, frozen=True):
    """What a rule yields: where (offsets), what is wrong, and how to fix it where that is safe.

    `file_wide` marks findings about the file as a whole (a stale table of contents), which a change-limited
    run reports wherever they are.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    file_wide: bool = False


def _alias(name: str) -> str:
    """The key a configuration file uses for a field: `schema` for entry_schema, hyphens for underscores."""
    return "schema" if name == "entry_schema" else name.replace("_", "-")


# Options and settings are frozen records that pydantic validates from a configuration table only when
# there is one (config.py): this is their pydantic configuration, a plain dict, so no import is needed here.
OPTIONS_CONFIG: dict[str, Any] = {"extra": "forbid", "alias_generator": _alias, "populate_by_name": True}


class NoOptions(Record, frozen=True):
    """A rule without options."""

    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG


class Context(Record):
    """What a rule sees: the tree, the source text and its line table, and the rule's own options."""

    document: Document
    source: Source
    options: Any = None
    settings: Any = None

    @property
    def text(self) -> str:
        return self.source.text


RuleFunction = Callable[[Context], Iterable[Finding]]


class Rule(Record, frozen=True):
    code: str
    name: str
    function: RuleFunction
    fixable: bool
    severity: Severity
    options: type[Any] = NoOptions
    network: bool = False  # checked by `awesome-lint links`, never by the offline `check`

    @property
    def doc(self) -> str:
        """The rule's documentation: its function's docstring, indentation removed."""
        import inspect  # 4 ms at start-up; only `rules`, SARIF output and the docs read a docstring

        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        """The first sentence under 'What it does'."""
        lines = [line.strip() for line in self.doc.splitlines()]
        for index, line in enumerate(lines):
            if line.lower().startswith("## what it does"):
                body = " ".join(rest for rest in lines[index + 1 :] if rest and not rest.startswith("#"))
                return body.split(". ")[0].rstrip(".") + "."
        return lines[0] if lines else ""

    def run(self, context: Context) -> Iterator[Finding]:
        yield from self.function(context)


_RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    fixable: bool = False,
    severity: Severity = "error",
    options: type[Any] = NoOptions,
    network: bool = False,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under its code and kebab-case name; its docstring is its documentation.

    A `network` rule is documented and configurable like any other, but only `awesome-lint links` reports it.
    """

    def register(function: RuleFunction) -> RuleFunction:
        if code in _RULES or any(existing.name == name for existing in _RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        _RULES[code] = Rule(code, name, function, fixable, severity, options, network)
        return function

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, by code."""
    from . import rules  # noqa: F401 - importing the package registers the rules

    return sorted(_RULES.values(), key=lambda item: item.code)


def offline_rules() -> list[Rule]:
    """The rules `check` runs: every rule but those that need the network."""
    return [item for item in all_rules() if not item.network]


def find_rule(key: str) -> Rule | None:
    """A rule by code (`AL101`) or name (`unclosed-html-tag`)."""
    for item in all_rules():
        if key.upper() == item.code or key.lower() == item.name:
            return item
    return None


def matches(item: Rule, selector: str) -> bool:
    """A selector is a code, a code prefix (`AL1`, `AL`, `ALL`) or a rule name."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    return item.code.startswith(selector.upper()) or item.name == selector.lower()


def select(rules: list[Rule], selected: list[str] | None, ignored: list[str] | None) -> list[Rule]:
    """Rules picked by `selected` (all when None) minus those `ignored`."""
    chosen = [item for item in rules if selected is None or any(matches(item, key) for key in selected)]
    return [item for item in chosen if not any(matches(item, key) for key in ignored or [])]


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that match no rule: a typo in --select or the configuration should not pass silently."""
    rules = all_rules()
    return [key for key in selectors if not any(matches(item, key) for item in rules)]

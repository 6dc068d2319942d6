"""Configuration: `[tool.awesome-lint]` in pyproject.toml or `.awesome-lint.toml`, validated by pydantic.

pydantic is imported only when a table needs it: a run without configuration, or with a plainly valid one,
does without (its import costs more than checking a small list).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from .record import Record, expose_to_pydantic, field, replace
from .registry import OPTIONS_CONFIG, Rule, Severity, all_rules, find_rule, unknown_selectors

if TYPE_CHECKING:
    from annotated_types import Ge, Gt, Le

CONFIG_FILE = ".awesome-lint.toml"


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


# The settings are frozen records (record.py). A configuration that is plainly valid (lists of strings, known
# severities, a schema) is read without pydantic, which would cost 80 ms, most of a pre-commit run; pydantic
# validates anything else into them and explains what is wrong (`validate`).
# The constraints are in string annotations that pydantic resolves in `_adapter`, where Ge, Gt and Le exist.


class SchemaRule(Record, frozen=True, kw_only=True):
    """Which fields the paper entries under a section need.

    `section` names a heading; the rule applies to entries anywhere below it. `require` lists link labels
    (`paper`, `code`), `authors`, `Digest`, or field labels as written in the list (`Modality`).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG

    section: str
    require: list[str]


class LinksSettings(Record, frozen=True, kw_only=True):
    """`[tool.awesome-lint.links]`: what `awesome-lint links` checks, how politely, and where it caches.

    Patterns are shell-style (`https://example.com/*`), matched against the whole URL. Times are in seconds
    except `max-age-hours`; a relative `cache` path is relative to the configuration file's folder.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG

    ignore: list[str] = field(default_factory=list)
    only: list[str] = field(default_factory=list)
    badges: bool = False
    cache: str = ".awesome-lint-cache/links.json"
    max_age_hours: Annotated[float, Ge(0)] = 24.0
    timeout: Annotated[float, Gt(0)] = 10.0
    budget: Annotated[float, Gt(0)] = 600.0
    concurrency: Annotated[int, Ge(1), Le(256)] = 16
    per_host: Annotated[int, Ge(1), Le(64)] = 2
    host_delay: Annotated[float, Ge(0)] = 0.5
    retries: Annotated[int, Ge(0), Le(10)] = 2
    backoff: Annotated[float, Ge(0)] = 0.5
    max_retry_after: Annotated[float, Ge(0)] = 60.0
    max_redirects: Annotated[int, Ge(0), Le(50)] = 10

    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> LinksSettings:
        """Validate a `[tool.awesome-lint.links]` table (raises pydantic's ValidationError)."""
        found: LinksSettings = _adapter(cls).validate_python(data)
        return found


class Settings(Record, frozen=True, kw_only=True):
    """Everything a run of the linter can be told."""

    __pydantic_config__: ClassVar[dict[str, Any]] = OPTIONS_CONFIG

    files: list[str] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    entry_schema: list[SchemaRule] = field(default_factory=list)
    links: LinksSettings = field(default_factory=LinksSettings)
    source: str | None = None

    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> Settings:
        """Validate a configuration table (raises pydantic's ValidationError); see also `validate`."""
        return _plain_settings(data) or _validated_settings(data)

    def model_copy(self, *, update: dict[str, Any]) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **update)

    def options_for(self, item: Rule) -> Any:
        """The rule's options: its defaults, or the configured table validated into its options class."""
        raw = self.rules.get(item.name) or self.rules.get(item.code) or {}
        if not raw:
            return item.options()
        return _plain_options(item.options, raw) or _adapter(item.options).validate_python(raw)

    def severity_for(self, item: Rule) -> Severity:
        return self.severity.get(item.name) or self.severity.get(item.code) or item.severity


def _adapter(kind: type) -> Any:
    """pydantic's validator for one of these records (imports pydantic on first use)."""
    if kind not in _ADAPTERS:
        from annotated_types import Ge, Gt, Le  # noqa: F401 - the string annotations name them
        from pydantic import TypeAdapter

        expose_to_pydantic()
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


_ADAPTERS: dict[type, Any] = {}


def _validated_settings(data: dict[str, Any]) -> Settings:
    found: Settings = _adapter(Settings).validate_python(data)
    return found


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _table(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) for key in value)


def _plain_settings(data: dict[str, Any]) -> Settings | None:
    """The settings of a table that is plainly valid (lists of strings, known severities, a schema), built
    without pydantic; None for anything else, which pydantic then validates or explains."""
    plain: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("files", "ignore") and _strings(value):
            plain[key] = list(value)
        elif key == "select" and (value is None or _strings(value)):
            plain[key] = None if value is None else list(value)
        elif key == "source" and (value is None or isinstance(value, str)):
            plain[key] = value
        elif (
            key == "severity"
            and isinstance(value, dict)
            and all(isinstance(name, str) and level in ("error", "warning") for name, level in value.items())
        ):
            plain[key] = dict(value)
        elif key == "rules" and isinstance(value, dict) and all(_table(options) for options in value.values()):
            plain[key] = {name: dict(options) for name, options in value.items()}
        elif key == "schema" and isinstance(value, list):
            rules = []
            for item in value:
                if not (isinstance(item, dict) and set(item) == {"section", "require"}):
                    return None
                if not (isinstance(item["section"], str) and _strings(item["require"])):
                    return None
                rules.append(SchemaRule(section=item["section"], require=list(item["require"])))
            plain["entry_schema"] = rules
        else:
            return None
    return Settings(**plain)


def _plain_options(kind: type, raw: dict[str, Any]) -> Any:
    """Options whose configured values are all lists of strings where the defaults are: no pydantic needed."""
    defaults = kind()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if not (hasattr(defaults, name) and isinstance(getattr(defaults, name), list) and _strings(value)):
            return None
        values[name] = list(value)
    return kind(**values)


def load(path: str) -> Settings:
    """Read and validate one configuration file."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = _toml().loads(stream.read())
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except _toml().TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("awesome-lint", {})
        where = "[tool.awesome-lint]"
    else:
        where = ""
    return validate(data, f"{path}{' ' + where if where else ''}", str(path))


def validate(data: dict[str, Any], where: str, source: str | None = None) -> Settings:
    """Settings from a table, with one clear line for the first problem."""
    given = {**data, "source": source}
    settings = _plain_settings(given)
    if settings is None:
        from pydantic import ValidationError

        try:
            settings = _validated_settings(given)
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            if first["type"] in _UNKNOWN:
                raise ConfigError(f"{where}: unknown key '{key}'") from None
            raise ConfigError(f"{where}: '{key}': {first['msg']}") from None
    for table in ("severity", "rules"):
        for name in getattr(settings, table):
            if find_rule(name) is None:
                raise ConfigError(f"{where}: '{table}.{name}': no rule has that code or name")
    bad = unknown_selectors([*(settings.select or []), *settings.ignore])
    if bad:
        raise ConfigError(f"{where}: '{bad[0]}' in select/ignore matches no rule")
    for item in all_rules():
        raw = settings.rules.get(item.name) or settings.rules.get(item.code)
        if not raw or _plain_options(item.options, raw) is not None:
            continue  # no options, or plainly valid ones: no pydantic (80 ms) on every run of a configured list
        from pydantic import ValidationError

        try:
            _adapter(item.options).validate_python(raw)
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            problem = "unknown option" if first["type"] in _UNKNOWN else first["msg"]
            raise ConfigError(f"{where}: 'rules.{item.name}.{key}': {problem}") from None
    return settings


# pydantic's error types for a key the record does not have.
_UNKNOWN = ("extra_forbidden", "unexpected_keyword_argument")


def _toml() -> Any:
    """The TOML reader, imported when a configuration file is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def discover(start: str) -> str | None:
    """The nearest `.awesome-lint.toml`, or pyproject.toml with a [tool.awesome-lint] table, at or above start.

    Paths are strings and os.path, not pathlib: pathlib costs 3 ms of a check's start-up (it imports urllib)."""
    folder = os.path.realpath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        own = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(own):
            return own
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_table(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_table(pyproject: str) -> bool:
    try:
        with open(pyproject, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.awesome-lint" in text

"""Configuration: `[tool.awesome-lint]` in pyproject.toml or `.awesome-lint.toml`, validated by pydantic."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .registry import Rule, Severity, all_rules, find_rule, unknown_selectors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = ".awesome-lint.toml"


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


class SchemaRule(BaseModel):
    """Which fields the paper entries under a section need.

    `section` names a heading; the rule applies to entries anywhere below it. `require` lists link labels
    (`paper`, `code`), `authors`, `Digest`, or field labels as written in the list (`Modality`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    section: str
    require: list[str]


class Settings(BaseModel):
    """Everything a run of the linter can be told."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    files: list[str] = Field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    entry_schema: list[SchemaRule] = Field(default_factory=list, alias="schema")
    source: str | None = Field(default=None, exclude=True)

    def options_for(self, item: Rule) -> BaseModel:
        raw = self.rules.get(item.name) or self.rules.get(item.code) or {}
        return item.options.model_validate(raw)

    def severity_for(self, item: Rule) -> Severity:
        return self.severity.get(item.name) or self.severity.get(item.code) or item.severity


def load(path: Path) -> Settings:
    """Read and validate one configuration file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("awesome-lint", {})
        where = "[tool.awesome-lint]"
    else:
        where = ""
    return validate(data, f"{path}{' ' + where if where else ''}", str(path))


def validate(data: dict[str, Any], where: str, source: str | None = None) -> Settings:
    """Settings from a table, with one clear line for the first problem."""
    try:
        settings = Settings.model_validate({**data, "source": source})
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        if first["type"] == "extra_forbidden":
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
        try:
            settings.options_for(item)
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            problem = "unknown option" if first["type"] == "extra_forbidden" else first["msg"]
            raise ConfigError(f"{where}: 'rules.{item.name}.{key}': {problem}") from None
    return settings


def discover(start: Path) -> Path | None:
    """The nearest `.awesome-lint.toml`, or pyproject.toml with a [tool.awesome-lint] table, at or above start."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.awesome-lint" in text

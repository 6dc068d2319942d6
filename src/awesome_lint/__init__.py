"""awesome-lint: a lossless parser, linter and fixer for curated awesome lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .build import parse
from .fix import FixResult, fix
from .model import Document, Entry, Group, Section

if TYPE_CHECKING:
    from .config import Settings
    from .engine import Diagnostic

__all__ = ["Document", "Entry", "FixResult", "Group", "Section", "__version__", "fix", "lint", "parse"]
__version__ = "0.1.0"


def lint(text: str, config: Settings | None = None) -> list[Diagnostic]:
    """Check a text against the rules (the project's defaults, or `config`); diagnostics sorted by position."""
    from .engine import lint as run_rules  # the rule catalogue loads on first use, not on import

    return run_rules(text, config)

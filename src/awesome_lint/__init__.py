"""awesome-lint: a lossless parser, linter and fixer for curated awesome lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# fix is imported here, not on first use: importing the submodule awesome_lint.fix binds that name to the
# module, and `awesome_lint.fix(text)` must stay the function. It is light (no parser, no rules).
from .fix import FixResult, fix

if TYPE_CHECKING:
    from .build import parse
    from .config import Settings
    from .engine import Diagnostic
    from .model import Document, Entry, Group, Section

__all__ = ["Document", "Entry", "FixResult", "Group", "Section", "__version__", "fix", "lint", "parse"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """`parse` and the tree's classes load on first use, so that the command (command.py) is listening for
    Ctrl-C before the parser's modules load."""
    if name == "parse":
        from .build import parse

        return parse
    if name in ("Document", "Entry", "Group", "Section"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'awesome_lint' has no attribute {name!r}")


def lint(text: str, config: Settings | None = None) -> list[Diagnostic]:
    """Check a text against the rules (the project's defaults, or `config`); diagnostics sorted by position."""
    from .engine import lint as run_rules  # the rule catalogue loads on first use, not on import

    return run_rules(text, config)

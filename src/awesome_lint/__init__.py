"""awesome-lint: a lossless parser, linter and fixer for curated awesome lists."""

from .build import parse
from .model import Document, Entry, Group, Section

__all__ = ["Document", "Entry", "Group", "Section", "__version__", "parse"]
__version__ = "0.1.0"

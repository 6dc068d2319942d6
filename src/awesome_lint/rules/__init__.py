"""The rule catalogue: importing this package registers every rule."""

from . import content, entries, meta, structure, whitespace

__all__ = ["content", "entries", "meta", "structure", "whitespace"]

"""The rule catalogue: importing this package registers every rule."""

from . import content, entries, html, layout, links, meta, structure, whitespace

__all__ = ["content", "entries", "html", "layout", "links", "meta", "structure", "whitespace"]

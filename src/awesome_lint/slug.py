"""GitHub heading anchors: the github-slugger algorithm, with its per-document duplicate counter.

A character survives when it is a Unicode word character in the UTS #18 sense (Alphabetic, a Mark, a decimal
digit, Connector Punctuation), a hyphen or a space; the text is lower-cased and each space
becomes a hyphen, with no collapsing. GitHub also drops U+FE0F (emoji presentation selector).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Characters with the Other_Alphabetic property whose general category is a symbol (circled and squared
# letters); every other Alphabetic character is a letter, a mark or a letter number and is found by category.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


@lru_cache(maxsize=4096)
def _keeps(char: str) -> bool:
    if char in " -":
        return True
    category = unicodedata.category(char)
    if category[0] in "LM" or category in ("Nd", "Nl", "Pc"):
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _ALPHABETIC_SYMBOLS)


def slugify(text: str, *, github: bool = True) -> str:
    """The anchor of one heading text, before duplicate numbering."""
    if github:
        text = text.replace("\ufe0f", "")
    lowered = text.lower()
    return "".join(char for char in lowered if _keeps(char)).replace(" ", "-")


class Slugger:
    """Hands out unique anchors in document order: `a`, then `a-1`, `a-2`, ... as github-slugger does."""

    def __init__(self, *, github: bool = True) -> None:
        self._occurrences: dict[str, int] = {}
        self._github = github

    def slug(self, text: str) -> str:
        slug = slugify(text, github=self._github)
        original = slug
        while slug in self._occurrences:
            self._occurrences[original] += 1
            slug = f"{original}-{self._occurrences[original]}"
        self._occurrences[slug] = 0
        return slug

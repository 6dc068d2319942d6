"""GitHub heading anchors: the github-slugger algorithm, with its per-document duplicate counter.

A character survives when it is a Unicode word character in the UTS #18 sense (Alphabetic, a Mark, a decimal
digit, Connector Punctuation), a hyphen or a space; the text is lower-cased and each space
becomes a hyphen, with no collapsing. GitHub also drops U+FE0F (emoji presentation selector).

The categories come from Python's unicodedata, with what Unicode 15.0 and 15.1 added left out, so anchors
are the same on Python 3.11 to 3.13. Python 3.10 knows only Unicode 13, so it drops the 638 word characters
Unicode 14 added (Vithkuqi, Toto, Tangsa and others), which no list in the corpus uses.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Characters with the Other_Alphabetic property whose general category is a symbol (circled and squared
# letters); every other Alphabetic character is a letter, a mark or a letter number and is found by category.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


# Word characters that Unicode 15.0 and 15.1 assigned (Python 3.12 and 3.13 know them; 3.10 and 3.11 do
# not). GitHub's slugger follows an older Unicode: its own table drops CJK Extension H and I ideographs as
# unassigned. Computed by comparing `_keeps` over every code point under Python 3.11 and 3.13.
_SINCE_UNICODE_14 = (
    (0x0CF3, 0x0CF3), (0x0ECE, 0x0ECE), (0x10EFD, 0x10EFF), (0x1123F, 0x11241), (0x11F00, 0x11F10),
    (0x11F12, 0x11F3A), (0x11F3E, 0x11F42), (0x11F50, 0x11F59), (0x1342F, 0x1342F), (0x13440, 0x13455),
    (0x1B132, 0x1B132), (0x1B155, 0x1B155), (0x1DF25, 0x1DF2A), (0x1E030, 0x1E06D), (0x1E08F, 0x1E08F),
    (0x1E4D0, 0x1E4F9), (0x2B739, 0x2B739), (0x2EBF0, 0x2EE5D), (0x31350, 0x323AF),
)  # fmt: skip


@lru_cache(maxsize=4096)
def _keeps(char: str) -> bool:
    if char in " -":
        return True
    code = ord(char)
    category = unicodedata.category(char)
    if category[0] in "LM" or category in ("Nd", "Nl", "Pc"):
        return code < 0x0CF3 or not any(low <= code <= high for low, high in _SINCE_UNICODE_14)
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

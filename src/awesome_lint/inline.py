"""Inline markdown and small HTML fragments: links and plain text, with mistune and beautifulsoup4 loaded lazily.

Only the inline parser of mistune is used (block structure and positions are ours, see scan.py); bs4 is loaded
the first time a fragment really holds markup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .record import Record

Token = dict[str, Any]
_MARKDOWN_CHARS = frozenset("[]`*_<>&\\!~")
# Characters after which the plain-links reading below is not enough: emphasis, code, HTML, entities,
# escapes, images, strikethrough, line breaks.
_NOT_PLAIN = frozenset("`*_<>&\\!~\n\r")
# `[label](url)` or `[[label]](url)` with a URL that mistune keeps as written (no escaping, no title).
_PLAIN_LINK = re.compile(r"\[(\[[^\[\]]+\]|[^\[\]]+)\]\(([A-Za-z0-9.\-:/?#@$+,;=%]+)\)")


@lru_cache(maxsize=1)
def _markdown() -> Any:
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["strikethrough"])


def tokens(text: str) -> list[Token]:
    """mistune's inline tokens of `text`."""
    from mistune.core import InlineState

    state = InlineState({})
    state.src = text
    result: list[Token] = _markdown().inline.parse(state)
    return result


def plain_text(text: str) -> str:
    """What a reader sees of an inline markdown text: no markup, no HTML tags, no images."""
    if not _MARKDOWN_CHARS.intersection(text):
        return text
    return _flatten(tokens(text))


def _flatten(items: list[Token]) -> str:
    parts: list[str] = []
    for token in items:
        kind = token["type"]
        if kind in ("text", "codespan"):
            parts.append(token["raw"])
        elif kind in ("softbreak", "linebreak"):
            parts.append(" ")
        elif kind in ("image", "inline_html"):
            continue
        elif "children" in token:
            parts.append(_flatten(token["children"]))
    return "".join(parts)


class InlineLink(Record, frozen=True):
    label: str
    url: str


class Inline(Record, frozen=True):
    """The parts of a bullet's first paragraph: text before the first link, the links, text after the first."""

    before: str
    links: tuple[InlineLink, ...]
    first_is_link: bool
    after_first: str


@lru_cache(maxsize=4096)
def split_links(text: str) -> Inline:
    """Read the links of a bullet; `[[paper]](url)` gets label `paper`."""
    if "](" not in text and "<http" not in text:
        return Inline(before=plain_text(text), links=(), first_is_link=False, after_first="")
    if _NOT_PLAIN.isdisjoint(text):
        found = _plain_links(text)
        if found is not None:
            return found
    items = tokens(text)
    before: list[Token] = []
    after: list[Token] = []
    links: list[InlineLink] = []
    first_is_link = False
    for token in items:
        if token["type"] == "link":
            if not links and not _flatten(before).strip():
                first_is_link = True
            label = _flatten(token.get("children", [])).strip()
            if len(label) >= 2 and label[0] == "[" and label[-1] == "]":
                label = label[1:-1].strip()
            links.append(InlineLink(label=label, url=str(token["attrs"]["url"])))
        elif not links:
            before.append(token)
        elif len(links) == 1 or first_is_link:
            after.append(token)
    return Inline(
        before=_flatten(before),
        links=tuple(links),
        first_is_link=first_is_link,
        after_first=_flatten(after),
    )


def _plain_links(text: str) -> Inline | None:
    """The reading mistune gives of a text whose only markup is plain links; None if there is more to it.

    Most paper bullets are `Title. [[paper]](url) [[code]](url)`: reading them without mistune keeps its
    import off a small file's check and the inline parser off the per-entry path. Any other bracket, a link
    title, or a URL that mistune would escape sends the text to mistune (the caller), so results are equal.
    """
    links: list[InlineLink] = []
    gaps: list[str] = []
    position = 0
    for match in _PLAIN_LINK.finditer(text):
        gaps.append(text[position : match.start()])
        label = match.group(1).strip()
        if len(label) >= 2 and label[0] == "[" and label[-1] == "]":
            label = label[1:-1].strip()
        links.append(InlineLink(label=label, url=match.group(2)))
        position = match.end()
    gaps.append(text[position:])
    if any("[" in gap or "]" in gap for gap in gaps):
        return None
    first_is_link = bool(links) and not gaps[0].strip()
    after = gaps[1] if len(links) == 1 else "".join(gaps[1:]) if first_is_link else gaps[1] if links else ""
    return Inline(before=gaps[0], links=tuple(links), first_is_link=first_is_link, after_first=after)


def html_text(fragment: str) -> str:
    """The text of a small HTML fragment such as a summary's content (`<b>Title</b> (2024)` -> `Title (2024)`)."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    from bs4 import BeautifulSoup, ParserRejectedMarkup

    try:
        text: str = BeautifulSoup(fragment, "html.parser").get_text()
    except (ParserRejectedMarkup, AssertionError):  # `<![x` reads as a marked section it rejects (fuzzing)
        import html

        text = html.unescape(re.sub(r"<[^<>]*>", "", fragment))
    return text

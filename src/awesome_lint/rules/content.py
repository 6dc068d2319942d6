"""Rules about the text itself: chat-assistant residue, arXiv links, images without alt text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..arxiv import URL_PATTERN, parse_link
from ..mask import mask_code_spans, mask_comments
from ..registry import Context, Edit, Finding, Fix, rule

if TYPE_CHECKING:
    from ..model import Document

_CODE_KINDS = frozenset({"fence", "code", "comment"})
_PRIVATE_TOKEN = "\ue200[A-Za-z_]{1,20}(?:\ue202[^\ue200\ue201\ue202\n]{0,200}){0,20}\ue201"
# A bracket or brace may be escaped (`\[oaicite:0\]` renders as `[oaicite:0]`, and a generated table of contents
# writes a heading's marker that way): the escaped marker is the same marker, glued to a word or not.
_ARTIFACT = re.compile(
    r":contentReference\\?\[oaicite:\d{1,6}\\?\]\\?\{index=\d{1,6}\\?\}"
    r"|\\?\[oaicite:\d{1,6}\\?\]"
    r"|\boaicite:\d{1,6}(?!\w)"  # never half a word: `oaicite:0c` stays (found by fuzzing)
    r"|【\d{1,4}(?::\d{1,4})?†[^】\n]{0,60}】"
    rf"|{_PRIVATE_TOKEN}"
    r"|(?<![A-Za-z])cite(?:turn\d{1,4}[a-z]{1,12}\d{1,4})+(?!\w)"
    r"|[?&]utm_source=(?:chatgpt\.com|openai)(?=[&#\s)\]>\"']|$)&?"
    r"|\ufffc"
)
_IMAGE = re.compile(r"!\[[ \t\u00a0]*\][(\[]")
_IMG_TAG = re.compile(r"<img(?=[\s/>])[^>]{0,2000}>", re.IGNORECASE)


# Text that every match of _ARTIFACT contains: a block without any of them is not scanned.
_ARTIFACT_HINTS = ("oaicite", "【", "\ue200", "citeturn", "utm_source=", "\ufffc")


def _prose(context: Context) -> list[tuple[int, str]]:
    """(offset, text) of every block a reader sees as text, code spans and comments blanked to spaces.

    Three rules read it: it is made once a document (the last one is kept).
    """
    document = context.document
    for seen, blocks in _LAST_PROSE:
        if seen is document:
            return blocks
    blocks = [
        (block.span.start, mask_comments(mask_code_spans(block.text)))
        for block in document.blocks()
        if getattr(block, "kind", None) not in _CODE_KINDS
    ]
    _LAST_PROSE[:] = [(document, blocks)]
    return blocks


_LAST_PROSE: list[tuple[Document, list[tuple[int, str]]]] = []


def _artifact_edit(text: str, base: int, match: re.Match[str]) -> Edit:
    found = match.group()
    start, end = match.start(), match.end()
    if found[0] == "?" and found.endswith("&"):
        return Edit(base + start + 1, base + end, "")  # keep the `?` for the parameters that follow
    if found[0] in "?&":
        return Edit(base + start, base + end - (1 if found.endswith("&") else 0), "")
    # The white space before the marker goes with it, unless a word follows right after: "a \ufffcword" must
    # become "a word", not "aword".
    if end < len(text) and (text[end].isalnum() or text[end] in "_([{"):
        return Edit(base + start, base + end, "")
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(base + start, base + end, "")


@rule("AL301", "llm-artifact", fixable=True, severity="error")
def llm_artifact(context: Context) -> Iterator[Finding]:
    """## What it does
    Finds residue of chat assistants pasted along with their text: `:contentReference[oaicite:0]{index=0}`
    and other `oaicite` markers, `【4:0†source】` source markers, `citeturn0search1` tokens (with the
    private-use characters U+E200 to U+E202 that wrap them), `utm_source=chatgpt.com` in URLs, and the object
    replacement character U+FFFC. Code blocks and code spans are not checked.

    ## Why is this bad?
    These markers mean something only inside the chat they came from. On GitHub they show up as literal
    noise in the middle of a digest, or as invisible characters, and they tell readers the text was pasted
    without review.

    ## Example
    ```
    ... even with a smaller pretraining dataset. :contentReference[oaicite:0]{index=0}
    ```

    ## Use instead
    ```
    ... even with a smaller pretraining dataset.
    ```

    ## Fix safety
    Safe: the fix removes the marker and the spaces before it, and only the tracking parameter of a URL
    (keeping the URL's other parameters valid). No words of the text are touched.
    """
    for base, text in _prose(context):
        if not any(hint in text for hint in _ARTIFACT_HINTS):
            continue
        for match in _ARTIFACT.finditer(text):
            found = match.group().strip("?&")
            start = base + match.start() + (1 if match.group()[0] in "?&" else 0)
            what, message = _describe(found)
            # Between two word characters, removing it would glue two words into one: reported, not fixed.
            around = text[match.start() - 1 : match.start()] + text[match.end() : match.end() + 1]
            glued = what != "tracking parameter" and re.fullmatch(r"\w\w", around)
            fix = None if glued else Fix(f"Remove the {what}", (_artifact_edit(text, base, match),))
            yield Finding(start, start + len(found), message, fix)


def _describe(found: str) -> tuple[str, str]:
    """What the artifact is, and the message that names it (invisible characters spelled as code points)."""
    if found == "\ufffc":
        return "character", "object replacement character U+FFFC was left by a copy and paste"
    if found.startswith("utm_source"):
        return "tracking parameter", f'tracking parameter "{found.rstrip("&")}" was left by a chat assistant'
    shown = "".join(char if char.isprintable() else f"U+{ord(char):04X}" for char in found)
    return "citation marker", f'citation marker "{shown}" was pasted from a chat assistant'


@rule("AL302", "arxiv-link", fixable=True, severity="warning")
def arxiv_link(context: Context) -> Iterator[Finding]:
    """## What it does
    Checks that every arXiv paper link is the canonical abstract link `https://arxiv.org/abs/<id>`: no PDF
    link, `.pdf` suffix, version suffix (`v2`), `http`, `www.arxiv.org` or `export.arxiv.org`; and that the
    identifier is a valid arXiv identifier. Every link outside code is checked, not only those of entries.

    ## Why is this bad?
    The abstract page is the stable landing page: it shows the latest version, the PDF and the metadata.
    Links in one canonical form let duplicates be found (`duplicate-entry`) and keep the list consistent;
    a PDF link downloads a file instead, and a pinned version hides later corrections.

    ## Example
    ```
    - MedCLIP. [[paper]](http://arxiv.org/pdf/2210.10163v2.pdf)
    ```

    ## Use instead
    ```
    - MedCLIP. [[paper]](https://arxiv.org/abs/2210.10163)
    ```

    ## Fix safety
    Safe: the fix rewrites the URL to the abstract page of the same identifier. Links with an invalid
    identifier get no fix.
    """
    for base, text in _prose(context):
        for match in URL_PATTERN.finditer(text):
            url = match.group().rstrip(".,;:!?*_~")
            link = parse_link(url)
            if link is None or link.canonical:
                continue
            start = base + match.start()
            if link.id is None:
                yield Finding(start, start + len(url), f'arXiv link "{url}" does not hold a valid arXiv identifier')
                continue
            fix = Fix(f"Rewrite as {link.id.url}", (Edit(start, start + len(url), link.id.url),))
            yield Finding(start, start + len(url), f'arXiv link "{url}" is not the abstract link {link.id.url}', fix)


class _ImgAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attrs is None:
            self.attrs = dict(attrs)

    handle_startendtag = handle_starttag


def _img_lacks_alt(tag: str) -> bool:
    parser = _ImgAttributes()
    parser.feed(tag)
    parser.close()
    if parser.attrs is None:
        return False
    return not (parser.attrs.get("alt") or "").strip()


@rule("AL303", "image-alt-text", severity="warning")
def image_alt_text(context: Context) -> Iterator[Finding]:
    """## What it does
    Finds images without alternative text: markdown `![](url)` or `![ ](url)`, and HTML `<img>` tags with
    no `alt` attribute or a blank one.

    ## Why is this bad?
    Screen readers announce an image without alt text as a bare file name or skip it, and the text is what
    is shown when the image (often a badge from another server) fails to load.

    ## Example
    ```
    ![ ](https://img.shields.io/github/last-commit/owner/repo)
    ```

    ## Use instead
    ```
    ![Last commit](https://img.shields.io/github/last-commit/owner/repo)
    ```

    ## Fix safety
    No fix: the right description depends on what the image shows.
    """
    for base, text in _prose(context):
        for match in _IMAGE.finditer(text):
            yield Finding(base + match.start(), base + match.end(), "image has no alt text; describe what it shows")
        if "<img" not in text.lower():
            continue
        for match in _IMG_TAG.finditer(text):
            if _img_lacks_alt(match.group()):
                yield Finding(
                    base + match.start(),
                    base + match.end(),
                    "<img> has no alt text; add an alt attribute that describes the image",
                )

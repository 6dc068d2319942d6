"""arXiv identifiers: read them from links, check them, give their year and the canonical abstract link."""

from __future__ import annotations

import re

from .record import Record

CANONICAL_PREFIX = "https://arxiv.org/abs/"
_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org"})
_PAPER_PATHS = ("abs/", "pdf/")
# Identifiers since April 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015), optional version.
_NEW_ID = re.compile(r"(\d{2})(\d{2})\.(\d{4,5})(?:v(\d{1,3}))?")
# Identifiers before April 2007: archive(.SUBJECT)/YYMMNNN, such as hep-th/9901001 or math.GT/0309136.
_OLD_ID = re.compile(r"([a-z]{2,10}(?:-[a-z]{2,10})?(?:\.[A-Za-z]{2})?)/(\d{2})(\d{2})(\d{3})(?:v(\d{1,3}))?")
# A URL that ends an arXiv link in running text, a markdown destination or an href.
URL_PATTERN = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/[^\s()<>\"'\[\]`|]*", re.IGNORECASE)


class ArxivId(Record, frozen=True):
    """An arXiv identifier without its version: `2303.00915` or `hep-th/9901001`."""

    id: str
    year: int

    @property
    def url(self) -> str:
        return CANONICAL_PREFIX + self.id


class ArxivLink(Record, frozen=True):
    """An arXiv paper link (`/abs/` or `/pdf/`): its identifier when valid, and whether it is canonical."""

    url: str
    id: ArxivId | None

    @property
    def canonical(self) -> bool:
        return self.id is not None and self.url == self.id.url


def parse_id(text: str) -> ArxivId | None:
    """The identifier in `text` (a whole id, version allowed), or None when it is no valid arXiv id."""
    new = _NEW_ID.fullmatch(text)
    if new is not None:
        year, month, number = int(new.group(1)), int(new.group(2)), new.group(3)
        if not 1 <= month <= 12 or (year, month) < (7, 4):
            return None
        if len(number) != (5 if year >= 15 else 4):
            return None
        return ArxivId(id=f"{new.group(1)}{new.group(2)}.{number}", year=2000 + year)
    old = _OLD_ID.fullmatch(text)
    if old is not None:
        year, month = int(old.group(2)), int(old.group(3))
        if not 1 <= month <= 12 or (7 < year < 91) or (year == 7 and month > 3):
            return None
        return ArxivId(id=f"{old.group(1)}/{old.group(2)}{old.group(3)}{old.group(4)}", year=_century(year))
    return None


def parse_link(url: str) -> ArxivLink | None:
    """An arXiv abstract or PDF link, or None for any other URL (other hosts, listings, queries, fragments)."""
    rest = _after_host(url)
    if rest is None or "?" in rest or "#" in rest:
        return None
    for prefix in _PAPER_PATHS:
        if rest.lower().startswith(prefix):
            break
    else:
        return None
    raw = rest[len(prefix) :].strip("/")
    if raw.lower().endswith(".pdf"):
        raw = raw[:-4]
    if raw.lower().startswith("arxiv:"):
        raw = raw[6:]
    return ArxivLink(url=url, id=parse_id(raw))


def link_id(url: str) -> ArxivId | None:
    """The identifier of an arXiv paper link, or None."""
    link = parse_link(url)
    return link.id if link is not None else None


def _after_host(url: str) -> str | None:
    """The path after `arxiv.org/` (without the leading slash), or None when the URL is not on arXiv."""
    lowered = url.lower()
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            lowered = lowered[len(scheme) :]
            url = url[len(scheme) :]
            break
    else:
        return None
    host, slash, _ = lowered.partition("/")
    if host not in _HOSTS or not slash:
        return None
    return url[len(host) + 1 :]


def _century(year: int) -> int:
    return 1900 + year if year >= 91 else 2000 + year

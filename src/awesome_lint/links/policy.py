"""What may be checked and how: URL patterns, schemes, private addresses, arXiv ids, the GitHub token's reach."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from ..arxiv import parse_link

SCHEMES = ("http", "https")
# Hosts that get `Authorization: Bearer $GITHUB_TOKEN`, over https only: GitHub's own, never a redirect target.
GITHUB_HOSTS = frozenset({"github.com", "api.github.com"})


def matches(url: str, patterns: Sequence[str]) -> bool:
    """Whether a shell-style pattern (`https://example.com/*`) matches the whole URL."""
    return any(fnmatchcase(url, pattern) for pattern in patterns)


def wanted(url: str, ignore: Sequence[str], only: Sequence[str]) -> bool:
    """A URL is checked unless an `ignore` pattern matches it, or `only` is given and none of it matches."""
    if matches(url, ignore):
        return False
    return not only or matches(url, only)


def host_of(url: str) -> str | None:
    """The lower-case host name of an http(s) URL, or None when the URL has another scheme or no host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not host:
        return None
    return host.lower()


def non_public(address: str) -> bool:
    """Loopback, private, link-local, multicast, reserved or unspecified: nothing a public list links to."""
    try:
        ip = ipaddress.ip_address(address.partition("%")[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # is_global is False for loopback, private, link-local, reserved, unspecified and shared (CGNAT) space.
    return not ip.is_global or ip.is_multicast


def literal_address(host: str) -> str | None:
    """The host itself when it is an IP address (`127.0.0.1`, `::1`), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def arxiv_target(url: str) -> tuple[str, str | None]:
    """For an arXiv paper link, the abstract page to request, or a problem found offline; others unchanged."""
    link = parse_link(url)
    if link is None:
        return url, None
    if link.id is None:
        return url, "not a valid arXiv identifier"
    return link.id.url, None


def auth_headers(url: str, token: str | None) -> dict[str, str]:
    """The GitHub token for github.com over https; nothing for any other URL."""
    if not token:
        return {}
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or (parts.hostname or "").lower() not in GITHUB_HOSTS:
        return {}
    return {"Authorization": f"Bearer {token}"}

"""The link checker's offline parts: which links a document has and where, the URL policy, the cache format."""

from __future__ import annotations

import json

import pytest

from awesome_lint.build import parse_source
from awesome_lint.links import cache
from awesome_lint.links.extract import extract
from awesome_lint.links.outcome import Outcome
from awesome_lint.links.policy import arxiv_target, auth_headers, host_of, non_public, wanted
from awesome_lint.source import Source

from conftest import needs_shared, shared_files

DOCUMENT = (
    "# List\n"
    "\n"
    "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"
    "\n"
    "- [Tool](https://example.com/tool) - See https://example.com/docs. Or <https://example.com/auto>.\n"
    "- [Wiki](https://en.wikipedia.org/wiki/Graph_(discrete_mathematics)) - `https://example.com/code`\n"
    '- <a href="https://example.com/a?x=1&amp;y=2">A</a> <img src="https://example.com/logo.png">\n'
    "<!-- https://example.com/comment -->\n"
    "\n"
    "```\n"
    "https://example.com/fenced\n"
    "```\n"
    "\n"
    "[ref]: https://example.com/reference\n"
)


def _links(text: str, *, images: bool = False) -> list[tuple[int, int, str, bool, bool]]:
    source = Source.from_text(text)
    return [
        (link.line, link.column, link.url, link.image, link.exact)
        for link in extract(source, parse_source(source), images=images)
    ]


def test_extract_finds_every_link_with_line_and_column_and_skips_code_and_comments() -> None:
    assert _links(DOCUMENT) == [
        (3, 44, "https://awesome.re", False, True),
        (5, 10, "https://example.com/tool", False, True),
        (5, 42, "https://example.com/docs", False, True),
        (5, 72, "https://example.com/auto", False, True),
        (6, 10, "https://en.wikipedia.org/wiki/Graph_(discrete_mathematics)", False, True),
        (7, 12, "https://example.com/a?x=1&y=2", False, False),
        (14, 8, "https://example.com/reference", False, True),
    ]


def test_extract_reports_images_only_when_asked() -> None:
    images = [row for row in _links(DOCUMENT, images=True) if row[3]]
    assert images == [
        (3, 13, "https://awesome.re/badge.svg", True, True),
        (7, 63, "https://example.com/logo.png", True, True),
    ]


def test_extract_span_is_the_url_text() -> None:
    text = "# T\n\r\n- [x](http://a.example/p) and http://b.example/q.\r\n"
    source = Source.from_text("\ufeff" + text)
    links = extract(source, parse_source(source))
    assert [source.text[link.start : link.end] for link in links] == ["http://a.example/p", "http://b.example/q"]
    assert [(link.line, link.column) for link in links] == [(3, 7), (3, 31)]


@pytest.mark.parametrize(
    ("url", "ignore", "only", "expected"),
    [
        ("https://example.com/a", [], [], True),
        ("https://example.com/a", ["https://example.com/*"], [], False),
        ("https://example.com/a", [], ["https://github.com/*"], False),
        ("https://github.com/a/b", [], ["https://github.com/*"], True),
        ("https://github.com/a/b", ["*/a/*"], ["https://github.com/*"], False),
    ],
)
def test_ignore_and_only_patterns(url: str, ignore: list[str], only: list[str], expected: bool) -> None:
    assert wanted(url, ignore, only) is expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("10.0.0.8", True),
        ("172.16.5.4", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("::1", True),
        ("fe80::1%eth0", True),
        ("fd00::1", True),
        ("::ffff:10.0.0.1", True),
        ("224.0.0.1", True),
        ("93.184.216.34", False),
        ("2606:4700::1111", False),
    ],
)
def test_non_public_addresses(address: str, expected: bool) -> None:
    assert non_public(address) is expected


def test_only_http_and_https_have_a_host() -> None:
    assert host_of("HTTPS://Example.COM:8443/x") == "example.com"
    assert host_of("file:///etc/passwd") is None
    assert host_of("ftp://example.com/") is None
    assert host_of("http://example.com:notaport/") is None
    assert host_of("http:///nohost") is None


def test_github_token_goes_to_github_over_https_only() -> None:
    assert auth_headers("https://github.com/a/b", "t0k") == {"Authorization": "Bearer t0k"}
    assert auth_headers("https://api.github.com/repos/a/b", "t0k") == {"Authorization": "Bearer t0k"}
    assert auth_headers("http://github.com/a/b", "t0k") == {}
    assert auth_headers("https://github.com.evil.example/a", "t0k") == {}
    assert auth_headers("https://gitlab.com/a", "t0k") == {}
    assert auth_headers("https://github.com/a/b", None) == {}


def test_arxiv_links_are_validated_offline_then_checked_at_the_abstract_page() -> None:
    assert arxiv_target("https://arxiv.org/pdf/2210.10163v2.pdf") == ("https://arxiv.org/abs/2210.10163", None)
    assert arxiv_target("https://arxiv.org/abs/2313.00001") == (
        "https://arxiv.org/abs/2313.00001",
        "not a valid arXiv identifier",
    )
    assert arxiv_target("https://arxiv.org/list/cs.CV/recent") == ("https://arxiv.org/list/cs.CV/recent", None)


def _outcome(url: str, status: str, *, final: bool, checked_at: float = 1000.0) -> Outcome:
    return Outcome(url, status, "detail", code=200, final=final, checked_at=checked_at)  # type: ignore[arg-type]


def test_cache_keeps_final_fresh_outcomes_only() -> None:
    text = cache.dump(
        {
            "https://a.example/": _outcome("https://a.example/", "ok", final=True, checked_at=1000.0),
            "https://b.example/": _outcome("https://b.example/", "rate-limited", final=False),
            "https://c.example/": _outcome("https://c.example/", "broken", final=True, checked_at=100.0),
        }
    )
    assert sorted(json.loads(text)["links"]) == ["https://a.example/", "https://c.example/"]
    fresh = cache.load(text, now=1500.0, max_age=1000.0)
    assert list(fresh) == ["https://a.example/"]
    assert fresh["https://a.example/"] == Outcome(
        "https://a.example/", "ok", "detail", code=200, final=True, checked_at=1000.0, cached=True
    )


def test_cache_rejects_other_files_and_skips_malformed_entries() -> None:
    with pytest.raises(cache.CacheError, match=r"^not a link cache \(invalid JSON at line 1\)$"):
        cache.load("{", now=0, max_age=1)
    with pytest.raises(cache.CacheError, match=r"^not a link cache of version 1$"):
        cache.load('{"version": 9, "links": {}}', now=0, max_age=1)
    text = json.dumps({"version": 1, "links": {"https://x.example/": {"status": "ok", "checked_at": "yesterday"}}})
    assert cache.load(text, now=0, max_age=1) == {}


@pytest.mark.slow
@needs_shared
def test_links_of_every_real_list_are_whole_urls_at_their_spans() -> None:
    total = 0
    for path in shared_files():
        source = Source.from_text(path.read_text(encoding="utf-8"))
        for link in extract(source, parse_source(source), images=True):
            total += 1
            raw = source.text[link.start : link.end]
            assert link.exact == (raw == link.url), (path.name, link)
            assert link.url.lower().startswith(("http://", "https://")), (path.name, link)
            assert not any(char in link.url for char in ' \t\n<>"`'), (path.name, link)
            assert link.url.count("(") == link.url.count(")"), (path.name, link)
    assert total > 10_000

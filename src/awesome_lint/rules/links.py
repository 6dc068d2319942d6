"""Rules about link health. They need the network, so only `awesome-lint links` reports them; `check` never does.

The functions yield nothing: the link checker (awesome_lint.links) produces these findings, and the rules
exist so that they are listed, documented, selectable and configurable like the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..registry import Context, Finding, rule


@rule("AL501", "dead-link", severity="error", network=True)
def dead_link(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports an external link that does not lead to a page. That is an HTTP status of 400 or more, a host name
    that does not resolve, a TLS or connection failure, a redirect loop, an invalid arXiv identifier, or a link
    to a private address. A link that timed out or stayed rate-limited is reported too, as a warning, since it may
    work on the next run. Only `awesome-lint links` checks links; the offline `check` never does.

    ## Why is this bad?
    A dead link is the first thing readers of a curated list complain about: the entry promises a paper, a
    tool or a data set and delivers an error page.

    ## Example
    ```
    - [Old Tool](https://example.com/tool-that-was-removed) - A tool.
    ```

    ## Use instead
    ```
    - [Old Tool](https://web.archive.org/web/2020/https://example.com/tool-that-was-removed) - A tool (archived).
    ```
    Or remove the entry, or point it to the project's new home.

    ## Fix safety
    No fix: only a person can tell where the content went.

    ## Options
    `[tool.awesome-lint.links]`: `ignore` and `only` (URL patterns), `timeout`, `concurrency`, `per-host`,
    `host-delay`, `retries`, `budget`, `max-age-hours` and `cache`; see docs/links.md.
    """
    return iter(())


@rule("AL502", "redirected-link", fixable=True, severity="warning", network=True)
def redirected_link(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports an external link that answers with a redirect, and the URL it finally leads to. A permanent
    redirect (301 or 308) carries a fix that writes the new URL into the list.

    ## Why is this bad?
    A permanent redirect says the page has moved for good: the old URL costs every reader a round trip and
    breaks as soon as the old host stops redirecting. Temporary redirects (302, 303, 307) are reported without
    a fix, since the old URL is the one to keep.

    ## Example
    ```
    - [Project](http://project.example.org/) - A project.
    ```
    where `http://project.example.org/` answers `301 Moved Permanently` to `https://project.example.org/`.

    ## Use instead
    ```
    - [Project](https://project.example.org/) - A project.
    ```

    ## Fix safety
    Safe for `awesome-lint links --fix`: only the URL of a link is replaced, and only up to the last
    permanent redirect of the chain, never by the target of a temporary one.
    """
    return iter(())

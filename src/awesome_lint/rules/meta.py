"""Rules about the run itself: a rule that failed, a suppression comment that hides nothing.

The engine produces these findings; the functions exist so that the rules are listed and documented.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..registry import Context, Finding, rule


@rule("AL000", "internal-error", severity="error")
def internal_error(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports a rule that raised an exception instead of returning its findings.

    ## Why is this bad?
    It is a bug in awesome-lint, not in your list: the rule's findings are missing from this run. The other
    rules still ran. Please report it with the file that triggers it.

    ## Example
    `README.md:1:1: AL000 [internal-error] rule AL105 toc failed with KeyError: ...; this is a bug`

    ## Use instead
    Nothing to change in the list; `--ignore` the failing rule until it is fixed.

    ## Fix safety
    No fix.
    """
    return iter(())


@rule("AL001", "unused-suppression", severity="warning")
def unused_suppression(context: Context) -> Iterator[Finding]:
    """## What it does
    Reports an `awesome-lint-disable` or `awesome-lint-disable-next-line` comment that hides no finding.

    A comment that names only the link rules (`dead-link`, `redirected-link`) is left to `awesome-lint links`,
    which honours it; `check` never runs those rules, so it cannot tell whether the comment is used.

    ## Why is this bad?
    A suppression that no longer suppresses anything is noise, and it will silently hide the next real
    problem on that line.

    ## Example
    ```
    <!-- awesome-lint-disable-next-line summary-year -->
    <summary>MedCLIP (2022)</summary>
    ```

    ## Use instead
    Remove the comment.

    ## Fix safety
    No fix.
    """
    return iter(())

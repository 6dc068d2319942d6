"""pyproject.toml promises Python 3.10: nothing in the package may need a later version's syntax at run time.

Python 3.11 added possessive quantifiers (`*+`) and atomic groups (`(?>...)`) to `re`; on 3.10 the pattern
fails to compile and every check ends in an internal error. The suite runs on 3.11, so it would never see
that; this test reads every pattern the package compiles and looks for either construct in its parse tree.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import awesome_lint

if sys.version_info >= (3, 11):
    from re import _constants, _parser  # type: ignore[attr-defined]
else:  # pragma: no cover - Python 3.10, where these constructs do not even parse
    import sre_constants as _constants
    import sre_parse as _parser

NEWER = {getattr(_constants, name) for name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP") if hasattr(_constants, name)}
NEWER_SAMPLES = (r"<a(?:[ \t]+b)*+>", r"x(?>y|z)")


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for info in pkgutil.walk_packages(awesome_lint.__path__, "awesome_lint."):
        if info.name in ("awesome_lint.__main__", "awesome_lint.links.checker"):
            continue  # __main__ runs the command; the checker needs httpx and compiles no pattern
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for item in value if isinstance(value, tuple) else (value,):
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, re.Pattern):
                        yield f"{info.name}.{name}", part


def _opcodes(parsed: Any) -> Iterator[Any]:
    for op, argument in parsed:
        yield op
        for value in argument if isinstance(argument, (list, tuple)) else (argument,):
            if isinstance(value, _parser.SubPattern):
                yield from _opcodes(value)
            elif isinstance(value, (list, tuple)):
                for inner in value:
                    if isinstance(inner, _parser.SubPattern):
                        yield from _opcodes(inner)


def test_no_pattern_needs_python_3_11() -> None:
    patterns = list(_patterns())
    assert len(patterns) > 60  # the package's module-level patterns, as a sanity check on the walk
    newer = [name for name, pattern in patterns if NEWER & set(_opcodes(_parser.parse(pattern.pattern, pattern.flags)))]
    assert newer == []


def test_the_scan_finds_a_possessive_quantifier() -> None:
    assert not NEWER & set(_opcodes(_parser.parse(r"<a(?=((?:[ \t]+b)*))\1>", 0)))
    for sample in NEWER_SAMPLES:
        if sys.version_info >= (3, 11):
            assert NEWER & set(_opcodes(_parser.parse(sample, 0)))
        else:  # what the package would meet on 3.10 had a pattern slipped through
            with pytest.raises(re.error):
                re.compile(sample)

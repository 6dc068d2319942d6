"""Coverage-guided fuzzing of parse, lint and fix with atheris: one input, every invariant of DESIGN.md.

Run it through `fuzz/run --seconds N`, which adds the seeds, the dictionary and a temporary corpus. Any failed
check raises, and libFuzzer stops and saves the input; `fuzz/run` then prints it as a Python literal to paste
into a regression test in tests/test_properties.py.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

import atheris  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

with atheris.instrument_imports(include=["awesome_lint"]):
    from awesome_lint import parse
    from awesome_lint.engine import lint
    from awesome_lint.fix import UnsafeResultError, fix
    from awesome_lint.source import SourceError, decode


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def check(data: bytes) -> None:
    """Every invariant for one input; raises AssertionError (or the bug's own exception) when one fails."""
    try:
        text = decode(data, "<fuzz>")
    except SourceError as error:
        message = str(error)
        assert "\n" not in message and message.startswith("<fuzz>"), message
        return
    document = parse(text)
    assert document.render() == text, "parse then render lost or changed text"
    document.model_dump_json()
    diagnostics = lint(text)
    internal = [d.message for d in diagnostics if d.code == "AL000"]
    assert not internal, internal
    try:
        result = fix(text)
    except UnsafeResultError as error:
        # The safety net refused a bad fix: the user is told it is a bug. Not a crash, but a rule bug all the
        # same: noted for `fuzz/run` to report, and a finding with --strict. The command line then applies
        # the other rules' fixes (partial=True): that result must keep every invariant too.
        _check_partial(text)
        _note_refusal(data, error)
        return
    again = fix(result.text)
    assert again.text == result.text, "fix is not idempotent"
    assert not [d for d in again.remaining if d.fix is not None and d.fix.safe], "a safe fix was left over"
    lost = _words(text) - _words(result.text) - result.removed
    assert not lost, f"fix lost words {sorted(lost)[:5]}"
    assert parse(result.text).render() == result.text


def _check_partial(text: str) -> None:
    try:
        result = fix(text, partial=True)
    except UnsafeResultError:
        return  # every rule passed alone: the command line writes nothing, as the refusal says
    assert result.withheld, "a partial fix after a refusal held nothing back"
    lost = _words(text) - _words(result.text) - result.removed
    assert not lost, f"partial fix lost words {sorted(lost)[:5]}"
    assert parse(result.text).render() == result.text
    # Not asserted: that a second partial fix changes nothing. It need not: once the kept fixes are in, a rule
    # held back this time may pass alone next time (toc and llm-artifact, fighting over an escaped marker).


REFUSALS = os.environ.get("AWESOME_LINT_FUZZ_REFUSALS")  # a file: one line per refusal, message and input
STRICT = os.environ.get("AWESOME_LINT_FUZZ_STRICT") == "1"


def _note_refusal(data: bytes, error: UnsafeResultError) -> None:
    if STRICT:
        raise error
    if REFUSALS:
        with open(REFUSALS, "a", encoding="utf-8") as log:
            log.write(f"{error}\t{data!r}\n")


def test_one_input(data: bytes) -> None:
    check(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""The link cache as data: final outcomes by URL with the time they were checked, to and from JSON text.

Only final outcomes are kept (see Outcome.final): a 429, a 5xx, a time-out or a network failure is checked
again on the next run. Entries older than the maximum age are stale: dropped on load, so they are re-checked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, get_args

from .outcome import Outcome, Status

VERSION = 1
_FIELDS = ("status", "detail", "code", "final_url", "redirect_code", "fix_url", "checked_at")


class CacheError(ValueError):
    """A cache file that is not one of ours; the message says what is wrong."""


def load(text: str, *, now: float, max_age: float) -> dict[str, Outcome]:
    """The fresh entries of a cache file's text (checked less than `max_age` seconds before `now`)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CacheError(f"not a link cache (invalid JSON at line {error.lineno})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("links"), dict):
        raise CacheError(f"not a link cache of version {VERSION}")
    fresh: dict[str, Outcome] = {}
    for url, entry in data["links"].items():
        outcome = _outcome(url, entry)
        if outcome is not None and 0 <= now - outcome.checked_at < max_age:
            fresh[url] = outcome
    return fresh


def dump(outcomes: Mapping[str, Outcome]) -> str:
    """The cache file's text for the final outcomes among these, sorted by URL for readable diffs."""
    links = {
        url: {name: getattr(outcome, name) for name in _FIELDS}
        for url, outcome in sorted(outcomes.items())
        if outcome.final
    }
    return json.dumps({"version": VERSION, "links": links}, indent=1, ensure_ascii=False) + "\n"


def _outcome(url: str, entry: Any) -> Outcome | None:
    """An entry read back, or None when it does not have the expected shape (it is then checked again)."""
    if not isinstance(entry, dict) or entry.get("status") not in get_args(Status):
        return None
    checked_at = entry.get("checked_at")
    if not isinstance(checked_at, (int, float)) or not isinstance(entry.get("detail"), str):
        return None
    texts = {name: entry.get(name) for name in ("final_url", "fix_url")}
    numbers = {name: entry.get(name) for name in ("code", "redirect_code")}
    if any(value is not None and not isinstance(value, str) for value in texts.values()):
        return None
    if any(value is not None and not isinstance(value, int) for value in numbers.values()):
        return None
    return Outcome(
        url,
        entry["status"],
        entry["detail"],
        code=numbers["code"],
        final_url=texts["final_url"],
        redirect_code=numbers["redirect_code"],
        fix_url=texts["fix_url"],
        final=True,
        checked_at=float(checked_at),
        cached=True,
    )

"""What checking one URL came to; plain data, shared by the checker, the cache and the report."""

from __future__ import annotations

from typing import Literal

from ..record import Record

Status = Literal["ok", "redirected", "broken", "timeout", "rate-limited"]


class Outcome(Record, frozen=True):
    """What one URL came to: the status, the last HTTP code, a detail for people, and where redirects led.

    `fix_url` is where the leading permanent redirects (301, 308) of the chain end: the URL to write instead.
    `final` says whether the answer may be cached (not for 429, 5xx, time-outs, network failures).
    """

    url: str
    status: Status
    detail: str
    code: int | None = None
    final_url: str | None = None
    redirect_code: int | None = None
    fix_url: str | None = None
    final: bool = False
    checked_at: float = 0.0
    cached: bool = False

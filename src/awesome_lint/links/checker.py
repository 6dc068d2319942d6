"""The async engine: check URLs politely with httpx and classify each as ok, redirected, broken, timeout or
rate-limited.

Politeness: a global limit and a per-host limit on requests in flight, a minimum spacing between request starts
to one host, HEAD first (GET only when HEAD is refused), no response body ever read, `Retry-After` honoured
on 429 and 503, exponential backoff otherwise, redirects followed by hand (each hop checked for its scheme and
address, at most `max-redirects`), and a total time budget after which what is left is reported unchecked.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..config import LinksSettings
from ..record import Record, field, replace
from .outcome import Outcome, Status
from .policy import arxiv_target, auth_headers, host_of, literal_address, non_public

Progress = Callable[[int, int], None]

USER_AGENT = f"awesome-lint/{__version__} (link checker; +https://pypi.org/project/awesome-lint/)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
RETRYABLE = frozenset({429, 500, 502, 503, 504})
# 4xx answers that say something about the client or the moment, not about the page: never cached as final.
TRANSIENT_4XX = frozenset({408, 425, 429})
_LOOPBACK_NAMES = ("all://localhost", "all://127.0.0.1", "all://[::1]")


class _Reply(Record, frozen=True):
    code: int
    reason: str
    location: str | None
    retry_after: str | None


class _Stop(Exception):
    """An outcome that ends a URL's check early."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.detail)
        self.outcome = outcome


class _Host(Record):
    slots: asyncio.Semaphore
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class Checker:
    """One run over many URLs with one client; `run` returns an Outcome for every URL it was given."""

    _client: httpx.AsyncClient
    _global: asyncio.Semaphore

    def __init__(
        self,
        settings: LinksSettings,
        *,
        allow_private: bool = False,
        token: str | None = None,
        trust_env: bool = True,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self.token = token
        self.trust_env = trust_env
        self.progress = progress
        self._hosts: dict[str, _Host] = {}
        self._addresses: dict[tuple[str, int], list[str] | str] = {}
        self._deadline = 0.0

    def run(self, urls: Sequence[str]) -> dict[str, Outcome]:
        return asyncio.run(self.check(urls))

    async def check(self, urls: Sequence[str]) -> dict[str, Outcome]:
        unique = list(dict.fromkeys(urls))
        if not unique:
            return {}
        self._deadline = time.monotonic() + self.settings.budget
        self._global = asyncio.Semaphore(self.settings.concurrency)
        timeout = httpx.Timeout(self.settings.timeout)
        limits = httpx.Limits(
            max_connections=self.settings.concurrency, max_keepalive_connections=self.settings.concurrency
        )
        mounts: dict[str, httpx.AsyncBaseTransport | None] = dict.fromkeys(_LOOPBACK_NAMES)
        results: dict[str, Outcome] = {}
        async with httpx.AsyncClient(
            timeout=timeout,
            limits=limits,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            trust_env=self.trust_env,
            mounts=mounts,
        ) as client:
            self._client = client
            tasks = {asyncio.ensure_future(self._one(url)): url for url in unique}
            finished = 0

            def count(_: asyncio.Future[Outcome]) -> None:
                nonlocal finished
                finished += 1
                if self.progress is not None:
                    self.progress(finished, len(unique))

            for task in tasks:
                task.add_done_callback(count)
            done, pending = await asyncio.wait(tasks, timeout=max(self._deadline - time.monotonic(), 0))
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)
            for task in done:
                results[tasks[task]] = task.result()
        budget = f"not checked: the time budget of {self.settings.budget:g} s ran out"
        unchecked = Outcome("", "timeout", budget, checked_at=time.time())
        return {url: results.get(url) or replace(unchecked, url=url) for url in unique}  # in the order given

    async def _one(self, url: str) -> Outcome:
        try:
            return await self._follow(url)
        except _Stop as stop:
            return stop.outcome

    async def _follow(self, url: str) -> Outcome:
        target, problem = arxiv_target(url)
        if problem is not None:
            return _broken(url, problem, final=True)
        seen = {target}
        current = target
        fix_url: str | None = None
        first_code: int | None = None
        leading_permanent = True
        for _ in range(self.settings.max_redirects + 1):
            await self._admit(url, current)
            reply = await self._ask(url, current)
            if reply.code in REDIRECTS and reply.location:
                following = urljoin(current, reply.location.strip())
                first_code = first_code or reply.code
                leading_permanent = leading_permanent and reply.code in PERMANENT
                if leading_permanent and target == url:
                    fix_url = following
                if following in seen:
                    return _broken(url, f"redirect loop at {following}", final=True, code=reply.code)
                seen.add(following)
                current = following
                continue
            return self._classify(url, current, reply, first_code, fix_url)
        limit = self.settings.max_redirects
        return _broken(url, f"more than {limit} redirect{'s' if limit != 1 else ''}", final=True)

    def _classify(self, url: str, current: str, reply: _Reply, first: int | None, fix_url: str | None) -> Outcome:
        code = reply.code
        where = f" at {current}" if first is not None else ""
        text = f"{code} {reply.reason}".strip()
        if code == 429:
            return Outcome(url, "rate-limited", text + where, code=code, checked_at=time.time())
        if code >= 400:
            final = code < 500 and code not in TRANSIENT_4XX
            return _broken(url, text + where, final=final, code=code)
        if first is None:
            return Outcome(url, "ok", text, code=code, final=True, checked_at=time.time())
        return Outcome(
            url,
            "redirected",
            text,
            code=code,
            final_url=current,
            redirect_code=first,
            fix_url=fix_url,
            final=True,
            checked_at=time.time(),
        )

    async def _admit(self, url: str, current: str) -> None:
        """Refuse other schemes, and hosts on private addresses unless allowed, before any request is sent."""
        host = host_of(current)
        if host is None:
            scheme = urlsplit(current).scheme or "no scheme"
            reason = "not a valid http(s) URL" if current == url else f"redirects to a {scheme}: URL, not followed"
            raise _Stop(_broken(url, reason, final=True))
        if self.allow_private:
            return
        port = urlsplit(current).port or (443 if current.lower().startswith("https") else 80)
        addresses = await self._resolve(host, port)
        if isinstance(addresses, str):
            raise _Stop(_broken(url, addresses))
        for address in addresses:
            if non_public(address):
                what = f"{host} is a private address" if host == address else f"{host} is at private address {address}"
                where = "" if current == url else f", reached by a redirect to {current}"
                raise _Stop(_broken(url, f"{what}{where}, not checked (--allow-private checks it)"))

    async def _resolve(self, host: str, port: int) -> list[str] | str:
        """The host's addresses, or a detail saying why it has none; cached for the run."""
        key = (host, port)
        if key not in self._addresses:
            literal = literal_address(host)
            if literal is not None:
                self._addresses[key] = [literal]
            else:
                loop = asyncio.get_running_loop()
                try:
                    infos = await asyncio.wait_for(
                        loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), self.settings.timeout
                    )
                    self._addresses[key] = [str(info[4][0]) for info in infos]
                except (socket.gaierror, UnicodeError):
                    self._addresses[key] = f"DNS: {host} does not resolve"
                except asyncio.TimeoutError:
                    self._addresses[key] = f"DNS: no answer for {host} within {self.settings.timeout:g} s"
        return self._addresses[key]

    async def _ask(self, url: str, current: str) -> _Reply:
        """One URL's answer: HEAD, GET when HEAD is refused, retries with backoff or Retry-After."""
        method = "HEAD"
        attempt = 0
        while True:
            try:
                reply = await self._fetch(method, current)
            except (httpx.TimeoutException, asyncio.TimeoutError):
                detail = f"no answer within {self.settings.timeout:g} s"
                raise _Stop(Outcome(url, "timeout", detail, checked_at=time.time())) from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
                if attempt >= self.settings.retries:
                    raise _Stop(_broken(url, f"connection failed: {_describe(error)}")) from None
                await self._pause(url, self.settings.backoff * 2**attempt, None)
                attempt += 1
                continue
            except httpx.HTTPError as error:
                raise _Stop(_broken(url, _describe(error))) from None
            except httpx.InvalidURL:
                raise _Stop(_broken(url, "not a valid http(s) URL", final=True)) from None
            if method == "HEAD" and reply.code >= 400 and reply.code not in RETRYABLE:
                method = "GET"  # many servers refuse or mishandle HEAD; GET is the real question
                continue
            if reply.code in RETRYABLE and attempt < self.settings.retries:
                await self._pause(url, self.settings.backoff * 2**attempt, reply)
                attempt += 1
                continue
            return reply

    async def _pause(self, url: str, backoff: float, reply: _Reply | None) -> None:
        """Wait before a retry: Retry-After on 429/503 when given, else the backoff; give up past the limits."""
        wait = backoff
        if reply is not None and reply.code in (429, 503) and reply.retry_after:
            asked = _retry_after(reply.retry_after)
            if asked is not None:
                if asked > self.settings.max_retry_after:
                    status: Status = "rate-limited" if reply.code == 429 else "broken"
                    detail = f"{reply.code} {reply.reason} (Retry-After {asked:g} s is beyond max-retry-after)"
                    raise _Stop(Outcome(url, status, detail, code=reply.code, checked_at=time.time()))
                wait = asked
        await asyncio.sleep(wait)  # past the budget, the run cancels this wait and reports the URL unchecked

    async def _fetch(self, method: str, url: str) -> _Reply:
        host = self._host(url)
        async with host.slots:
            await self._take_turn(host)
            async with self._global:
                request = self._client.build_request(method, url, headers=auth_headers(url, self.token))
                response = await asyncio.wait_for(self._client.send(request, stream=True), self.settings.timeout)
                if method == "HEAD":
                    await response.aread()  # nothing to read, but it lets the connection be used again
                # A GET's body is never read: status and headers answer the question; closing drops the rest.
                await response.aclose()
        return _Reply(
            code=response.status_code,
            reason=response.reason_phrase,
            location=response.headers.get("location"),
            retry_after=response.headers.get("retry-after"),
        )

    def _host(self, url: str) -> _Host:
        name = host_of(url) or ""
        if name not in self._hosts:
            self._hosts[name] = _Host(asyncio.Semaphore(self.settings.per_host))
        return self._hosts[name]

    async def _take_turn(self, host: _Host) -> None:
        """Space request starts to one host by `host-delay` seconds."""
        async with host.turn:
            now = time.monotonic()
            if host.next_start > now:
                await asyncio.sleep(host.next_start - now)
            host.next_start = time.monotonic() + self.settings.host_delay


def _broken(url: str, detail: str, *, final: bool = False, code: int | None = None) -> Outcome:
    return Outcome(url, "broken", detail, code=code, final=final, checked_at=time.time())


def _retry_after(value: str) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date; None when unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(error: BaseException) -> str:
    """A short reason for a network failure: DNS, TLS, refused connection, or httpx's own words."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "DNS: the host name does not resolve"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS: certificate not valid ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS: {cause.reason or cause}"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    text = str(error) or type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "DNS: the host name does not resolve"
    if "Connection refused" in text:
        return "connection refused"
    return text

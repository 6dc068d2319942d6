"""A real HTTP server on a loopback address for the link checker's tests and benchmark.

It serves every case a link checker must classify, counts the requests it gets (per path, and how many were in
flight at once), and stops by itself with the test. Run as a script it serves until its standard input closes:
`python tests/linkserver.py --host 127.0.0.2` prints the port it listens on.

Routes: /ok, /wait/<anything> (answers after `wait` seconds), /moved (301 to /ok), /moved308 (308 to /ok),
/chain (302, 302, then /ok), /mixed (301 to /chain), /missing (404), /gone (410), /head-refused (405 to HEAD,
200 to GET), /limited (429, Retry-After: 0, always), /limited-long (429, Retry-After: 3600), /limited-once
(429 with Retry-After: 1, then 200), /flaky (503, then 200), /slow (answers after 5 s), /loop (302 between
/loop/a and /loop/b forever), /to-file (302 to a file: URL), /huge (405 to HEAD; GET streams 1 GiB).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

HUGE = 1 << 30
CHUNK = 1 << 16


@dataclass
class Stats:
    """What the server saw: requests by path, (method, path, time) in order, most requests in flight at once."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    paths: Counter[str] = field(default_factory=Counter)
    log: list[tuple[str, str, float]] = field(default_factory=list)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    active: int = 0
    peak: int = 0
    huge_bytes: int = 0

    def total(self) -> int:
        with self.lock:
            return sum(self.paths.values())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, wait: float) -> None:
        super().__init__((host, 0), _Handler)
        self.stats = Stats()
        self.wait = wait
        self.stopping = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the stats are the record

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _answer(self, method: str) -> None:
        stats = self.server.stats
        with stats.lock:
            stats.active += 1
            stats.peak = max(stats.peak, stats.active)
            stats.paths[self.path] += 1
            seen = stats.paths[self.path]
            stats.log.append((method, self.path, time.monotonic()))
            stats.headers[self.path] = dict(self.headers.items())
        try:
            self._route(method, seen)
        finally:
            with stats.lock:
                stats.active -= 1

    def _route(self, method: str, seen: int) -> None:
        path = self.path
        if path == "/ok":
            self._send(200)
        elif path.startswith("/wait/"):
            self.server.stopping.wait(self.server.wait)
            self._send(200)
        elif path in ("/moved", "/moved308"):
            self._send(301 if path == "/moved" else 308, location="/ok")
        elif path == "/chain":
            self._send(302, location="/chain/2")
        elif path == "/chain/2":
            self._send(302, location=f"http://{self.headers['Host']}/ok")
        elif path == "/mixed":
            self._send(301, location="/chain")
        elif path == "/missing":
            self._send(404)
        elif path == "/gone":
            self._send(410)
        elif path == "/head-refused":
            self._send(405 if method == "HEAD" else 200)
        elif path == "/limited":
            self._send(429, retry_after="0")
        elif path == "/limited-long":
            self._send(429, retry_after="3600")
        elif path == "/limited-once":
            if seen == 1:
                self._send(429, retry_after="1")
            else:
                self._send(200)
        elif path == "/flaky":
            if seen == 1:
                self._send(503)
            else:
                self._send(200)
        elif path == "/slow":
            self.server.stopping.wait(5)
            self._send(200)
        elif path in ("/loop/a", "/loop/b", "/loop"):
            self._send(302, location="/loop/b" if path != "/loop/b" else "/loop/a")
        elif path == "/to-file":
            self._send(302, location="file:///etc/passwd")
        elif path == "/huge":
            self._huge(method)
        else:
            self._send(404)

    def _send(self, code: int, *, location: str | None = None, retry_after: str | None = None) -> None:
        body = f"{code}\n".encode()
        self.send_response(code)
        if location is not None:
            self.send_header("Location", location)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _huge(self, method: str) -> None:
        if method == "HEAD":
            self._send(405)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        chunk = b"x" * CHUNK
        try:
            for _ in range(HUGE // CHUNK):
                if self.server.stopping.is_set():
                    break
                self.wfile.write(chunk)
                with self.server.stats.lock:
                    self.server.stats.huge_bytes += CHUNK
        except OSError:
            pass  # the client hung up, as it should
        self.close_connection = True


class LinkServer:
    """A context manager: the server runs in a thread while the block runs; `url(path)` builds its links."""

    def __init__(self, host: str = "127.0.0.1", *, wait: float = 0.1) -> None:
        self._server = _Server(host, wait)
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def stats(self) -> Stats:
        return self._server.stats

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> LinkServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description="serve the link checker's test routes until stdin closes")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--wait", type=float, default=0.0)
    args = parser.parse_args()
    with LinkServer(args.host, wait=args.wait) as server:
        print(server.port, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()

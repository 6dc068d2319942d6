"""The link checker against a real HTTP server on 127.0.0.1: classification, politeness, cache, CLI output.

No test reaches beyond the loopback address: every URL points at tests/linkserver.py, or is refused (or judged
offline) before any request is sent.
"""

from __future__ import annotations

import itertools
import json
import os
import pty
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_lint.config import LinksSettings
from awesome_lint.links.checker import Checker
from linkserver import LinkServer

from conftest import console_script, run_cli

FAST = {"timeout": 0.3, "host-delay": 0, "backoff": 0.01, "max-retry-after": 2, "per-host": 4}
CONFIG = "[tool.awesome-lint.links]\ntimeout = 0.3\nhost-delay = 0\nbackoff = 0.01\nmax-retry-after = 2\n"


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer() as running:
        yield running


def _check(server: LinkServer, paths: list[str], **options: object) -> dict[str, tuple[str, str, str | None]]:
    settings = LinksSettings.model_validate({**FAST, **options})
    results = Checker(settings, allow_private=True, trust_env=False).run([server.url(path) for path in paths])
    base = server.url("")
    return {
        url.replace(base, ""): (
            outcome.status,
            outcome.detail.replace(base, ""),
            outcome.fix_url.replace(base, "") if outcome.fix_url else None,
        )
        for url, outcome in results.items()
    }


def test_every_case_is_classified(server: LinkServer) -> None:
    paths = [
        "/ok",
        "/moved",
        "/moved308",
        "/chain",
        "/mixed",
        "/missing",
        "/gone",
        "/head-refused",
        "/limited",
        "/limited-long",
        "/flaky",
        "/slow",
        "/loop",
        "/to-file",
        "/huge",
    ]
    started = time.monotonic()
    assert _check(server, paths) == {
        "/ok": ("ok", "200 OK", None),
        "/moved": ("redirected", "200 OK", "/ok"),
        "/moved308": ("redirected", "200 OK", "/ok"),
        "/chain": ("redirected", "200 OK", None),
        "/mixed": ("redirected", "200 OK", "/chain"),
        "/missing": ("broken", "404 Not Found", None),
        "/gone": ("broken", "410 Gone", None),
        "/head-refused": ("ok", "200 OK", None),
        "/limited": ("rate-limited", "429 Too Many Requests", None),
        "/limited-long": (
            "rate-limited",
            "429 Too Many Requests (Retry-After 3600 s is beyond max-retry-after)",
            None,
        ),
        "/flaky": ("ok", "200 OK", None),
        "/slow": ("timeout", "no answer within 0.3 s", None),
        "/loop": ("broken", "redirect loop at /loop/b", None),
        "/to-file": ("broken", "redirects to a file: URL, not followed", None),
        "/huge": ("ok", "200 OK", None),
    }
    assert time.monotonic() - started < 3
    paths_seen = server.stats.paths
    # HEAD then GET where HEAD is refused or fails; one retry after the 503; three tries of the 429.
    assert (paths_seen["/head-refused"], paths_seen["/flaky"], paths_seen["/limited"]) == (2, 2, 3)
    assert paths_seen["/limited-long"] == 1  # a Retry-After beyond the limit is not waited for
    # The 1 GiB body is never downloaded: only what the sockets' buffers took before the checker hung up.
    assert server.stats.huge_bytes < 32 << 20


def test_retry_after_is_honoured(server: LinkServer) -> None:
    assert _check(server, ["/limited-once"]) == {"/limited-once": ("ok", "200 OK", None)}
    first, second = (at for _, path, at in server.stats.log if path == "/limited-once")
    assert second - first >= 0.95


@pytest.mark.parametrize(("concurrency", "per_host", "peak"), [(8, 2, 2), (3, 10, 3)])
def test_per_host_and_global_limits_hold(server: LinkServer, concurrency: int, per_host: int, peak: int) -> None:
    paths = [f"/wait/{index}" for index in range(12)]
    results = _check(server, paths, concurrency=concurrency, **{"per-host": per_host})
    assert {status for status, _, _ in results.values()} == {"ok"}
    assert server.stats.peak == peak


def test_github_token_and_user_agent(server: LinkServer) -> None:
    settings = LinksSettings.model_validate(FAST)
    Checker(settings, allow_private=True, token="s3cret", trust_env=False).run([server.url("/ok")])
    headers = server.stats.headers["/ok"]
    assert "Authorization" not in headers  # the token is for github.com over https only
    assert headers["User-Agent"].startswith("awesome-lint/")


def test_requests_to_one_host_are_spaced(server: LinkServer) -> None:
    _check(server, [f"/wait/{index}" for index in range(4)], **{"per-host": 4, "host-delay": 0.1})
    starts = sorted(at for _, _, at in server.stats.log)
    assert all(later - earlier >= 0.09 for earlier, later in itertools.pairwise(starts))


def test_network_failures_are_named(server: LinkServer) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there any more
    settings = LinksSettings.model_validate(FAST)
    tls, refused = f"https://127.0.0.1:{server.port}/ok", f"http://127.0.0.1:{port}/ok"
    results = Checker(settings, allow_private=True, trust_env=False).run([tls, refused])
    assert [(o.status, o.detail, o.final) for o in results.values()] == [
        ("broken", "TLS: WRONG_VERSION_NUMBER", False),  # https spoken to a plain http server
        ("broken", "connection refused", False),
    ]


def test_redirects_are_capped(server: LinkServer) -> None:
    assert _check(server, ["/chain", "/moved"], **{"max-redirects": 1}) == {
        "/chain": ("broken", "more than 1 redirect", None),
        "/moved": ("redirected", "200 OK", "/ok"),
    }


def test_time_budget_reports_what_is_left_as_unchecked(server: LinkServer) -> None:
    results = _check(server, ["/slow"], timeout=5, budget=0.3)
    assert results == {"/slow": ("timeout", "not checked: the time budget of 0.3 s ran out", None)}


def test_private_address_is_refused_before_any_request(server: LinkServer) -> None:
    settings = LinksSettings.model_validate(FAST)
    results = Checker(settings, trust_env=False).run([server.url("/ok"), f"http://localhost:{server.port}/ok"])
    assert [(outcome.status, outcome.detail) for outcome in results.values()] == [
        ("broken", "127.0.0.1 is a private address, not checked (--allow-private checks it)"),
        ("broken", "localhost is at private address 127.0.0.1, not checked (--allow-private checks it)"),
    ]
    assert server.stats.total() == 0


def _listing(folder: Path, server: LinkServer) -> Path:
    url = server.url
    (folder / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    path = folder / "README.md"
    path.write_text(
        "# List\n"
        "\n"
        f"[![Badge]({url('/missing')})]({url('/ok')})\n"
        "\n"
        f"- [Fine]({url('/ok')}) - Fine.\n"
        f"- [Moved]({url('/moved')}) - Moved; see {url('/gone')}.\n"
        f"- [Chain]({url('/chain')}) and <{url('/slow')}>, not `{url('/missing')}`.\n"
        f'- <a href="{url("/limited-long")}">Busy</a>\n'
        "- Paper [[paper]](https://arxiv.org/abs/2313.12345)\n",
        encoding="utf-8",
    )
    return path


def test_links_command_groups_by_status_and_exits_1(tmp_path: Path, server: LinkServer) -> None:
    _listing(tmp_path, server)
    url = server.url
    width = len(url(""))  # the port's digits move the columns
    result = run_cli("links", "--allow-private", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "Broken (2):",
        f"README.md:6:{width + 32}: AL501 [dead-link] {url('/gone')} is dead: 410 Gone",
        "README.md:9:19: AL501 [dead-link] https://arxiv.org/abs/2313.12345 is dead: not a valid arXiv identifier",
        "Timed out (1):",
        f"README.md:7:{width + 24}: AL501 [dead-link] {url('/slow')} timed out: no answer within 0.3 s",
        "Rate-limited (1):",
        f"README.md:8:12: AL501 [dead-link] {url('/limited-long')} is rate-limited: 429 Too Many Requests "
        "(Retry-After 3600 s is beyond max-retry-after)",
        "Redirected (2):",
        f"README.md:6:11: AL502 [redirected-link] {url('/moved')} redirects permanently (301) to {url('/ok')} [*]",
        f"README.md:7:11: AL502 [redirected-link] {url('/chain')} redirects (302) to {url('/ok')}",
        "Checked 8 links (7 URLs) in 1 file: 2 ok, 2 redirected, 2 broken, 1 timed out, 1 rate-limited.",
    ]
    assert (result.returncode, result.stderr) == (1, "")
    assert (tmp_path / ".awesome-lint-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_suppression_comments_hide_link_findings_and_check_leaves_them_alone(
    tmp_path: Path, server: LinkServer
) -> None:
    """`<!-- awesome-lint-disable-next-line dead-link -->` works for `links` as for any rule; `check`, which never
    runs the link rules, does not call such a comment unused. A comment naming another rule too is reported
    by check for that rule alone."""
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "# List\n\n"
        "<!-- awesome-lint-disable-next-line dead-link -->\n"
        f"- [Known]({server.url('/missing')}) - Gone for good; kept for the record.\n"
        f"- [Other]({server.url('/gone')}) - Gone too.\n"
        "<!-- awesome-lint-disable-next-line AL502, trailing-whitespace -->\n"
        f"- [Moved]({server.url('/moved')}) - Moved.\n",
        encoding="utf-8",
    )
    result = run_cli("links", "--allow-private", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "Broken (1):",
        f"README.md:5:11: AL501 [dead-link] {server.url('/gone')} is dead: 410 Gone",
        "Checked 3 links (3 URLs) in 1 file: 0 ok, 1 redirected, 2 broken, 0 timed out, 0 rate-limited; "
        "2 findings suppressed.",
    ]
    assert (result.returncode, result.stderr) == (1, "")
    check = run_cli("check", "README.md", cwd=tmp_path)
    assert check.stdout.splitlines() == [
        "README.md:6:1: AL001 [unused-suppression] suppression of trailing-whitespace matches no finding; remove it",
        "Found 1 finding (0 errors, 1 warning) in 1 file.",
    ]
    assert check.returncode == 0


def test_second_run_hits_the_cache(tmp_path: Path, server: LinkServer) -> None:
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "README.md").write_text(
        f"# List\n\n- [A]({server.url('/ok')})\n- [B]({server.url('/moved')})\n- [C]({server.url('/missing')})\n"
        f"- [D]({server.url('/flaky')})\n",
        encoding="utf-8",
    )
    first = run_cli("links", "--allow-private", "--show-ok", cwd=tmp_path)
    requests = server.stats.total()
    second = run_cli("links", "--allow-private", "--show-ok", cwd=tmp_path)
    assert server.stats.total() == requests  # every answer was final, so nothing was asked again
    assert first.stdout.splitlines()[-1] == (
        "Checked 4 links (4 URLs) in 1 file: 2 ok, 1 redirected, 1 broken, 0 timed out, 0 rate-limited."
    )
    assert second.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]
    assert second.stdout.splitlines()[-1] == (
        "Checked 4 links (4 URLs) in 1 file: 2 ok, 1 redirected, 1 broken, 0 timed out, 0 rate-limited; "
        "4 from the cache."
    )
    third = run_cli("links", "--allow-private", "--no-cache", cwd=tmp_path)
    assert server.stats.total() > requests
    assert third.returncode == 1


def test_transient_answers_are_not_cached(tmp_path: Path, server: LinkServer) -> None:
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "README.md").write_text(f"# List\n\n- [A]({server.url('/limited')})\n", encoding="utf-8")
    run_cli("links", "--allow-private", cwd=tmp_path)
    run_cli("links", "--allow-private", cwd=tmp_path)
    assert server.stats.paths["/limited"] == 6
    cached = json.loads((tmp_path / ".awesome-lint-cache" / "links.json").read_text(encoding="utf-8"))
    assert cached == {"version": 1, "links": {}}


def test_unreadable_cache_is_reported_and_replaced(tmp_path: Path) -> None:
    cache_file = tmp_path / ".awesome-lint-cache" / "links.json"
    cache_file.parent.mkdir()
    cache_file.write_text("not json", encoding="utf-8")
    (tmp_path / "README.md").write_text("# L\n\n- [[paper]](https://arxiv.org/abs/2313.12345)\n", encoding="utf-8")
    result = run_cli("links", cwd=tmp_path)  # an invalid arXiv id is judged offline: no request at all
    assert result.stderr == (
        "awesome-lint: .awesome-lint-cache/links.json: not a link cache (invalid JSON at line 1); "
        "checking every link again\n"
    )
    assert result.returncode == 1
    entry = json.loads(cache_file.read_text(encoding="utf-8"))["links"]["https://arxiv.org/abs/2313.12345"]
    assert (entry["status"], entry["detail"]) == ("broken", "not a valid arXiv identifier")


def test_fix_rewrites_permanent_redirects_only(tmp_path: Path, server: LinkServer) -> None:
    url = server.url
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    path = tmp_path / "README.md"
    path.write_bytes(
        f"# List\r\n\r\n- [A]({url('/moved')}) and {url('/moved308')}\r\n- [B]({url('/chain')})\r\n"
        f"- [C]({url('/mixed')})\r\n".encode()
    )
    result = run_cli("links", "--allow-private", "--fix", cwd=tmp_path)
    assert path.read_bytes() == (
        f"# List\r\n\r\n- [A]({url('/ok')}) and {url('/ok')}\r\n- [B]({url('/chain')})\r\n"
        f"- [C]({url('/chain')})\r\n".encode()
    )
    assert result.stdout.splitlines()[0] == "Fixed 3 in README.md: 3 x AL502 redirected-link"
    assert result.stdout.splitlines()[1:3] == [
        "Redirected (1):",
        f"README.md:4:7: AL502 [redirected-link] {url('/chain')} redirects (302) to {url('/ok')}",
    ]
    assert result.returncode == 1


def test_private_address_is_refused_by_the_command(tmp_path: Path, server: LinkServer) -> None:
    (tmp_path / "README.md").write_text(f"# List\n\n- [A]({server.url('/ok')})\n", encoding="utf-8")
    result = run_cli("links", "--no-cache", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "Broken (1):",
        f"README.md:3:7: AL501 [dead-link] {server.url('/ok')} is dead: 127.0.0.1 is a private address, "
        "not checked (--allow-private checks it)",
        "Checked 1 link (1 URL) in 1 file: 0 ok, 0 redirected, 1 broken, 0 timed out, 0 rate-limited.",
    ]
    assert result.returncode == 1
    assert server.stats.total() == 0


def test_machine_formats_and_ignore_patterns(tmp_path: Path, server: LinkServer) -> None:
    url = server.url
    (tmp_path / ".awesome-lint.toml").write_text(
        f'ignore = ["redirected-link"]\n[links]\ntimeout = 0.3\nhost-delay = 0\nignore = ["{url("/gone")}"]\n',
        encoding="utf-8",
    )
    (tmp_path / "README.md").write_text(
        f"# L\n\n- [A]({url('/missing')})\n- [B]({url('/moved')})\n- [C]({url('/gone')})\n", encoding="utf-8"
    )
    rows = json.loads(run_cli("links", "--allow-private", "--format", "json", cwd=tmp_path).stdout)
    assert [(row["line"], row["column"], row["code"], row["severity"]) for row in rows] == [(3, 7, "AL501", "error")]
    github = run_cli("links", "--allow-private", "--format", "github", cwd=tmp_path)
    assert github.stdout == (
        f"::error file=README.md,line=3,col=7,endLine=3,title=AL501 dead-link::{url('/missing')} is dead: "
        "404 Not Found\n"
    )
    sarif = json.loads(run_cli("links", "--allow-private", "--format", "sarif", cwd=tmp_path).stdout)
    run = sarif["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["AL501", "AL502"]
    assert [(result["ruleId"], result["ruleIndex"]) for result in run["results"]] == [("AL501", 0)]
    text = run_cli("links", "--allow-private", cwd=tmp_path)
    assert text.stdout.splitlines()[-1] == (
        "Checked 2 links (2 URLs) in 1 file: 0 ok, 1 redirected, 1 broken, 0 timed out, 0 rate-limited; "
        "2 from the cache, 1 ignored."
    )


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_cli("links", "missing.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "awesome-lint: missing.md: no such file\n")


def test_bad_links_configuration_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint.links]\nper-host = 0\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# L\n", encoding="utf-8")
    result = run_cli("links", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"awesome-lint: {tmp_path / 'pyproject.toml'} [tool.awesome-lint]: 'links.per-host': "
        "Input should be greater than or equal to 1\n"
    )


def test_check_stays_offline_and_never_imports_the_checker(tmp_path: Path, server: LinkServer) -> None:
    path = tmp_path / "README.md"
    path.write_text(f"# List\n\n- [A]({server.url('/missing')}) - A.\n", encoding="utf-8")
    code = (
        "import sys\nfrom awesome_lint.cli import main\n"
        f"status = main(['check', {str(path)!r}]), main(['rules'])\n"
        "print(status, 'httpx' in sys.modules, 'awesome_lint.links.checker' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env={**os.environ, "CI": "1"}
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "All good: no findings in 1 file."
    assert (
        "AL501  dead-link                        error    Reports an external link that does not lead to a page."
        in (lines)
    )
    assert lines[-1] == "(0, 0) False False"
    assert server.stats.total() == 0


def _stderr_on_a_terminal(folder: Path, environment: dict[str, str]) -> bytes:
    primary, secondary = pty.openpty()
    try:
        subprocess.run(
            [*console_script(), "links", "--allow-private", "--no-cache"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=secondary,
            env=environment,
            timeout=60,
            check=False,
        )
        shown = b""
        while select.select([primary], [], [], 0)[0]:
            shown += os.read(primary, 4096)
        return shown
    finally:
        os.close(secondary)
        os.close(primary)


@pytest.mark.slow
def test_progress_line_only_on_a_terminal_outside_ci(tmp_path: Path, server: LinkServer) -> None:
    (tmp_path / "README.md").write_text(f"# L\n\n- [A]({server.url('/ok')})\n- [B]({server.url('/gone')})\n")
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    shown = _stderr_on_a_terminal(tmp_path, environment)
    assert shown.startswith(b"\rChecking links: ")
    assert shown.endswith(b"\rChecking links: 2/2\r\x1b[K")
    assert _stderr_on_a_terminal(tmp_path, {**environment, "CI": "true"}) == b""

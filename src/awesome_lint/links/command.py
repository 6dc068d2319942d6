"""`awesome-lint links`: the verb's arguments and its run, the command-line half of the link checker.

Like cli.py, and only for this verb, it reads the lists, reads and writes the cache, prints, and writes fixes
(through cli.write_atomically). Importing it is cheap: httpx is imported only when links are really checked.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..config import LinksSettings, Settings
    from ..engine import Diagnostic
    from ..model import Document
    from ..source import Source
    from .extract import LinkRef
    from .findings import Checked
    from .outcome import Outcome

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class _Failure(Exception):
    """A problem that ends the run with exit 2; the message is the line to print after `awesome-lint: `."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `awesome-lint links`: the files, format and configuration as for check, and its own."""
    from ..cli import add_input_arguments

    add_input_arguments(parser)
    parser.add_argument("--fix", action="store_true", help="rewrite permanently redirected URLs in the files")
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="also check links to loopback, private and link-local addresses (refused by default)",
    )
    parser.add_argument("--badges", action="store_true", help="also check images: badges, logos, screenshots")
    parser.add_argument("--show-ok", action="store_true", help="text format: list the links that are fine too")
    parser.add_argument("--cache", metavar="PATH", help="the cache file (default: the configuration's, see docs)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except _Failure as failure:
        print(f"awesome-lint: {failure}", file=sys.stderr)
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    from ..build import parse_source
    from ..cli import InputError, read_text
    from ..engine import unsuppressed
    from ..registry import find_rule, select
    from ..source import Source
    from .extract import extract
    from .findings import Checked, diagnostic
    from .policy import wanted

    if args.fix and "-" in args.paths:
        raise _Failure("--fix cannot write standard input; give the file's path")
    settings, config_path = _settings(args)
    options = settings.links
    dead, redirected = find_rule("dead-link"), find_rule("redirected-link")
    assert dead is not None and redirected is not None
    active = {item.code for item in select([dead, redirected], None, settings.ignore)}
    status = EXIT_OK
    sources: dict[str, tuple[str, Source]] = {}
    documents: dict[str, Document] = {}
    found: list[tuple[str, LinkRef]] = []
    ignored = 0
    for path in args.paths or _default_paths(args):
        shown = "<stdin>" if path == "-" else path
        try:
            source = Source.from_text(read_text(path))
        except InputError as error:
            print(f"awesome-lint: {error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        sources[shown] = (path, source)
        documents[shown] = parse_source(source)
        for link in extract(source, documents[shown], images=args.badges or options.badges):
            if wanted(link.url, options.ignore, options.only):
                found.append((shown, link))
            else:
                ignored += 1
    if not sources:
        return status
    cache_file = None if args.no_cache else _cache_path(args, options, config_path)
    outcomes = _outcomes([link.url for _, link in found], options, args, cache_file)
    checked = [Checked(path, link, outcomes[link.url]) for path, link in found]
    diagnostics: dict[int, Diagnostic] = {}
    for index, item in enumerate(checked):
        placed = diagnostic(item, dead, redirected, settings.severity_for)
        if placed is not None and placed.code in active:
            diagnostics[index] = placed
    shown_ones: set[int] = set()
    for shown, (_, source) in sources.items():
        mine = [d for d in diagnostics.values() if d.path == shown]
        shown_ones.update(id(d) for d in unsuppressed(source, documents[shown], mine))
    suppressed = sum(id(d) not in shown_ones for d in diagnostics.values())
    diagnostics = {index: d for index, d in diagnostics.items() if id(d) in shown_ones}
    if args.fix:
        fixed = _fix(sources, list(diagnostics.values()))
        diagnostics = {key: d for key, d in diagnostics.items() if (d.path, d.line, d.column) not in fixed}
        if fixed and status == EXIT_OK:
            status = EXIT_FINDINGS
    _report(args, checked, diagnostics, files=len(sources), ignored=ignored, suppressed=suppressed)
    if status == EXIT_OK and any(d.severity == "error" for d in diagnostics.values()):
        status = EXIT_FINDINGS
    return status


def _settings(args: argparse.Namespace) -> tuple[Settings, str | None]:
    """One configuration for the run: --config, else the nearest one above the first file (or here)."""
    from ..config import ConfigError, Settings, discover, load

    first = args.paths[0] if args.paths and args.paths[0] != "-" else None
    config_path: str | None = args.config or discover(first or os.getcwd())
    try:
        return (load(config_path) if config_path else Settings()), config_path
    except ConfigError as error:
        raise _Failure(str(error)) from None


def _default_paths(args: argparse.Namespace) -> list[str]:
    from ..cli import _default_paths
    from ..config import ConfigError

    try:
        return _default_paths(args)
    except ConfigError as error:
        raise _Failure(str(error)) from None


def _cache_path(args: argparse.Namespace, options: LinksSettings, config_path: str | None) -> Path:
    """--cache as given; else the configured path, relative to the configuration's folder (or here)."""
    if args.cache:
        return Path(args.cache)
    path = Path(options.cache)
    if path.is_absolute() or config_path is None:
        return path
    return Path(os.path.relpath(Path(config_path).parent / path))


def _outcomes(
    urls: Sequence[str], options: LinksSettings, args: argparse.Namespace, cache_file: Path | None
) -> dict[str, Outcome]:
    """Every URL's outcome: fresh ones from the cache, the rest checked now; the cache updated after."""
    from . import cache

    now = time.time()
    known: dict[str, Outcome] = {}
    if cache_file is not None and cache_file.is_file():
        try:
            known = cache.load(cache_file.read_text(encoding="utf-8"), now=now, max_age=options.max_age_hours * 3600)
        except (OSError, UnicodeDecodeError, cache.CacheError) as error:
            print(f"awesome-lint: {cache_file}: {error}; checking every link again", file=sys.stderr)
    wanted = [url for url in dict.fromkeys(urls) if url not in known]
    if wanted:
        try:
            from .checker import Checker
        except ModuleNotFoundError as error:
            if error.name not in ("httpx", "httpcore", "h11"):
                raise
            raise _Failure(f"checking links needs httpx: pip install 'awesome-lint[links]' ({error})") from None

        progress = _Progress(sys.stderr) if _interactive() else None
        checker = Checker(
            options,
            allow_private=args.allow_private,
            token=os.environ.get("GITHUB_TOKEN") or None,
            progress=progress.update if progress else None,
        )
        try:
            known.update(checker.run(wanted))
        finally:
            if progress is not None:
                progress.clear()
    if cache_file is not None and wanted:
        _save(cache_file, cache.dump(known))
    return known


def _save(path: Path, text: str) -> None:
    """Write the cache atomically; a new cache folder gets a .gitignore so it is never committed.

    A cache that cannot be written is a warning on stderr, not a failure: the run's report is still printed.
    """
    import tempfile  # here: importing this module is on every `check`'s path (its arguments), tempfile is not

    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
            (path.parent / ".gitignore").write_text("# Created by awesome-lint links\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the cache from a CI job's other steps
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        # The report matters more than the cache: say so and go on.
        print(f"awesome-lint: {path}: cannot write the link cache: {error.strerror or error}", file=sys.stderr)


def _fix(sources: dict[str, tuple[str, Source]], diagnostics: Sequence[Diagnostic]) -> set[tuple[str, int, int]]:
    """Write the URLs of permanent redirects into their files; the (path, line, column) of each fixed finding."""
    from ..cli import InputError, write_atomically
    from ..fix import apply_edits
    from ..source import BOM

    fixed: set[tuple[str, int, int]] = set()
    for shown, (path, source) in sources.items():
        mine = [d for d in diagnostics if d.path == shown and d.fix is not None]
        if not mine:
            continue
        edits = [edit for d in mine if d.fix is not None for edit in d.fix.edits]
        text = (BOM if source.bom else "") + apply_edits(source.text, edits)
        try:
            write_atomically(path, text)
        except InputError as error:
            print(f"awesome-lint: {error}", file=sys.stderr)
            continue
        counts = Counter(f"{d.code} {d.rule}" for d in mine)
        detail = ", ".join(f"{count} x {name}" for name, count in sorted(counts.items()))
        print(f"Fixed {len(mine)} in {shown}: {detail}")
        fixed.update((d.path, d.line, d.column) for d in mine)
    return fixed


def _report(
    args: argparse.Namespace,
    checked: Sequence[Checked],
    diagnostics: dict[int, Diagnostic],
    *,
    files: int,
    ignored: int,
    suppressed: int,
) -> None:
    from ..registry import find_rule
    from ..report import as_github, as_json, as_sarif
    from .findings import grouped_text

    ordered = sorted(diagnostics.values(), key=lambda d: d.sort_key())
    if args.format == "json":
        sys.stdout.write(as_json(ordered))
    elif args.format == "github":
        sys.stdout.write(as_github(ordered))
    elif args.format == "sarif":
        rules = [rule for rule in (find_rule("AL501"), find_rule("AL502")) if rule is not None]
        sys.stdout.write(as_sarif(ordered, rules))
    else:
        text = grouped_text(
            checked, diagnostics, show_ok=args.show_ok, files=files, ignored=ignored, suppressed=suppressed
        )
        sys.stdout.write(text)


def _interactive() -> bool:
    """A progress line only for a person at a terminal: never in CI, never into a pipe or a file."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class _Progress:
    """One stderr line, rewritten in place: `Checking links: 120/2000`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = 0.0

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 0.1:
            return  # ten updates a second are plenty for a person
        self.shown = now
        self.stream.write(f"\rChecking links: {done}/{total}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()

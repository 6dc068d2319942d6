"""The command line: argument parsing, file I/O and exit codes. The only module that prints or touches files."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from . import __version__
from .build import parse
from .model import Document, Group, Section
from .source import Source, SourceError, decode

if TYPE_CHECKING:
    from .config import Settings
    from .engine import Diagnostic

VERBS = ("check", "tree", "rules", "links")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class InputError(Exception):
    """A file that cannot be read as a list; the message is the one line to print."""


# The largest real list we know is about 0.5 MB, and a generated paper list of 10,000 entries is 11 MB; a file
# over 32 MiB is no list, and would take minutes to check.
MAX_BYTES = 32 * 1024 * 1024


def _read_at_most(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file is larger than {MAX_BYTES // 1024 // 1024} MiB, too large for a list; not read")
    return data


def read_text(path: str, stdin_name: str = "<stdin>") -> str:
    """Read a file (or standard input for `-`, named `stdin_name` in errors) as UTF-8 text, BOM kept."""
    if path == "-":
        name = stdin_name
        data = _read_at_most(sys.stdin.buffer, name)
    else:
        name = path
        try:
            with open(path, "rb") as stream:
                data = _read_at_most(stream, name)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return decode(data, name)
    except SourceError as error:
        raise InputError(str(error)) from None


def _outline(document: Document) -> list[str]:
    return [
        f"{section.heading.line:>6}  {'#' * section.level} {section.title}  {_counts(section)}"
        for section in document.walk()
    ]


def _counts(section: Section) -> str:
    entries = sum(1 for _ in section.entries())
    groups = sum(1 for block in section.body if isinstance(block, Group))
    text = f"{entries} {'entry' if entries == 1 else 'entries'}"
    if groups:
        text += f" in {groups} {'group' if groups == 1 else 'groups'}"
    return f"[{text}]"


def _tree(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.paths:
        try:
            document = parse(read_text(path))
        except InputError as error:
            print(f"awesome-lint: {error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        if args.outline:
            if len(args.paths) > 1:
                print(f"{path}:")
            print("\n".join(_outline(document)))
        else:
            print(document.model_dump_json(indent=2))
    return status


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _settings_for(path: str, args: argparse.Namespace, cache: dict[str, Settings]) -> Settings:
    """The settings for one file: --config, else the nearest configuration above it; then the CLI's choices."""
    from .config import Settings, discover, load

    config_path: str | None = args.config or discover(
        (getattr(args, "stdin_filename", None) or os.getcwd()) if path == "-" else path
    )
    key = str(config_path)
    if key not in cache:
        base = load(config_path) if config_path else Settings()
        overrides: dict[str, object] = {}
        selected = _split(args.select)
        ignored = _split(args.ignore)
        if selected is not None:
            overrides["select"] = selected
        if ignored:
            overrides["ignore"] = [*base.ignore, *ignored]
        cache[key] = base.model_copy(update=overrides) if overrides else base
    return cache[key]


def _default_paths(args: argparse.Namespace) -> list[str]:
    """No PATH: the files the configuration names (relative to it), else README.md here."""
    from .config import discover, load

    config_path = args.config or discover(os.getcwd())
    if config_path is not None:
        settings = load(config_path)
        if settings.files:
            return [os.path.relpath(os.path.join(os.path.dirname(config_path), name)) for name in settings.files]
    return ["README.md"]


def _check(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .registry import offline_rules, unknown_selectors
    from .report import as_github, as_json, as_sarif, as_statistics, as_text

    bad = unknown_selectors([*(_split(args.select) or []), *(_split(args.ignore) or [])])
    if bad:
        print(f"awesome-lint: '{bad[0]}' matches no rule code, prefix or name", file=sys.stderr)
        return EXIT_ERROR
    if args.statistics and args.format not in ("text", "json"):
        print(f"awesome-lint: --statistics works with --format text or json, not {args.format}", file=sys.stderr)
        return EXIT_ERROR
    if args.stdin_filename and "-" not in args.paths:
        print("awesome-lint: --stdin-filename names standard input; give '-' as the file to read", file=sys.stderr)
        return EXIT_ERROR
    if args.changed_since is not None and (args.fix or args.diff or "-" in args.paths):
        what = "standard input" if "-" in args.paths else "--fix" if args.fix else "--diff"
        print(f"awesome-lint: --changed-since works on checked files only, not with {what}", file=sys.stderr)
        return EXIT_ERROR
    try:
        paths = args.paths or _default_paths(args)
    except ConfigError as error:
        print(f"awesome-lint: {error}", file=sys.stderr)
        return EXIT_ERROR
    status = EXIT_OK
    diagnostics: list[Diagnostic] = []
    cache: dict[str, Settings] = {}
    checked = 0
    parallel = _in_parallel(paths)
    # One process a file when there are several large ones; else one file at a time, a large one's rules
    # shared between two processes (split.py).
    args.split = not parallel
    if parallel:
        from .batch import check_files

        outcomes = check_files(paths, args)  # in the order of paths; each worker printed into buffers
    else:
        outcomes = (("", "", *check_path(path, args, cache)) for path in paths)
    for printed, warned, outcome, found in outcomes:
        sys.stdout.write(printed)
        sys.stderr.write(warned)
        if outcome == "error":
            status = EXIT_ERROR
            continue
        checked += 1
        diagnostics.extend(found)
        if outcome == "changed" and status == EXIT_OK:
            status = EXIT_FINDINGS
    if checked == 0 and status == EXIT_ERROR:
        return status  # every file failed: the errors on stderr are the whole story
    # With `--diff`, and with `--fix -`, the diff or the fixed text owns standard output (so it can be piped to
    # `git apply` or back into an editor); the report goes to standard error.
    out = sys.stderr if args.diff or (args.fix and "-" in paths) else sys.stdout
    if args.statistics and args.format in ("text", "json"):
        out.write(as_statistics(diagnostics, checked, json=args.format == "json"))
    elif args.format == "json":
        out.write(as_json(diagnostics))
    elif args.format == "github":
        out.write(as_github(diagnostics))
    elif args.format == "sarif":
        out.write(as_sarif(diagnostics, offline_rules()))
    else:
        out.write(as_text(diagnostics, checked))
    if any(d.code == "AL000" for d in diagnostics):
        return EXIT_ERROR
    if status == EXIT_OK and any(d.severity == "error" for d in diagnostics):
        status = EXIT_FINDINGS
    return EXIT_OK if args.exit_zero and status == EXIT_FINDINGS else status


# Several files holding at least this much text are checked in parallel, one process a file; below it,
# starting the processes costs more than it saves.
PARALLEL_BYTES = 256 * 1024


def _in_parallel(paths: list[str]) -> bool:
    if len(paths) < 2 or "-" in paths or (os.cpu_count() or 1) < 2:
        return False
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
    return total >= PARALLEL_BYTES


def check_path(path: str, args: argparse.Namespace, cache: dict[str, Settings]) -> tuple[str, list[Diagnostic]]:
    """Check (or fix) one file, printing what it prints along the way: ("error", []) after an error reported
    on stderr, ("changed", remaining) when --fix changed the file, else ("checked", diagnostics)."""
    try:
        return _check_path(path, args, cache)
    except Exception as error:  # a bug outside the rules (they are guarded one by one): one line, the next file
        shown = _shown(path, args)
        print(
            f"awesome-lint: {shown}: internal error ({_describe(error)}); this is a bug, please report it",
            file=sys.stderr,
        )
        return "error", []


def _shown(path: str, args: argparse.Namespace) -> str:
    """How a file is named in the report: standard input as --stdin-filename says, else `<stdin>`."""
    if path != "-":
        return path
    return getattr(args, "stdin_filename", None) or "<stdin>"


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


def _check_path(path: str, args: argparse.Namespace, cache: dict[str, Settings]) -> tuple[str, list[Diagnostic]]:
    from .config import ConfigError
    from .engine import run

    shown = _shown(path, args)
    try:
        settings = _settings_for(path, args, cache)
        text = read_text(path, shown)
    except (InputError, ConfigError) as error:
        print(f"awesome-lint: {error}", file=sys.stderr)
        return "error", []
    if args.fix or args.diff:
        outcome = _fix_one(path, shown, text, settings, args)
        if outcome is None:
            return "error", []
        remaining, changed = outcome
        return ("changed" if changed else "checked"), remaining
    found = run(Source.from_text(text), settings, path=shown, split=args.split).diagnostics
    if args.changed_since is not None:
        try:
            found = _introduced(path, found, args.changed_since)
        except InputError as error:
            print(f"awesome-lint: {error}", file=sys.stderr)
            return "error", []
    return "checked", found


def _introduced(path: str, diagnostics: list[Diagnostic], ref: str) -> list[Diagnostic]:
    """The findings on lines added or changed since `ref`, plus file-wide ones, marked as such."""
    from .changes import GitError, changed_lines

    try:
        changes = changed_lines(path, ref)
    except GitError as error:
        raise InputError(f"{path}: {error}") from None
    kept = []
    for d in diagnostics:
        # A span that ends at the start of a line does not reach into that line.
        last = d.end_line - 1 if d.end_column == 1 and d.end_line > d.line else d.end_line
        if d.file_wide:
            kept.append(d.model_copy(update={"message": f"{d.message} (file-wide)"}))
        elif changes.touches(d.line, last):
            kept.append(d)
    return kept


def _fix_one(
    path: str, shown: str, text: str, settings: Settings, args: argparse.Namespace
) -> tuple[list[Diagnostic], bool] | None:
    """Fix one file (or show the diff); None after an error already reported on stderr."""
    from .fix import UnsafeResultError, fix

    try:
        result = fix(text, settings, unsafe=args.unsafe_fixes, path=shown, split=args.split, partial=True)
    except UnsafeResultError as error:
        print(f"awesome-lint: {shown}: {error}", file=sys.stderr)
        return None
    for rule, reason in result.withheld:  # the safety net refused these; the other rules' fixes passed it
        print(
            f"awesome-lint: {shown}: not applying the {rule} fixes: {reason}; this is a bug, please report it",
            file=sys.stderr,
        )
    if args.diff:
        import difflib

        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=f"a/{shown}",
            tofile=f"b/{shown}",
        )
        sys.stdout.writelines(line if line.endswith(("\n", "\r")) else line + "\n" for line in diff)
        return result.remaining, result.changed
    if path == "-":
        sys.stdout.write(result.text)
        out = sys.stderr
    else:
        out = sys.stdout
        if result.changed:
            try:
                write_atomically(path, result.text)
            except InputError as error:
                print(f"awesome-lint: {error}", file=sys.stderr)
                return None
    if result.changed:
        counts = Counter(f"{item.code} {item.rule}" for item in result.applied)
        detail = ", ".join(f"{count} x {name}" for name, count in sorted(counts.items()))
        print(f"Fixed {len(result.applied)} in {shown}: {detail}", file=out)
    return result.remaining, result.changed


def write_atomically(path: str, text: str) -> None:
    """Replace a file's content through a temporary file in its folder, keeping its mode; never via a link."""
    if os.path.islink(path):
        raise InputError(f"{path}: is a symbolic link; refusing to write through it")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}") from None
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise InputError(f"{path}: file is read-only; not written")
    data = text.encode("utf-8")
    try:
        import tempfile

        folder, name = os.path.split(path)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    except OSError as error:
        raise InputError(f"{path}: cannot write in its folder: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _rules(args: argparse.Namespace) -> int:
    from .registry import all_rules, find_rule

    if args.name:
        item = find_rule(args.name)
        if item is None:
            print(f"awesome-lint: no rule named '{args.name}'; see 'awesome-lint rules'", file=sys.stderr)
            return EXIT_ERROR
        fixable = "fixable" if item.fixable else "no fix"
        print(f"{item.code} {item.name} ({item.severity}, {fixable})\n")
        print(item.doc)
        return EXIT_OK
    for item in all_rules():
        mark = "*" if item.fixable else " "
        print(f"{item.code}  {item.name:<30} {mark} {item.severity:<7}  {item.summary}")
    print("\n* fixable with --fix")
    return EXIT_OK


def _links(args: argparse.Namespace) -> int:
    from .links.command import run

    return run(args)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter at the width it would pick, without the import of shutil (with bz2 and lzma)
    that argparse makes to learn the terminal's width: that import costs a pre-commit run a few percent."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is laid out by _HelpFormatter (the verbs' parsers too)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(**kwargs)


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal of standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


def _parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; the arguments of `links` are added only when `verb` is links."""
    parser = _Parser(prog="awesome-lint", description="Parse, check and fix curated awesome lists and paper lists.")
    parser.add_argument("--version", action="version", version=f"awesome-lint {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    tree = verbs.add_parser("tree", help="print what the parser understood, as JSON or as an outline")
    tree.add_argument("paths", nargs="+", metavar="PATH", help="markdown files to read ('-' for stdin)")
    tree.add_argument("--outline", action="store_true", help="one line a section: line, level, title, entries")
    tree.set_defaults(run=_tree)

    check = verbs.add_parser("check", help="check lists against the rules (the default verb)")
    add_input_arguments(check)
    check.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: codes, code prefixes or names, comma-separated",
    )
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules (as --select)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes and write the files ('-': to stdout)")
    check.add_argument("--diff", action="store_true", help="print the diff --fix would make; write nothing")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes documented as unsafe")
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only findings on lines added or changed since the git revision REF, and file-wide ones",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="with '-': the path the text on standard input comes from, for its configuration and the report",
    )
    check.add_argument(
        "--statistics", action="store_true", help="one line a rule with its number of findings, not every finding"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings remain or files were fixed (not on errors)"
    )
    check.set_defaults(run=_check)

    rules = verbs.add_parser("rules", help="list the rules, or print one rule's documentation")
    rules.add_argument("name", nargs="?", metavar="NAME", help="a rule code or name")
    rules.set_defaults(run=_rules)

    links = verbs.add_parser("links", help="check that the external links answer (uses the network; opt-in)")
    if verb == "links":  # its arguments live in the links package, which a check need not import
        from .links.command import add_arguments

        add_arguments(links)
        links.set_defaults(run=_links)
    return parser


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The files, output format and configuration: the same for check and links."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="markdown files ('-' for stdin); default: the configuration's files, else README.md",
    )
    parser.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    parser.add_argument("--config", metavar="PATH", help="use this pyproject.toml or .awesome-lint.toml")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0] not in VERBS and arguments[0] not in ("-h", "--help", "--version")):
        arguments.insert(0, "check")
    parser = _parser(arguments[0])
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code not in (0, None) else EXIT_OK
    if not getattr(args, "run", None):
        parser.print_usage(sys.stderr)
        return EXIT_ERROR
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("awesome-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # the last guard: a bug gets one line and exit 2, never a traceback
        print(f"awesome-lint: internal error ({_describe(error)}); this is a bug, please report it", file=sys.stderr)
        return EXIT_ERROR
    return status

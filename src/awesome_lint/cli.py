"""The command line: argument parsing, file I/O and exit codes. The only module that prints or touches files."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .build import parse
from .model import Document, Group, Section
from .source import Source, SourceError, decode

VERBS = ("check", "tree", "rules")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class InputError(Exception):
    """A file that cannot be read as a list; the message is the one line to print."""


def read_text(path: str) -> str:
    """Read a file (or standard input for `-`) as UTF-8 text, with its BOM kept for the parser."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = path
        try:
            data = Path(path).read_bytes()
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


def _settings_for(path: str, args: argparse.Namespace, cache: dict[str, object]) -> object:
    """The settings for one file: --config, else the nearest configuration above it; then the CLI's choices."""
    from .config import Settings, discover, load

    if args.config:
        config_path: Path | None = Path(args.config)
    else:
        config_path = discover(Path.cwd() if path == "-" else Path(path))
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

    config_path = Path(args.config) if args.config else discover(Path.cwd())
    if config_path is not None:
        settings = load(config_path)
        if settings.files:
            return [os.path.relpath(config_path.parent / name) for name in settings.files]
    return ["README.md"]


def _check(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .engine import run
    from .registry import all_rules, unknown_selectors
    from .report import as_github, as_json, as_sarif, as_text

    bad = unknown_selectors([*(_split(args.select) or []), *(_split(args.ignore) or [])])
    if bad:
        print(f"awesome-lint: '{bad[0]}' matches no rule code, prefix or name", file=sys.stderr)
        return EXIT_ERROR
    try:
        paths = args.paths or _default_paths(args)
    except ConfigError as error:
        print(f"awesome-lint: {error}", file=sys.stderr)
        return EXIT_ERROR
    status = EXIT_OK
    diagnostics = []
    cache: dict[str, object] = {}
    checked = 0
    for path in paths:
        try:
            settings = _settings_for(path, args, cache)
            text = read_text(path)
        except (InputError, ConfigError) as error:
            print(f"awesome-lint: {error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        checked += 1
        diagnostics.extend(run(Source.from_text(text), settings, path="<stdin>" if path == "-" else path).diagnostics)
    if args.format == "json":
        sys.stdout.write(as_json(diagnostics))
    elif args.format == "github":
        sys.stdout.write(as_github(diagnostics))
    elif args.format == "sarif":
        sys.stdout.write(as_sarif(diagnostics, all_rules()))
    else:
        sys.stdout.write(as_text(diagnostics, checked))
    if any(d.code == "AL000" for d in diagnostics):
        return EXIT_ERROR
    if status == EXIT_OK and any(d.severity == "error" for d in diagnostics):
        status = EXIT_FINDINGS
    return status


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome-lint",
        description="Parse, check and fix curated awesome lists and paper lists.",
    )
    parser.add_argument("--version", action="version", version=f"awesome-lint {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    tree = verbs.add_parser("tree", help="print what the parser understood, as JSON or as an outline")
    tree.add_argument("paths", nargs="+", metavar="PATH", help="markdown files to read ('-' for stdin)")
    tree.add_argument("--outline", action="store_true", help="one line a section: line, level, title, entries")
    tree.set_defaults(run=_tree)

    check = verbs.add_parser("check", help="check lists against the rules (the default verb)")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="markdown files ('-' for stdin); default: the configuration's files, else README.md",
    )
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    check.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: codes, code prefixes or names, comma-separated",
    )
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules (as --select)")
    check.add_argument("--config", metavar="PATH", help="use this pyproject.toml or .awesome-lint.toml")
    check.set_defaults(run=_check)

    rules = verbs.add_parser("rules", help="list the rules, or print one rule's documentation")
    rules.add_argument("name", nargs="?", metavar="NAME", help="a rule code or name")
    rules.set_defaults(run=_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0] not in VERBS and arguments[0] not in ("-h", "--help", "--version")):
        arguments.insert(0, "check")
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
    return status

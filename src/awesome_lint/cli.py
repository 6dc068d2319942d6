"""The command line: argument parsing, file I/O and exit codes. The only module that prints or touches files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .build import parse
from .model import Document, Group, Section
from .source import SourceError, decode

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
    rows = []
    for section in document.walk():
        rows.append(f"{section.heading.line:>6}  {'#' * section.level} {section.title}  {_counts(section)}")
    return rows


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
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

"""The `awesome-lint` command and `python -m awesome_lint`: main(), then a quick exit.

Ctrl-C ends the command with one line and exit 130 at any moment: main() handles it once the command runs,
and while its modules load (most of a small check's 40 ms) a handler installed here does, where Python would
print the traceback of whatever was being imported.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import NoReturn


def _interrupted_while_loading(signum: int, frame: object) -> None:
    sys.stderr.write("awesome-lint: interrupted\n")
    os._exit(130)


def script() -> NoReturn:
    """main(), its output flushed, then an exit that leaves freeing memory to the operating system. Python's
    own exit frees every object one by one: 30 ms after a 1 MB list, 5 ms after a small one. Nothing is left to
    finalise: files are closed and renamed, and worker processes are joined, before main() returns."""
    previous = signal.signal(signal.SIGINT, _interrupted_while_loading)
    from .cli import main

    signal.signal(signal.SIGINT, previous)  # from here main() turns Ctrl-C into the same line, after cleaning up
    status = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`) or a closed stream
            stream.flush()
    os._exit(status)

"""`python -m awesome_lint`, the same as the `awesome-lint` command."""

from .command import script

script()

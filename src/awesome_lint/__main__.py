"""`python -m awesome_lint`, the same as the `awesome-lint` command."""

from .cli import script

script()

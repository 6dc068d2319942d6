"""`python -m awesome_lint`."""

from .cli import main

raise SystemExit(main())

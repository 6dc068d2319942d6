"""Write docs/rules.md, the rule reference, from the rules' own docstrings.

Each rule documents itself in its docstring (what it does, why, an example, the fix and its safety, the
options); this page gathers them so a maintainer can browse them on GitHub. Run it after changing a rule:
python scripts/rules_doc.py; with --check it writes nothing and exits 1 when the page is stale (a test
runs that).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from awesome_lint.registry import Rule, all_rules  # noqa: E402
from awesome_lint.slug import Slugger  # noqa: E402

OUT = ROOT / "docs" / "rules.md"


def _demote(doc: str) -> str:
    """The docstring's `## Section` headings become `###`, under the rule's own `##` heading."""
    return re.sub(r"^(#{2,5}) ", lambda match: "#" + match.group(1) + " ", doc, flags=re.M)


def _where(item: Rule) -> str:
    if item.network:
        return "`awesome-lint links` only"
    return "check"


def render() -> str:
    rules = all_rules()
    slugger = Slugger()
    slugger.slug("Rules")
    rows = []
    sections = []
    for item in rules:
        title = f"{item.code} {item.name}"
        anchor = slugger.slug(title)
        fixable = "yes" if item.fixable else ""
        rows.append(
            f"| [{item.code}](#{anchor}) | `{item.name}` | {item.severity} | {fixable} | {_where(item)} "
            f"| {item.summary} |"
        )
        sections.append(f"## {title}\n\n{_demote(item.doc)}\n")
    return (
        "# Rules\n\n"
        "Every rule awesome-lint knows, written from the rules' own documentation by "
        "`python scripts/rules_doc.py` (`awesome-lint rules NAME` prints the same text). Select or ignore a "
        "rule by its code, a code prefix (`AL2`) or its name; set its severity or options under "
        "`[tool.awesome-lint]`.\n\n"
        "| code | name | severity | fix | run by | what it checks |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n\n"
        + "\n".join(sections)
    )


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python scripts/rules_doc.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(all_rules())} rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""`check --changed-since REF`: only the findings a change introduced, measured with real git commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from awesome_lint.changes import Changes, GitError, changed_lines, parse_hunks
from gitrepo import LEGACY_LIST, GitRepo, git_env

from conftest import console_script

LEGACY = LEGACY_LIST
CHANGED = LEGACY + (
    "- [Beta](https://beta.example) - Second tool. \n\n## Guides\n\n- [Gamma](https://alpha.example) - A guide.\n"
)
ALL_FINDINGS = [
    'README.md:3:1: AL105 [toc] Table of Contents misses "Guides" (#guides) [*]',
    "README.md:9:47: AL402 [trailing-whitespace] line ends with white space [*]",
    'README.md:10:1: AL205 [duplicate-entry] entry "Alpha" duplicates "Alpha" on line 9 (same link https://alpha.example)',
    "README.md:11:46: AL402 [trailing-whitespace] line ends with white space [*]",
    'README.md:15:1: AL205 [duplicate-entry] entry "Gamma" duplicates "Alpha" on line 9 (same link https://alpha.example)',
    "Found 5 findings (3 errors, 2 warnings) in 1 file; 3 fixable with --fix.",
]
INTRODUCED = [
    'README.md:3:1: AL105 [toc] Table of Contents misses "Guides" (#guides) (file-wide) [*]',
    "README.md:11:46: AL402 [trailing-whitespace] line ends with white space [*]",
    'README.md:15:1: AL205 [duplicate-entry] entry "Gamma" duplicates "Alpha" on line 9 (same link https://alpha.example)',
    "Found 3 findings (2 errors, 1 warning) in 1 file; 2 fixable with --fix.",
]


def lint(cwd: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = git_env() if path is None else git_env(PATH=path)
    return subprocess.run(
        [*console_script(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def legacy(tmp_path: Path) -> GitRepo:
    """A list with two old findings, committed, then changed in the work tree (not committed)."""
    repo = GitRepo(tmp_path / "list")
    repo.write("README.md", LEGACY)
    repo.commit("legacy list")
    repo.write("README.md", CHANGED)
    return repo


def test_without_changed_since_every_finding_is_reported(legacy: GitRepo) -> None:
    done = lint(legacy.path, "README.md")
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (1, ALL_FINDINGS, "")


def test_changed_since_reports_only_the_new_lines_and_file_wide_findings(legacy: GitRepo) -> None:
    done = lint(legacy.path, "--changed-since", "HEAD", "README.md")
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (1, INTRODUCED, "")


def test_changed_since_a_commit_charges_that_commit_only(legacy: GitRepo) -> None:
    legacy.commit("add Beta and Guides")
    legacy.write("README.md", CHANGED + "- [Delta](https://delta.example) - Fine.\n")
    legacy.commit("add Delta, which is clean")
    by_commit = lint(legacy.path, "--changed-since", "HEAD~1", "README.md")
    assert (by_commit.returncode, by_commit.stdout.splitlines()) == (
        1,
        [INTRODUCED[0], "Found 1 finding (1 error, 0 warnings) in 1 file; 1 fixable with --fix."],
    )
    since_legacy = lint(legacy.path, "--changed-since", "HEAD~2", "--format", "github", "README.md")
    assert (since_legacy.returncode, since_legacy.stdout.splitlines()) == (
        1,
        [
            '::error file=README.md,line=3,col=1,endLine=3,title=AL105 toc::Table of Contents misses "Guides" '
            "(#guides) (file-wide)",
            "::warning file=README.md,line=11,col=46,endLine=11,title=AL402 trailing-whitespace::"
            "line ends with white space",
            '::error file=README.md,line=15,col=1,endLine=15,title=AL205 duplicate-entry::entry "Gamma" duplicates '
            '"Alpha" on line 9 (same link https://alpha.example)',
        ],
    )


def test_a_clean_change_to_a_legacy_list_passes(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "list")
    repo.write("README.md", LEGACY)
    repo.commit("legacy list")
    repo.write("README.md", LEGACY + "- [Beta](https://beta.example) - Second tool.\n")
    done = lint(repo.path, "--changed-since", "main", "README.md")
    assert (done.returncode, done.stdout, done.stderr) == (0, "All good: no findings in 1 file.\n", "")


def test_deleted_lines_charge_nothing_but_file_wide_findings(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "list")
    base = LEGACY + "\n## Guides\n\n- [Gamma](https://gamma.example) - A guide.\n"
    repo.write("README.md", base)
    repo.commit("a list whose contents miss Guides")
    repo.write("README.md", base.replace("- [Alpha](https://alpha.example) - Same tool again.\n", ""))
    done = lint(repo.path, "--changed-since", "HEAD", "README.md")
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [
            'README.md:3:1: AL105 [toc] Table of Contents misses "Guides" (#guides) (file-wide) [*]',
            "Found 1 finding (1 error, 0 warnings) in 1 file; 1 fixable with --fix.",
        ],
    )


def test_an_untracked_file_is_new_everywhere(legacy: GitRepo) -> None:
    legacy.write("docs/README.md", CHANGED)
    done = lint(legacy.path, "--changed-since", "HEAD", "docs/README.md")
    expected = [INTRODUCED[0], *ALL_FINDINGS[1:]]
    assert done.stdout.splitlines() == [line.replace("README.md:", "docs/README.md:", 1) for line in expected]
    assert changed_lines(legacy.path / "docs" / "README.md", "HEAD") == Changes(frozenset(), everything=True)


def test_a_file_added_since_the_ref_is_new_everywhere(legacy: GitRepo) -> None:
    base = legacy.commit("legacy and Beta")
    legacy.write("other/LIST.md", LEGACY)
    legacy.commit("a second list")
    done = lint(legacy.path, "--changed-since", base, "other/LIST.md")
    assert done.stdout.splitlines() == [
        "other/LIST.md:9:47: AL402 [trailing-whitespace] line ends with white space [*]",
        'other/LIST.md:10:1: AL205 [duplicate-entry] entry "Alpha" duplicates "Alpha" on line 9 (same link '
        "https://alpha.example)",
        "Found 2 findings (1 error, 1 warning) in 1 file; 1 fixable with --fix.",
    ]


def test_a_renamed_file_is_compared_with_its_old_self(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "list")
    repo.write("README.md", LEGACY)
    base = repo.commit("legacy list")
    (repo.path / "README.md").unlink()
    repo.write("lists/awesome.md", LEGACY.replace("First tool.  \n", "First tool, renamed.  \n"))
    repo.commit("move the list")
    assert changed_lines(repo.path / "lists" / "awesome.md", base) == Changes(frozenset({9}))
    done = lint(repo.path / "lists", "--changed-since", base, "awesome.md")
    assert done.stdout.splitlines() == [
        "awesome.md:9:56: AL402 [trailing-whitespace] line ends with white space [*]",
        "Found 1 finding (0 errors, 1 warning) in 1 file; 1 fixable with --fix.",
    ]


def test_the_path_is_taken_relative_to_the_repository_root(legacy: GitRepo, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    done = lint(outside, "--changed-since", "HEAD", str(legacy.path / "README.md"))
    shown = str(legacy.path / "README.md")
    assert done.stdout.splitlines() == [line.replace("README.md:", f"{shown}:", 1) for line in INTRODUCED]


def test_a_bad_ref_is_one_clear_line_and_exit_2(legacy: GitRepo) -> None:
    done = lint(legacy.path, "--changed-since", "no-such-branch", "README.md")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"awesome-lint: README.md: unknown revision 'no-such-branch' (no such commit, branch or tag in "
        f"{legacy.path.resolve()})\n"
    )
    option_like = lint(legacy.path, "--changed-since=--output=x", "README.md")
    assert (option_like.returncode, option_like.stderr) == (
        2,
        "awesome-lint: README.md: unknown revision '--output=x'\n",
    )
    assert not (legacy.path / "x").exists()
    empty = lint(legacy.path, "--changed-since", "", "README.md")
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr.startswith("awesome-lint: README.md: unknown revision '' (no such commit")


def test_a_file_outside_any_repository_is_exit_2(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "README.md").write_text(LEGACY, encoding="utf-8")
    done = lint(plain, "--changed-since", "HEAD", "README.md", path="/usr/bin:/bin")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "awesome-lint: README.md: not in a git repository; --changed-since needs one\n",
    )


def test_without_git_on_the_path_exit_2(legacy: GitRepo, tmp_path: Path) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    done = lint(legacy.path, "--changed-since", "HEAD", "README.md", path=str(empty))
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "awesome-lint: README.md: git not found; --changed-since needs git on the PATH\n",
    )


@pytest.mark.parametrize(("extra", "what"), [(["--fix"], "--fix"), (["--diff"], "--diff"), (["-"], "standard input")])
def test_changed_since_is_for_checking_files_only(legacy: GitRepo, extra: list[str], what: str) -> None:
    paths = [] if extra == ["-"] else ["README.md"]
    done = lint(legacy.path, "--changed-since", "HEAD", *extra, *paths)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"awesome-lint: --changed-since works on checked files only, not with {what}\n"
    assert (legacy.path / "README.md").read_text(encoding="utf-8") == CHANGED


def test_some_files_fail_others_are_reported(legacy: GitRepo, tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text(LEGACY, encoding="utf-8")
    done = lint(legacy.path, "--changed-since", "HEAD", "README.md", str(plain))
    assert done.returncode == 2
    assert done.stdout.splitlines() == INTRODUCED
    assert done.stderr == f"awesome-lint: {plain}: not in a git repository; --changed-since needs one\n"


def test_parse_hunks_reads_the_new_side_of_each_hunk() -> None:
    diff = (
        "diff --git a/README.md b/README.md\n"
        "index 1111111..2222222 100644\n"
        "--- a/README.md\n"
        "+++ b/README.md\n"
        "@@ -3 +3 @@ heading\n"
        "-old\n"
        "+new\n"
        "@@ -7,0 +8,2 @@\n"
        "+added one\n"
        "+added two\n"
        "@@ -12,3 +14,0 @@\n"
        "-gone\n"
        "-gone\n"
        "-gone\n"
        "@@ -20,2 +19,3 @@\n"
        "+@@ -1 +100 @@ a line that looks like a hunk header is content, not a header\n"
    )
    assert parse_hunks(diff) == frozenset({3, 8, 9, 19, 20, 21})


def test_changes_touches_checks_a_span() -> None:
    changes = Changes(frozenset({5, 40}))
    assert [changes.touches(1, 4), changes.touches(4, 6), changes.touches(6, 39), changes.touches(1, 1000)] == [
        False,
        True,
        False,
        True,
    ]
    assert Changes(frozenset(), everything=True).touches(1, 1)


def test_git_error_is_raised_for_a_bad_ref(legacy: GitRepo) -> None:
    with pytest.raises(GitError, match=r"^unknown revision 'HEAD~5' "):
        changed_lines(legacy.path / "README.md", "HEAD~5")

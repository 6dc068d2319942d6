"""The GitHub Action and the documented workflows: their exact command lines, run on a pull-request merge commit.

The commands are read out of action.yml and docs/github-actions.md, so neither can drift from what is tested.
They run as GitHub runs a step (`bash --noprofile --norc -eo pipefail`), with the action's inputs passed as the
step's `env:` passes them, in a temporary repository whose HEAD is a merge commit like the one GitHub checks
out for a pull request. The install step runs too, offline: pip sees only wheels repacked from this interpreter.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitrepo import LEGACY_LIST, GitRepo, git_env
from wheelhouse import copy_project, offline_pip_env, project_wheelhouse

from conftest import ROOT

pytestmark = pytest.mark.slow

BASE = LEGACY_LIST
# The pull request appends an entry with trailing white space and a section the contents miss.
PULL_REQUEST_ADDS = (
    "- [Beta](https://beta.example) - Second tool. \n\n## Guides\n\n- [Gamma](https://alpha.example) - A guide.\n"
)
# Meanwhile the base branch gained a description under the title: every line of the pull request moves down 2.
MAIN_ADDS = "A curated list of things.\n\n"

ANNOTATIONS_FOR_THE_PULL_REQUEST = [
    '::error file=README.md,line=5,col=1,endLine=5,title=AL105 toc::Table of Contents misses "Guides" (#guides) '
    "(file-wide)",
    "::warning file=README.md,line=13,col=46,endLine=13,title=AL402 trailing-whitespace::line ends with white space",
    '::error file=README.md,line=17,col=1,endLine=17,title=AL205 duplicate-entry::entry "Gamma" duplicates "Alpha" '
    "on line 11 (same link https://alpha.example)",
]
ANNOTATIONS_FOR_THE_WHOLE_LIST = [
    '::error file=README.md,line=5,col=1,endLine=5,title=AL105 toc::Table of Contents misses "Guides" (#guides)',
    "::warning file=README.md,line=11,col=47,endLine=11,title=AL402 trailing-whitespace::line ends with white space",
    '::error file=README.md,line=12,col=1,endLine=12,title=AL205 duplicate-entry::entry "Alpha" duplicates "Alpha" '
    "on line 11 (same link https://alpha.example)",
    *ANNOTATIONS_FOR_THE_PULL_REQUEST[1:],
]
_EVENT_CHOICE = re.compile(r"^\$\{\{ github\.event_name == '(\w+)' && '([^']*)' \|\| '([^']*)' \}\}$")
_INPUT = re.compile(r"\$\{\{ inputs\.([\w-]+) \}\}")


@dataclass(frozen=True)
class Runner:
    """What a GitHub runner gives a step: the action's path, a temp folder, and a PATH; here all offline."""

    action_path: Path
    temp: Path
    env: dict[str, str]


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return loaded


def _doc_blocks() -> list[Any]:
    text = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```$", text, re.S | re.M)]


def _evaluate(value: str, event: str) -> str:
    """The one expression form the documented workflow uses: `github.event_name == 'E' && 'A' || 'B'`."""
    match = _EVENT_CHOICE.match(value)
    if match is None:
        raise AssertionError(f"the test does not know this expression: {value}")
    return match.group(2) if event == match.group(1) else match.group(3)


def _inputs(given: dict[str, Any], event: str) -> dict[str, str]:
    """A workflow step's `with:` values as the action sees them for this event."""
    return {name: _evaluate(value, event) if "${{" in str(value) else str(value) for name, value in given.items()}


def _step(run: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", run],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _run_action(runner: Runner, workspace: Path, inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the action's check step with these inputs (the defaults of action.yml for the rest)."""
    declared = _action()["inputs"]
    values = {name: inputs.get(name, spec.get("default", "")) for name, spec in declared.items()}
    step = _action()["runs"]["steps"][1]
    env = dict(runner.env)
    for key, template in step["env"].items():
        env[key] = _INPUT.sub(lambda match: values[match.group(1)], template)
    return _step(step["run"], workspace, env)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The action's install step, run once as the runner runs it: a venv in RUNNER_TEMP, pip from the checkout."""
    base = tmp_path_factory.mktemp("action")
    wheels = project_wheelhouse(ROOT, base / "wheels")
    action_path = copy_project(ROOT, base / "action")
    tools = base / "tools"
    tools.mkdir()
    (tools / "python3").symlink_to(sys.executable)  # the runner's python3; ours has the wheels' ABI
    temp = base / "runner-temp"
    temp.mkdir()
    env = offline_pip_env(git_env(), wheels)
    env.update(
        PATH=f"{tools}{os.pathsep}{env.get('PATH', '')}",
        RUNNER_TEMP=str(temp),
        GITHUB_ACTION_PATH=str(action_path),
        GITHUB_ACTIONS="true",
    )
    install = _action()["runs"]["steps"][0]
    assert install["name"] == "Install awesome-lint"
    done = _step(install["run"], base, env)
    assert (done.returncode, done.stderr) == (0, ""), done.stdout + done.stderr
    return Runner(action_path, temp, env)


@pytest.fixture
def pull_request(tmp_path: Path) -> GitRepo:
    """A list repository checked out at the merge commit GitHub makes for a pull request."""
    repo = GitRepo(tmp_path / "workspace")
    repo.write("README.md", BASE)
    repo.commit("the list")
    repo.git("checkout", "--quiet", "-b", "contributor")
    repo.write("README.md", BASE + PULL_REQUEST_ADDS)
    repo.commit("add Beta and a Guides section")
    repo.git("checkout", "--quiet", "main")
    repo.write("README.md", BASE.replace("\n\n## Contents", "\n\n" + MAIN_ADDS + "## Contents", 1))
    repo.commit("describe the list")
    repo.git("merge", "--quiet", "--no-ff", "--no-edit", "contributor")
    assert repo.git("rev-list", "--count", "HEAD^1") == "2\n"
    return repo


def test_the_action_installs_awesome_lint_in_its_own_venv(runner: Runner) -> None:
    script = runner.temp / "awesome-lint" / "bin" / "awesome-lint"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (0, "awesome-lint 0.1.0\n")


def test_the_workflow_on_a_pull_request_annotates_what_it_adds(runner: Runner, pull_request: GitRepo) -> None:
    workflow = _doc_blocks()[0]
    steps = workflow["jobs"]["lint"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 2}}
    assert steps[1]["uses"] == "OWNER/awesome-lint@v1"
    inputs = _inputs(steps[1]["with"], "pull_request")
    assert inputs == {"files": "README.md", "changed-since": "HEAD^1"}
    done = _run_action(runner, pull_request.path, inputs)
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (1, ANNOTATIONS_FOR_THE_PULL_REQUEST, "")


def test_the_workflow_on_a_push_annotates_the_whole_list(runner: Runner, pull_request: GitRepo) -> None:
    steps = _doc_blocks()[0]["jobs"]["lint"]["steps"]
    inputs = _inputs(steps[1]["with"], "push")
    assert inputs == {"files": "README.md", "changed-since": ""}
    done = _run_action(runner, pull_request.path, inputs)
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (1, ANNOTATIONS_FOR_THE_WHOLE_LIST, "")


def test_the_action_passes_args_and_its_default_files(runner: Runner, pull_request: GitRepo) -> None:
    done = _run_action(runner, pull_request.path, {"args": "--ignore toc,duplicate-entry", "changed-since": "HEAD^1"})
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (0, ANNOTATIONS_FOR_THE_PULL_REQUEST[1:2], "")


def test_an_input_is_never_run_as_shell_code(runner: Runner, pull_request: GitRepo) -> None:
    done = _run_action(runner, pull_request.path, {"files": "README.md", "changed-since": "$(touch pwned)"})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "awesome-lint: README.md: unknown revision '$(touch pwned)' " + (
        f"(no such commit, branch or tag in {pull_request.path.resolve()})\n"
    )
    assert not (pull_request.path / "pwned").exists()


def test_the_workflow_without_the_action_prints_the_same_annotations(runner: Runner, pull_request: GitRepo) -> None:
    steps = _doc_blocks()[1]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == 'pip install "awesome-lint @ git+https://github.com/OWNER/awesome-lint@v1"'  # not run: network
    env = dict(runner.env)
    env["PATH"] = f"{runner.temp / 'awesome-lint' / 'bin'}{os.pathsep}{env['PATH']}"
    done = _step(runs[1], pull_request.path, env)
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (1, ANNOTATIONS_FOR_THE_PULL_REQUEST, "")


def test_the_readme_workflow_runs_the_action_on_what_a_pull_request_adds(runner: Runner, pull_request: GitRepo) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```$", readme, re.S | re.M)]
    workflows = [block for block in blocks if isinstance(block, dict) and "jobs" in block]
    assert len(workflows) == 1
    steps = workflows[0]["jobs"]["lint"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 2}}
    assert steps[1]["uses"] == "OWNER/awesome-lint@v1"
    done = _run_action(runner, pull_request.path, _inputs(steps[1]["with"], "pull_request"))
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (1, ANNOTATIONS_FOR_THE_PULL_REQUEST, "")

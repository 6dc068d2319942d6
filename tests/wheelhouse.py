"""Wheels repacked from the distributions installed in this interpreter, so pip can install offline.

A wheel is a zip of a distribution's files plus its `.dist-info`; the installed RECORD lists those files and
the WHEEL file names the tags. Files installed outside site-packages (console scripts, which pip writes anew
from entry_points.txt) and byte-code caches are left out; RECORD is written anew with fresh hashes.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

_LEFT_OUT = ("INSTALLER", "REQUESTED", "RECORD", "direct_url.json")
CLOSED_PORT = "http://127.0.0.1:9"  # the discard port, closed here: a proxied request fails at once
# What `pip install <checkout>` and a pre-commit hook install read from this checkout.
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "action.yml", "src")


class NotRepackable(Exception):
    """An installed distribution that cannot be turned back into a wheel (editable, or no RECORD)."""


def requirement_closure(roots: list[str]) -> list[str]:
    """The installed distributions that `roots` need, with their own needs, markers evaluated here."""
    environment = {key: str(value) for key, value in default_environment().items()} | {"extra": ""}
    seen: dict[str, str] = {}
    todo = list(roots)
    while todo:
        requirement = Requirement(todo.pop())
        key = canonicalize_name(requirement.name)
        if key in seen:
            continue
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        distribution = metadata.distribution(requirement.name)
        seen[key] = distribution.metadata["Name"]
        todo.extend(distribution.requires or [])
    return sorted(seen.values(), key=str.lower)


def repack(name: str, into: Path) -> Path:
    """Write the installed distribution `name` as a wheel into the folder `into`; returns the wheel's path."""
    distribution = metadata.distribution(name)
    files = distribution.files
    if files is None:
        raise NotRepackable(f"{name}: installed without a RECORD")
    info = next((f for f in files if f.parts[0].endswith(".dist-info") and f.name == "WHEEL"), None)
    if info is None:
        raise NotRepackable(f"{name}: no WHEEL file in its .dist-info")
    if '"editable": true' in (distribution.read_text("direct_url.json") or ""):
        raise NotRepackable(f"{name}: an editable install")
    wheel_text = info.read_text()
    tags = [line.split(":", 1)[1].strip() for line in wheel_text.splitlines() if line.startswith("Tag:")]
    target = into / f"{_file_part(name)}-{distribution.version}-{_compressed(tags)}.whl"
    info_folder = info.parts[0]
    record: list[str] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for entry in files:
            member = entry.as_posix()
            if ".." in entry.parts or "__pycache__" in entry.parts or member.endswith(".pyc"):
                continue
            if entry.parts[0] == info_folder and entry.name in _LEFT_OUT:
                continue
            data = Path(str(entry.locate())).read_bytes()
            wheel.writestr(member, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{member},sha256={digest},{len(data)}")
        record.append(f"{info_folder}/RECORD,,")
        wheel.writestr(f"{info_folder}/RECORD", "\n".join(record) + "\n")
    return target


def build_wheelhouse(roots: list[str], into: Path) -> list[Path]:
    """Repack every installed distribution that `roots` need into `into`."""
    into.mkdir(parents=True, exist_ok=True)
    return [repack(name, into) for name in requirement_closure(roots)]


def _file_part(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name)


def _compressed(tags: list[str]) -> str:
    """`py2-none-any`, `py3-none-any` -> `py2.py3-none-any`, as a wheel's file name carries them."""
    parts: list[list[str]] = [[], [], []]
    for tag in tags:
        for index, part in enumerate(tag.split("-")):
            if part not in parts[index]:
                parts[index].append(part)
    return "-".join(".".join(part) for part in parts)


def copy_project(root: Path, into: Path) -> Path:
    """Copy the files a `pip install` of the checkout `root` reads (committed or not) into `into`."""
    into.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, into / name)
    return into


def project_wheelhouse(root: Path, into: Path) -> Path:
    """Wheels of everything `pip install <root>` needs: the build backend and the runtime dependencies."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    build = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    runtime = [line for line in metadata.requires("awesome-lint") or [] if "extra ==" not in line]
    build_wheelhouse([*runtime, *build], into)
    return into


def offline_pip_env(base: dict[str, str], wheels: Path) -> dict[str, str]:
    """`base` with pip held to the wheelhouse and every proxy on a closed local port: no download can succeed."""
    env = {key: value for key, value in base.items() if not key.startswith(("PIP_", "VIRTUALENV_"))}
    for key in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[key] = CLOSED_PORT
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheels),
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
    )
    return env

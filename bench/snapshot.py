"""Index snapshots and their target environments, parsed once per snapshot.

A snapshot is {name: {version: {"requires_dist": [PEP 508], "requires_python"?: spec}}}.
Everything the resolvelib provider needs is parsed here, up front, so that the time
measured around Resolver.resolve is resolution work and not JSON or PEP 508 parsing
(thoth, in turn, reports its own load time apart from its solve time).
Entries that do not parse are skipped and counted, never fatal: real PyPI metadata has
legacy versions and malformed requirement strings.
"""

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

SNAPSHOT_SUBDIR = "data/pypi-snapshots"

# Marker environment for the 2020 snapshots: CPython 3.8 on Linux x86_64, exactly the values
# `thoth advise --python-version 3.8 --platform linux-x86_64` derives (3.8 -> 3.8.0). The
# resolvelib test-suite that published these files evaluates markers in whatever interpreter
# runs the tests, so there is no documented environment to copy; the 2020 files have no
# requires_python and no python_full_version markers, so the patch level does not matter.
LINUX_CPYTHON_38 = {
    "implementation_name": "cpython",
    "implementation_version": "3.8.0",
    "os_name": "posix",
    "platform_machine": "x86_64",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Linux",
    "platform_version": "",
    "python_full_version": "3.8.0",
    "python_version": "3.8",
    "sys_platform": "linux",
}

# resolvelib's own test case on the cheroot snapshot (tests/functional/python/inputs/case/cheroot.json,
# pypa/pip#9011): a request known to need deep backtracking before it is found unsatisfiable.
EXTRA_REQUESTS_BY_FILE = {
    "pypi-2020-11-17-cheroot.json": [
        ["coverage==5.3", "pytest-mock>=1.11.0", "pytest-sugar>=0.9.3", "pytest-testmon<1.0.0"],
    ],
}

# Root projects named by each snapshot's file name (the 2023 one reads its environment file).
ROOTS_BY_FILE = {
    "pypi-2020-02-13-chalice.json": ["chalice"],
    "pypi-2020-02-13-dask.json": ["dask"],
    "pypi-2020-02-15-pandas.json": ["pandas"],
    "pypi-2020-02-15-pyrax.json": ["pyrax"],
    "pypi-2020-02-19-virtualenv-six.json": ["virtualenv", "six"],
    "pypi-2020-11-17-cheroot.json": ["cheroot"],
    "pypi-2023-12-01-pyrax.json": None,
}


@dataclass
class Target:
    """Where a snapshot is resolved for: the marker environment and the thoth flags saying the same."""

    markers: dict
    platform: str

    @property
    def python_full_version(self):
        return self.markers["python_full_version"]


@dataclass
class Release:
    """One parsed version of a package."""

    version: Version
    text: str                      # the version string as published (the snapshot key)
    requires_python: SpecifierSet  # None when absent or unparsable
    requires: list                 # parsed packaging Requirements
    provided_extras: frozenset     # extras named by `extra == "..."` markers
    python_ok: bool = True         # Requires-Python admits the target (pip never offers it otherwise)


@dataclass
class Snapshot:
    """A parsed snapshot: canonical name -> releases, newest first."""

    path: Path
    roots: list                    # root requirement strings
    target: Target
    packages: dict = field(default_factory=dict)
    skipped: dict = field(default_factory=lambda: {"versions": 0, "requirements": 0, "requires_python": 0,
                                                   "requires_dist_not_a_list": 0})
    extra_requests: list = field(default_factory=list)  # [[requirement texts]] beyond the roots
    load_ms: float = 0.0

    @property
    def label(self):
        return self.path.stem

    def release(self, name, version_text):
        """The release of `name` published as `version_text` (or equal to it as a version)."""
        releases = self.packages.get(canonicalize_name(name), [])
        for release in releases:
            if release.text == version_text:
                return release
        try:
            wanted = Version(version_text)
        except InvalidVersion:
            return None
        return next((r for r in releases if r.version == wanted), None)


def find_shared_dir(repo_dir):
    """$THOTH_SHARED_DIR if set, else ../shared beside the repository; None when absent."""
    configured = os.environ.get("THOTH_SHARED_DIR")
    if configured:
        return Path(configured) if Path(configured).is_dir() else None
    beside = Path(repo_dir).resolve().parent / "shared"
    return beside if beside.is_dir() else None


def snapshot_files(shared_dir):
    """The snapshot files we know, in a fixed order, that exist below `shared_dir`."""
    folder = Path(shared_dir) / SNAPSHOT_SUBDIR
    return [folder / name for name in ROOTS_BY_FILE if (folder / name).is_file()]


def _extras_named_by(requirement):
    """Extras a requirement's marker mentions as `extra == "x"` (pip's provided extras)."""
    if requirement.marker is None:
        return set()
    found = set()
    stack = list(requirement.marker._markers)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, tuple) and len(item) == 3:
            left, _, right = item
            if getattr(left, "value", None) == "extra":
                found.add(canonicalize_name(right.value))
            elif getattr(right, "value", None) == "extra":
                found.add(canonicalize_name(left.value))
    return found


def _parse_requirements(texts, skipped):
    requirements = []
    for text in texts:
        try:
            requirements.append(Requirement(text))
        except InvalidRequirement:
            skipped["requirements"] += 1
    return requirements


def _parse_release(text, entry, skipped, python):
    try:
        version = Version(text)
    except InvalidVersion:
        skipped["versions"] += 1
        return None
    requires_python = None
    if entry.get("requires_python"):
        try:
            requires_python = SpecifierSet(entry["requires_python"])
        except InvalidSpecifier:
            skipped["requires_python"] += 1  # pip ignores an invalid Requires-Python
    texts = entry.get("requires_dist")
    texts = [] if texts is None else texts
    if not isinstance(texts, list):  # dask's toolz 0.10.0 has `{}`; read as no requirements, counted
        skipped["requires_dist_not_a_list"] += 1
        texts = []
    requires = _parse_requirements(texts, skipped)
    extras = frozenset(e for r in requires for e in _extras_named_by(r))
    python_ok = requires_python is None or requires_python.contains(python, prereleases=True)
    return Release(version, text, requires_python, requires, extras, python_ok)


def _target_for(path):
    """The 2023 snapshot's captured environment, or CPython 3.8 on Linux for the 2020 ones."""
    roots = ROOTS_BY_FILE.get(path.name)
    environment_file = path.with_name(path.stem + ".environment.json")
    if roots is None and environment_file.is_file():
        captured = json.loads(environment_file.read_text())
        markers = captured["markers"]
        machine = markers.get("platform_machine", "x86_64")
        platform = f"linux-{machine}"
        if markers.get("sys_platform") == "darwin":  # Darwin 20 is macOS 11, Darwin 23 macOS 14
            macos_major = int(markers.get("platform_release", "29").split(".")[0]) - 9
            platform = f"macosx-{macos_major}.0-{machine}"
        return list(captured["requirements"]), Target(dict(markers), platform)
    return list(roots or []), Target(dict(LINUX_CPYTHON_38), "linux-x86_64")


def load_snapshot(path):
    """Reads and parses one snapshot; `load_ms` covers JSON reading and all parsing."""
    path = Path(path)
    started = time.perf_counter()
    roots, target = _target_for(path)
    snapshot = Snapshot(path=path, roots=roots, target=target,
                        extra_requests=EXTRA_REQUESTS_BY_FILE.get(path.name, []))
    raw = json.loads(path.read_text())
    python = Version(target.python_full_version)
    for name, versions in raw.items():
        releases = [_parse_release(text, entry, snapshot.skipped, python) for text, entry in versions.items()]
        releases = [r for r in releases if r is not None]
        releases.sort(key=lambda r: r.version, reverse=True)
        snapshot.packages.setdefault(canonicalize_name(name), []).extend(releases)
    snapshot.load_ms = (time.perf_counter() - started) * 1000.0
    return snapshot

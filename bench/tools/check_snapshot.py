"""Sanity checks for a hand-made index snapshot, plus a reference resolution of a Pipfile against it.

Why: fixtures/index/pypi-sample.json is written by hand, so typos in versions, specifiers or markers,
dangling dependency names or misordered keys would only show up later as puzzling thoth results.
This script checks the file with `packaging` (the reference implementation of PEP 440/508) and
resolves a Pipfile with `resolvelib`, giving an independent answer to compare thoth's lock with.

Usage (needs `packaging` and `resolvelib`, e.g. Debian's python3-packaging and python3-resolvelib):
    python3 bench/tools/check_snapshot.py fixtures/index/pypi-sample.json --pipfile examples/Pipfile
Exit status 0 when every check passes and the Pipfile resolves, 1 otherwise.
"""

import argparse
import hashlib
import json
import sys
import tomllib

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import (InvalidSdistFilename, InvalidWheelFilename, canonicalize_name, parse_sdist_filename,
                             parse_wheel_filename)
from packaging.version import InvalidVersion, Version
from resolvelib import BaseReporter, ResolutionImpossible, Resolver
from resolvelib.providers import AbstractProvider

RELEASE_KEYS = {"requires_dist", "requires_python", "yanked", "provides_extra", "files"}


def linux_x86_64_environment(python_full_version):
    """PEP 508 marker environment of CPython `python_full_version` on Linux x86_64."""
    major_minor = ".".join(python_full_version.split(".")[:2])
    return {
        "implementation_name": "cpython", "implementation_version": python_full_version,
        "os_name": "posix", "platform_machine": "x86_64", "platform_python_implementation": "CPython",
        "platform_release": "", "platform_system": "Linux", "platform_version": "",
        "python_full_version": python_full_version, "python_version": major_minor, "sys_platform": "linux",
    }


def linux_x86_64_tags(python_full_version):
    """Wheel tags a CPython on glibc 2.35 Linux x86_64 accepts (as `packaging.tags` orders them)."""
    major, minor = (int(part) for part in python_full_version.split(".")[:2])
    platforms = [f"manylinux_2_{glibc}_x86_64" for glibc in range(35, 4, -1)]
    platforms += ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]
    abi = f"cp{major}{minor}"
    tags = list(cpython_tags((major, minor), [abi, "abi3", "none"], platforms))
    tags += list(compatible_tags((major, minor), abi, platforms))
    return {str(tag) for tag in tags}


def extras_named_by(marker_text):
    """Extras a marker mentions as `extra == "x"` (either side of the comparison)."""
    found, stack = set(), list(Marker(marker_text)._markers)
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


class SnapshotChecker:
    """Collects every problem found in one snapshot; `problems` empty means the file is sound."""

    def __init__(self, snapshot):
        self.m_snapshot = snapshot
        self.problems = []
        self.extra_only_missing = {}   # dependency name -> sorted list of "pkg version [extra]" users
        self.file_count = 0

    def check(self):
        self._check_name_order()
        for name, releases in self.m_snapshot.items():
            self._check_version_order(name, releases)
            for version, release in releases.items():
                try:
                    self._check_release(name, version, release)
                except (InvalidRequirement, InvalidSpecifier, InvalidVersion, InvalidWheelFilename,
                        InvalidSdistFilename, KeyError) as error:
                    self._problem(f"{name} {version}", f"does not parse: {type(error).__name__}: {error}")
        return self

    def _problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def _check_name_order(self):
        names = list(self.m_snapshot)
        if names != sorted(names):
            self._problem("snapshot", "package names are not sorted")
        for name in names:
            if name != canonicalize_name(name):
                self._problem(name, f"expected the canonical name `{canonicalize_name(name)}`")

    def _check_version_order(self, name, releases):
        try:
            versions = [Version(text) for text in releases]
        except InvalidVersion as error:
            self._problem(name, f"expected PEP 440 versions: {error}")
            return
        if versions != sorted(versions):
            self._problem(name, "versions are not in PEP 440 order")

    def _check_release(self, name, version, release):
        where = f"{name} {version}"
        if str(Version(version)) != version:
            self._problem(where, f"expected the normalised version `{Version(version)}`")
        unknown = set(release) - RELEASE_KEYS
        if unknown:
            self._problem(where, f"unknown keys {sorted(unknown)}")
        if "requires_python" in release:
            SpecifierSet(release["requires_python"])
        yanked = release.get("yanked", False)
        if not (yanked is False or (isinstance(yanked, str) and yanked)):
            self._problem(where, f"expected false or a reason for `yanked`, found `{yanked}`")
        named_extras = set()
        for text in release["requires_dist"]:
            named_extras |= self._check_requirement(where, text)
        declared = {canonicalize_name(e) for e in release.get("provides_extra", [])}
        if "provides_extra" in release and not named_extras <= declared:
            self._problem(where, f"extras {sorted(named_extras - declared)} missing from provides_extra")
        for entry in release.get("files", []):
            self._check_file(name, version, entry)

    def _check_requirement(self, where, text):
        requirement = Requirement(text)
        extras = extras_named_by(str(requirement.marker)) if requirement.marker else set()
        dependency = canonicalize_name(requirement.name)
        if dependency not in self.m_snapshot:
            if extras:
                users = self.extra_only_missing.setdefault(dependency, [])
                users.append(f"{where} [{','.join(sorted(extras))}]")
            else:
                self._problem(where, f"depends on `{dependency}`, which the snapshot does not hold")
        return extras

    def _check_file(self, name, version, entry):
        self.file_count += 1
        filename = entry["filename"]
        where = f"{name} {version} {filename}"
        if filename.endswith(".whl"):
            file_name, file_version, _, _ = parse_wheel_filename(filename)
        else:
            file_name, file_version = parse_sdist_filename(filename)
        if file_name != name or file_version != Version(version):
            self._problem(where, f"file names {file_name} {file_version}, expected {name} {version}")
        if entry["hashes"]["sha256"] != hashlib.sha256(filename.encode()).hexdigest():
            self._problem(where, "sha256 is not the documented placeholder (sha256 of the file name)")


class Requested:
    """A requirement as resolvelib sees it: identifier `name` or `name[extra,...]`."""

    def __init__(self, name, extras, specifier, pinned_base=False):
        self.project = canonicalize_name(name)
        self.extras = frozenset(canonicalize_name(e) for e in extras)
        self.identifier = identifier_for(self.project, self.extras)
        self.specifier = specifier
        self.pinned_base = pinned_base


class Candidate:
    """One release of a project, possibly with extras; `artifact` is the file an installer would use."""

    def __init__(self, project, extras, version, release, artifact):
        self.project, self.extras, self.version = project, extras, version
        self.release, self.artifact = release, artifact
        self.identifier = identifier_for(project, extras)


def identifier_for(project, extras):
    return f"{project}[{','.join(sorted(extras))}]" if extras else project


class SnapshotProvider(AbstractProvider):
    """Newest-first candidates, filtered by Requires-Python, yanking, pre-releases and wheel tags."""

    def __init__(self, snapshot, python_full_version):
        self.m_snapshot = snapshot
        self.m_python = Version(python_full_version)
        self.m_environment = linux_x86_64_environment(python_full_version)
        self.m_tags = linux_x86_64_tags(python_full_version)

    def identify(self, requirement_or_candidate):
        return requirement_or_candidate.identifier

    def get_preference(self, identifier, resolutions, candidates, information, backtrack_causes):
        return (sum(1 for _ in candidates[identifier]), identifier)

    def find_matches(self, identifier, requirements, incompatibilities):
        requested = list(requirements[identifier])
        project, extras = requested[0].project, requested[0].extras
        specifier = SpecifierSet()
        for requirement in requested:
            specifier &= requirement.specifier
        rejected = {candidate.version for candidate in incompatibilities[identifier]}
        releases = self.m_snapshot.get(project, {})
        matches = []
        for text in sorted(releases, key=Version, reverse=True):
            version, release = Version(text), releases[text]
            if version in rejected or not specifier.contains(version):
                continue
            artifact = self._installable_artifact(project, text, release, specifier)
            if artifact is not None:
                matches.append(Candidate(project, extras, version, release, artifact))
        return matches

    def is_satisfied_by(self, requirement, candidate):
        return requirement.specifier.contains(candidate.version, prereleases=True)

    def get_dependencies(self, candidate):
        dependencies = []
        if candidate.extras:
            pin = SpecifierSet(f"=={candidate.version}")
            dependencies.append(Requested(candidate.project, (), pin, pinned_base=True))
        for text in candidate.release["requires_dist"]:
            requirement = Requirement(text)
            if self._applies(requirement, candidate.extras):
                dependencies.append(Requested(requirement.name, requirement.extras, requirement.specifier))
        return dependencies

    def _applies(self, requirement, extras):
        if requirement.marker is None:
            return True
        return any(requirement.marker.evaluate(dict(self.m_environment, extra=extra)) for extra in (extras or {""}))

    def _installable_artifact(self, project, text, release, specifier):
        """The wheel (or sdist) an installer would take, or None when the release is not eligible."""
        if "requires_python" in release and not SpecifierSet(release["requires_python"]).contains(self.m_python):
            return None
        pinned_exactly = any(spec.operator in ("==", "===") for spec in specifier)
        if release.get("yanked", False) and not pinned_exactly:
            return None
        if "files" not in release:
            return f"{project.replace('-', '_')}-{text}-py3-none-any.whl (implicit)"
        for entry in release["files"]:
            filename = entry["filename"]
            if filename.endswith(".whl") and {str(t) for t in parse_wheel_filename(filename)[3]} & self.m_tags:
                return filename
        sdists = [entry["filename"] for entry in release["files"] if entry["filename"].endswith(".tar.gz")]
        return sdists[0] if sdists else None


def pipfile_requirements(pipfile_path):
    """[packages] and [dev-packages] of a Pipfile as (section, Requested) pairs (version, extras only)."""
    with open(pipfile_path, "rb") as handle:
        pipfile = tomllib.load(handle)
    requested = []
    for section in ("packages", "dev-packages"):
        for name, value in pipfile.get(section, {}).items():
            spec = value if isinstance(value, str) else value.get("version", "*")
            extras = [] if isinstance(value, str) else value.get("extras", [])
            specifier = SpecifierSet("" if spec.strip() == "*" else spec)
            requested.append((section, Requested(name, extras, specifier)))
    return requested


def resolve_pipfile(snapshot, pipfile_path, python_full_version):
    """Resolves default and develop together (pipenv locks develop within default's pins)."""
    roots = [requested for _, requested in pipfile_requirements(pipfile_path)]
    provider = SnapshotProvider(snapshot, python_full_version)
    result = Resolver(provider, BaseReporter()).resolve(roots, max_rounds=10000)
    return sorted((c for c in result.mapping.values() if not c.extras), key=lambda c: c.project)


def report_snapshot(checker, snapshot):
    releases = sum(len(versions) for versions in snapshot.values())
    print(f"snapshot: {len(snapshot)} packages, {releases} releases, {checker.file_count} files")
    for dependency, users in sorted(checker.extra_only_missing.items()):
        print(f"  extra-only dependency not in snapshot: {dependency} ({len(users)} uses)")
    for problem in checker.problems:
        print(f"PROBLEM {problem}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot")
    parser.add_argument("--pipfile", help="resolve this Pipfile against the snapshot")
    parser.add_argument("--python-full-version", default="3.11.0")
    parser.add_argument("--quiet-extras", action="store_true", help="do not list extra-only missing names")
    arguments = parser.parse_args()
    with open(arguments.snapshot) as handle:
        snapshot = json.load(handle)
    checker = SnapshotChecker(snapshot).check()
    if arguments.quiet_extras:
        checker.extra_only_missing = {}
    report_snapshot(checker, snapshot)
    resolved = True
    if arguments.pipfile:
        resolved = report_resolution(snapshot, arguments.pipfile, arguments.python_full_version)
    return 1 if checker.problems or not resolved else 0


def report_resolution(snapshot, pipfile_path, python_full_version):
    """Prints the pins (and the file each would install), or the unsatisfiable requirements."""
    print(f"resolution of {pipfile_path} for CPython {python_full_version} on linux x86_64:")
    try:
        pins = resolve_pipfile(snapshot, pipfile_path, python_full_version)
    except ResolutionImpossible as error:
        for cause in error.causes:
            parent = f"{cause.parent.project}=={cause.parent.version}" if cause.parent else "the Pipfile"
            print(f"  IMPOSSIBLE {cause.requirement.identifier}{cause.requirement.specifier} (from {parent})")
        return False
    for candidate in pins:
        print(f"  {candidate.project}=={candidate.version}  <- {candidate.artifact}")
    return True


if __name__ == "__main__":
    sys.exit(main())

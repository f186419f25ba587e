"""An independent validity check of a lock (pins) against a snapshot, using only `packaging`.

It shares nothing with thoth (C++) and nothing with the resolvelib provider: starting from the
root requirements, it follows every requirement whose marker holds in the target environment
(with `extra` "" or one of the extras requested of the package) and checks that
- every required package is pinned, to a version the snapshot has,
- every pinned version satisfies every specifier that applies to it (pre-releases allowed:
  this is validity, not preference),
- every pinned release's Requires-Python admits the target Python.
Pins that nothing requires are reported as `unreachable`, which is a warning, not a failure.
"""

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version


def _applies(requirement, markers, extras):
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate(dict(markers, extra=extra)) for extra in ("", *sorted(extras)))


class _Closure:
    """Walks demands from the roots through the pinned releases."""

    def __init__(self, snapshot, pins):
        self.snapshot = snapshot
        self.markers = snapshot.target.markers
        self.pins = {canonicalize_name(name): version for name, version in pins.items()}
        self.extras = {}       # name -> extras requested of it
        self.expanded = set()  # (name, frozenset(extras)) already followed
        self.failures = []

    def demand(self, requirement, origin):
        name = canonicalize_name(requirement.name)
        if name not in self.pins:
            self.failures.append(f"{origin} requires `{requirement}` but {name} is not pinned")
            return
        release = self.snapshot.release(name, self.pins[name])
        if release is None:
            return  # reported once by check_lock
        if not requirement.specifier.contains(release.version, prereleases=True):
            self.failures.append(f"{origin} requires `{requirement}` but {name}=={release.text} is pinned")
        requested = self.extras.setdefault(name, set())
        requested.update(canonicalize_name(e) for e in requirement.extras)
        self.expand(name, release)

    def expand(self, name, release):
        key = (name, frozenset(self.extras[name]))
        if key in self.expanded:
            return
        self.expanded.add(key)
        for requirement in release.requires:
            if _applies(requirement, self.markers, self.extras[name]):
                self.demand(requirement, f"{name}=={release.text}")


def check_lock(snapshot, root_texts, pins):
    """Returns (failures, unreachable): lists of human-readable strings and pin names."""
    closure = _Closure(snapshot, pins)
    python = Version(snapshot.target.python_full_version)
    for name, version_text in sorted(closure.pins.items()):
        release = snapshot.release(name, version_text)
        if release is None:
            closure.failures.append(f"{name}=={version_text} is pinned but the snapshot has no such release")
        elif release.requires_python is not None and not release.requires_python.contains(python, prereleases=True):
            closure.failures.append(f"{name}=={version_text} requires Python {release.requires_python}, "
                                    f"target is {python}")
    for text in root_texts:
        requirement = Requirement(text)
        if _applies(requirement, closure.markers, ()):
            closure.demand(requirement, "the root")
    unreachable = sorted(set(closure.pins) - set(closure.extras))
    return closure.failures, unreachable

"""A resolvelib Provider over an in-memory snapshot, modelled on pip 23.0's (which vendors resolvelib 0.9.0).

What is copied from pip (src/pip/_internal/resolution/resolvelib/{provider,factory,candidates}.py):
- identifiers are the canonical name, or `name[extra1,extra2]` with sorted canonical extras;
- candidates come newest first; the combined SpecifierSet filters them with prereleases=None, so
  pre-releases appear only if a specifier names one or nothing else matches;
- versions whose Requires-Python excludes the target are never candidates (the check runs once at
  load time here, Release.python_ok; pip checks each link in its finder);
- a dependency applies when its marker holds in the target environment, with `extra` set to ""
  for a plain candidate and to each requested extra the release provides for an extra-candidate;
- an extra-candidate `x[e]==V` depends on its base `x==V` through an explicit requirement, the
  only kind pip calls "direct" in get_preference;
- get_preference returns pip 23.0's key: (not direct, not pinned, not backtrack cause, inferred
  depth, user order, not unfree, identifier); is_satisfied_by allows pre-releases, as pip does.
Not modelled: installed distributions, upgrade strategies, hashes, URLs, yanked files.
"""

import math

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from resolvelib import AbstractProvider


def identifier_for(name, extras):
    name = canonicalize_name(name)
    if not extras:
        return name
    return f"{name}[{','.join(sorted(canonicalize_name(e) for e in extras))}]"


class BenchRequirement:
    """A requirement as resolvelib sees it; `explicit` marks pip's ExplicitRequirement (extra -> base)."""

    __slots__ = ("name", "project", "extras", "specifier", "explicit")

    def __init__(self, project, extras, specifier, explicit=False):
        self.project = canonicalize_name(project)
        self.extras = frozenset(canonicalize_name(e) for e in extras)
        self.name = identifier_for(self.project, self.extras)
        self.specifier = specifier
        self.explicit = explicit

    def __repr__(self):
        return f"{self.name}{self.specifier}"


class BenchCandidate:
    """One release, optionally with extras (pip's LinkCandidate / ExtrasCandidate)."""

    __slots__ = ("name", "project", "extras", "release")

    def __init__(self, project, extras, release):
        self.project = project
        self.extras = extras
        self.name = identifier_for(project, extras)
        self.release = release

    @property
    def version(self):
        return self.release.version

    def __repr__(self):
        return f"{self.name}=={self.release.text}"


def requirement_from_pep508(requirement):
    return BenchRequirement(requirement.name, requirement.extras, requirement.specifier)


class PipLikeProvider(AbstractProvider):
    """Fresh per request: caches live only as long as one resolution, like one pip run."""

    def __init__(self, snapshot, root_requirements):
        self.m_snapshot = snapshot
        self.m_markers = snapshot.target.markers
        self.m_user_requested = {}
        for order, requirement in enumerate(root_requirements):
            self.m_user_requested.setdefault(requirement.name, order)
        self.m_known_depths = {}
        self.m_candidates = {}  # (project, extras, version text) -> BenchCandidate, stable identity

    def identify(self, requirement_or_candidate):
        return requirement_or_candidate.name

    def get_preference(self, identifier, resolutions, candidates, information, backtrack_causes):
        infos = list(information[identifier])
        operators = [spec.operator for info in infos for spec in info.requirement.specifier]
        direct = any(info.requirement.explicit for info in infos)
        pinned = any(op[:2] == "==" for op in operators)
        if identifier in self.m_user_requested:
            inferred_depth = 1.0
        elif infos:
            depths = (self.m_known_depths.get(i.parent.name, 1.0) if i.parent is not None else 0.0 for i in infos)
            inferred_depth = min(depths) + 1.0
        else:
            inferred_depth = math.inf
        self.m_known_depths[identifier] = inferred_depth
        requested_order = self.m_user_requested.get(identifier, math.inf)
        backtrack_cause = _is_backtrack_cause(identifier, backtrack_causes)
        return (not direct, not pinned, not backtrack_cause, inferred_depth, requested_order,
                not operators, identifier)

    def find_matches(self, identifier, requirements, incompatibilities):
        project, extras = self._split(identifier)
        specifier = SpecifierSet()
        for requirement in requirements[identifier]:
            specifier &= requirement.specifier
        bad = {candidate.version for candidate in incompatibilities[identifier]}
        releases = [r for r in self.m_snapshot.packages.get(project, []) if r.python_ok]
        by_version = {release.version: release for release in releases}
        matching = specifier.filter([release.version for release in releases])
        return [self._candidate(project, extras, by_version[v]) for v in matching if v not in bad]

    def is_satisfied_by(self, requirement, candidate):
        return requirement.specifier.contains(candidate.version, prereleases=True)

    def get_dependencies(self, candidate):
        release = candidate.release
        dependencies = []
        if candidate.extras:
            base_pin = SpecifierSet(f"=={release.version}")
            dependencies.append(BenchRequirement(candidate.project, (), base_pin, explicit=True))
        valid_extras = candidate.extras & release.provided_extras
        for requirement in release.requires:
            if self._applies(requirement, valid_extras):
                dependencies.append(requirement_from_pep508(requirement))
        return dependencies

    def _applies(self, requirement, extras):
        """pip's Distribution.iter_dependencies: markers evaluated with extra "" or each extra."""
        if requirement.marker is None:
            return True
        for extra in (extras or ("",)):
            environment = dict(self.m_markers, extra=extra)
            if requirement.marker.evaluate(environment):
                return True
        return False

    def _split(self, identifier):
        project, _, rest = identifier.partition("[")
        extras = frozenset(rest.rstrip("]").split(",")) if rest else frozenset()
        return project, extras

    def _candidate(self, project, extras, release):
        key = (project, extras, release.text)
        if key not in self.m_candidates:
            self.m_candidates[key] = BenchCandidate(project, extras, release)
        return self.m_candidates[key]


def _is_backtrack_cause(identifier, backtrack_causes):
    for cause in backtrack_causes:
        if identifier == cause.requirement.name:
            return True
        if cause.parent is not None and identifier == cause.parent.name:
            return True
    return False


def root_requirements(snapshot, texts):
    """Parses root requirement strings; roots whose marker is false in the target are dropped."""
    from packaging.requirements import Requirement

    roots = []
    for text in texts:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate(dict(snapshot.target.markers, extra="")):
            roots.append(requirement_from_pep508(requirement))
    return roots


def pins_of(result):
    """Resolution mapping -> {canonical name: version text}, base candidates only."""
    pins = {}
    for candidate in result.mapping.values():
        pins[candidate.project] = candidate.release.text
    return dict(sorted(pins.items()))

// The newest-first universe: the packages the roots reach when every package is at its newest
// eligible release, and only that release of each. It is built without looking at any other
// release, so a request whose answer is "the newest of everything" costs what resolvelib's first
// guess costs rather than the whole universe of build_universe (every admitted release of every
// reachable package, each checked against the target's wheel tags).
//
// It is returned only when its optimum provably is the complete universe's, the same lock with the
// same objective values (docs/solver.md §0 gives the argument). Writing N(P) for the newest release
// of P that passes the hard filters (requires_python, installable files, pip constraints):
//   * the problem has no rules (prescriptions), no candidate scores and no relaxed exclusions, and no
//     reached package has a known advisory or a scorecard penalty, so every level before the
//     freshness levels costs 0 and nothing removes or adds an edge;
//   * every reached N(P) is neither yanked nor a pre-release (unless pre-releases are allowed): then
//     no newer release can be a candidate of the complete universe (only an == pin admits a yanked
//     release, only a pre-release specifier or a lack of finals a pre-release), so N(P) is P's only
//     candidate of rank 0 there;
//   * every requirement on P from the roots or from a reached N(Q) admits N(P).
// Then the newest selection costs 0 on every level but the last, any selection costing 0 there
// installs it, so it is the unique optimum. nullopt when a condition fails: the caller builds the
// complete universe, and loses only this attempt.
#pragma once

#include <optional>

#include "encoder/universe.hpp"

namespace thoth::encoder {

[[nodiscard]] std::optional<Universe> build_newest_universe(const Problem& problem, index::PackageSource& source);

}  // namespace thoth::encoder

// A shortcut past the SAT solver for the common easy request: when the newest candidate of every
// package reachable from the roots is its only zero-rank candidate and together they satisfy every
// hard clause, that selection is the proven optimum of every objective level, so no SAT call is
// needed (a solver instance and its calls cost more than the rest of a small request).
//
// Why it is optimal: every level but the last ("number of packages") costs 0 here, the least any
// model can cost. A model B that also costs 0 on those levels puts each installed package at a
// zero-rank candidate; for the packages of this selection A that is candidate 0 (the only one). B
// installs every root target and, by induction, every package A reaches from them through the same
// edges of the same candidates, so B's package count is at least A's. The shortcut refuses problems
// where that induction fails (alternative packages, conditional edges) and any other last level.
#pragma once

#include <optional>

#include "encoder/encoding.hpp"
#include "solver/maxsat.hpp"

namespace thoth::encoder {

// The optimum when the shortcut applies (status Optimal, every level proven, no SAT call); nullopt
// otherwise, and the caller solves as usual.
[[nodiscard]] std::optional<sat::MaxSatResult> newest_consistent_lock(const Encoding& encoding);

}  // namespace thoth::encoder

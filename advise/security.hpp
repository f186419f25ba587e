// The security side of an advise run (docs/recommendation-types.md): turning the advisory database
// and scorecards into the encoder's per-candidate facts, naming the advisories that emptied a
// requirement when `security` finds no lock, and the advisory justifications of a lock.
#pragma once

#include <vector>

#include "advise/advise.hpp"
#include "encoder/encoding.hpp"

namespace thoth::advise {

// Fills problem.advisories (every release, in `source`, of every package the database covers) and
// problem.package_penalties (scorecards), and passes the candidate scores through.
void add_security_facts(const AdviseRequest& request, index::PackageSource& source, encoder::Problem& problem);

// Under `security`: one line per package whose requirement lost every version to an advisory veto.
[[nodiscard]] std::vector<std::string> vetoed_in_conflict(const encoder::Encoding& encoding);

// WARNING per advisory of each pin (id, aliases, first fixed version, link); INFO where a clean pin
// was chosen over a newer candidate with advisories; ERROR per vetoed requirement when unsatisfiable.
[[nodiscard]] std::vector<Justification> security_justifications(const AdviseRequest& request,
                                                                 const encoder::Problem& problem,
                                                                 const encoder::Encoding& encoding,
                                                                 const AdviseResult& result);

}  // namespace thoth::advise

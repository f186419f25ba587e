// Small hand-written requests and indexes for unit tests: an index from a JSON snapshot text and an
// advise request from PEP 508 root requirements (category "default", location "line N").
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "index/snapshot.hpp"

namespace thoth::testing {

inline index::InMemoryIndex index_of(const char* json_text) {
  return index::snapshot_from_json(nlohmann::json::parse(json_text), "test index");
}

inline advise::AdviseRequest request_of(const std::vector<std::string>& roots) {
  advise::AdviseRequest request;
  for (std::size_t i = 0; i < roots.size(); ++i)
    request.roots.push_back({*packaging::Requirement::parse(roots[i]), "default", "line " + std::to_string(i + 1)});
  return request;
}

}  // namespace thoth::testing

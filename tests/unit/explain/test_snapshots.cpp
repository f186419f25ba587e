// Explanations of unsatisfiable requests on the real PyPI snapshots: each has a derivation, its core
// is minimal, and each fix gives a lock. Prints the time of each explanation (docs/explanations.md
// records them). Reads ../shared/data/pypi-snapshots; skips with a notice when it is absent.
#include <catch2/catch.hpp>

#include <iostream>

#include "advise/advise.hpp"
#include "explain/explain.hpp"
#include "index/snapshot.hpp"
#include "support/shared_data.hpp"

namespace {

using namespace thoth;

struct UnsatCase {
  const char* file;
  std::vector<std::string> roots;
};

const std::vector<UnsatCase> kCases = {
    {"pypi-2020-02-15-pandas.json", {"pandas==1.0.1", "python-dateutil<2.6"}},
    {"pypi-2020-02-13-chalice.json", {"chalice==1.9.1", "botocore<1.12"}},
    {"pypi-2020-02-13-chalice.json", {"chalice>=1.9", "pip>=20"}},
    {"pypi-2020-02-13-dask.json", {"distributed>=2.9", "dask<2"}},
    {"pypi-2020-02-19-virtualenv-six.json", {"virtualenv>=20", "six<1.9"}},
    {"pypi-2020-11-17-cheroot.json", {"cheroot>=8.4", "six<1.11"}},
};

}  // namespace

TEST_CASE("unsatisfiable requests on the real snapshots get a minimal core and a derivation", "[explain][snapshots]") {
  auto folder = testing::shared_path("data/pypi-snapshots", "explanations on the PyPI snapshots");
  if (!folder) return;
  for (const UnsatCase& unsat : kCases) {
    INFO(unsat.file);
    index::InMemoryIndex index = index::load_snapshot(*folder / unsat.file);
    advise::AdviseRequest request;
    env::set_python_version(request.environment, "3.8", "test");
    encoder::Problem problem;
    problem.environment = request.environment;
    for (const std::string& text : unsat.roots) {
      request.roots.push_back({*packaging::Requirement::parse(text), "default", text});
      problem.roots.push_back({request.roots.back().requirement, "default", text});
    }
    advise::AdviseResult result = advise::advise(request, index);
    REQUIRE(result.outcome == advise::Outcome::Unsatisfiable);
    REQUIRE(result.explanation);
    REQUIRE_FALSE(result.explanation->steps.empty());
    CHECK(result.explanation->steps.front().rfind("Because ", 0) == 0);
    CHECK_FALSE(result.explanation->fixes.empty());
    std::cout << "explain " << unsat.file << " " << unsat.roots[0] << " + " << unsat.roots[1] << ": "
              << result.timings.explain_ms << " ms, core " << result.explanation->core.size() << "\n";

    explain::RelaxedEncoding relaxed = explain::encode_for_explanation(problem, index);
    const encoder::Encoding& encoding = relaxed.encoding;
    explain::Core core = explain::minimal_core(encoding);
    CHECK_FALSE(explain::satisfiable_with(encoding, core.roots, core.edges, core.rules, core.exclusions));
    for (std::size_t i = 0; i < core.edges.size(); ++i) {
      std::vector<std::size_t> rest = core.edges;
      rest.erase(rest.begin() + static_cast<long>(i));
      CHECK(explain::satisfiable_with(encoding, core.roots, rest, core.rules, core.exclusions));
    }
    for (std::size_t i = 0; i < core.roots.size(); ++i) {
      std::vector<std::size_t> rest = core.roots;
      rest.erase(rest.begin() + static_cast<long>(i));
      CHECK(explain::satisfiable_with(encoding, rest, core.edges, core.rules, core.exclusions));
    }
    for (std::size_t i = 0; i < core.exclusions.size(); ++i) {
      std::vector<explain::ExclusionGroup> rest = core.exclusions;
      rest.erase(rest.begin() + static_cast<long>(i));
      CHECK(explain::satisfiable_with(encoding, core.roots, core.edges, core.rules, rest));
    }
  }
}

// Unit tests of the independent lock verifier: each rule once violated and once respected, on tiny
// in-memory indexes built with `release(...)` and `index_of(...)`.
#include <catch2/catch.hpp>

#include <algorithm>

#include "index/index.hpp"
#include "verify/verify.hpp"

namespace {

using thoth::index::InMemoryIndex;
using thoth::index::Project;
using thoth::index::Release;
using thoth::packaging::Requirement;
using thoth::packaging::SpecifierSet;
using thoth::packaging::Version;

struct ReleaseSpec {
  ReleaseSpec(const char* version_text, std::vector<std::string> dependencies = {}, std::string python = {},
              bool is_yanked = false)
      : version(version_text),
        requires_dist(std::move(dependencies)),
        requires_python(std::move(python)),
        yanked(is_yanked) {}
  std::string version;
  std::vector<std::string> requires_dist;
  std::string requires_python;
  bool yanked;
};

Release release(const ReleaseSpec& spec) {
  Release built{*Version::parse(spec.version), spec.version, {}, {}, spec.yanked, {}, {}, {}, {}};
  for (const auto& text : spec.requires_dist) built.requires_dist.push_back(*Requirement::parse(text));
  if (!spec.requires_python.empty()) built.requires_python = *SpecifierSet::parse(spec.requires_python);
  return built;
}

InMemoryIndex index_of(const std::map<std::string, std::vector<ReleaseSpec>>& packages) {
  std::map<std::string, Project, std::less<>> projects;
  for (const auto& [name, specs] : packages) {
    Project project{name, {}};
    for (const auto& spec : specs) project.releases.push_back(release(spec));
    std::sort(project.releases.begin(), project.releases.end(),
              [](const Release& a, const Release& b) { return a.version < b.version; });
    projects.emplace(name, std::move(project));
  }
  return InMemoryIndex(std::move(projects), {}, "test index");
}

thoth::verify::LockToCheck lock_of(const std::vector<std::string>& roots, std::map<std::string, std::string> pins) {
  thoth::verify::LockToCheck lock;
  for (const auto& text : roots) lock.roots.push_back(*Requirement::parse(text));
  lock.pins = std::move(pins);
  lock.environment.python_version = "3.11";
  lock.environment.python_full_version = "3.11.4";
  return lock;
}

// True when some violation line contains `fragment`.
bool mentions(const std::vector<std::string>& violations, const std::string& fragment) {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const std::string& line) { return line.find(fragment) != std::string::npos; });
}

}  // namespace

TEST_CASE("A complete and consistent lock has no violations", "[verify]") {
  auto index = index_of({{"a", {{"1.0", {"b>=2"}}}}, {"b", {{"1.0"}, {"2.1"}}}});
  CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}, {"b", "2.1"}}), index).empty());
}

TEST_CASE("A root requirement must be pinned and satisfied", "[verify]") {
  auto index = index_of({{"a", {{"1.0"}, {"2.0"}}}});
  SECTION("missing root pin") {
    auto violations = thoth::verify::verify_lock(lock_of({"a"}, {}), index);
    CHECK(mentions(violations, "a is not pinned"));
  }
  SECTION("root pin outside the specifier") {
    auto violations = thoth::verify::verify_lock(lock_of({"a>=2"}, {{"a", "1.0"}}), index);
    CHECK(mentions(violations, "but the lock pins a==1.0"));
  }
  SECTION("root whose marker does not hold needs no pin") {
    CHECK(thoth::verify::verify_lock(lock_of({"a; python_version < '3.0'"}, {}), index).empty());
  }
}

TEST_CASE("Every pin must exist in the index", "[verify]") {
  auto index = index_of({{"a", {{"1.0"}}}});
  CHECK(mentions(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "3.0"}}), index), "has no release 3.0"));
  CHECK(mentions(thoth::verify::verify_lock(lock_of({"a", "zz"}, {{"a", "1.0"}, {"zz", "1.0"}}), index),
                 "zz is not in the index"));
  CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0.0"}}), index).empty());
}

TEST_CASE("Dependencies whose marker holds must be pinned and satisfied", "[verify]") {
  auto index =
      index_of({{"a", {{"1.0", {"b<2", "c; python_version < '3.10'"}}}}, {"b", {{"1.0"}, {"2.0"}}}, {"c", {{"1.0"}}}});
  CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}, {"b", "1.0"}}), index).empty());
  CHECK(mentions(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}}), index), "b is not pinned"));
  auto violations = thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}, {"b", "2.0"}}), index);
  CHECK(mentions(violations, "a==1.0 requires `b<2` but the lock pins b==2.0"));
}

TEST_CASE("Satisfaction ignores pre-release policy", "[verify]") {
  auto index = index_of({{"a", {{"1.0", {"b>=1"}}}}, {"b", {{"2.0b1"}}}});
  // b 2.0b1 satisfies b>=1 as a version; it is allowed because no final release of b exists.
  CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}, {"b", "2.0b1"}}), index).empty());
}

TEST_CASE("Extras requested of a package bring in their dependencies", "[verify]") {
  auto index = index_of({{"a", {{"1.0", {"b; extra == 'tls'", "c[fast]; extra == 'tls'"}}}},
                         {"b", {{"1.0"}}},
                         {"c", {{"1.0", {"d; extra == 'fast'"}}}},
                         {"d", {{"1.0"}}}});
  SECTION("extra requested by the root and by a dependency") {
    auto full = lock_of({"a[tls]"}, {{"a", "1.0"}, {"b", "1.0"}, {"c", "1.0"}, {"d", "1.0"}});
    CHECK(thoth::verify::verify_lock(full, index).empty());
    auto without_d = lock_of({"a[tls]"}, {{"a", "1.0"}, {"b", "1.0"}, {"c", "1.0"}});
    CHECK(mentions(thoth::verify::verify_lock(without_d, index), "c==1.0 (extra fast) requires `d"));
  }
  SECTION("extra not requested: its dependencies are extraneous") {
    CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}}), index).empty());
    auto violations = thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}, {"b", "1.0"}}), index);
    CHECK(mentions(violations, "b==1.0 is extraneous"));
  }
  SECTION("extra names are normalised") {
    auto lock = lock_of({"a[TLS]"}, {{"a", "1.0"}, {"b", "1.0"}, {"c", "1.0"}, {"d", "1.0"}});
    CHECK(thoth::verify::verify_lock(lock, index).empty());
  }
}

TEST_CASE("Requires-Python must admit the target Python", "[verify]") {
  auto index = index_of({{"a", {{"1.0", {}, ">=3.7"}, {"2.0", {}, ">=3.12"}}}});
  CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}}), index).empty());
  auto violations = thoth::verify::verify_lock(lock_of({"a"}, {{"a", "2.0"}}), index);
  CHECK(mentions(violations, "a==2.0 requires Python `>=3.12`"));
}

TEST_CASE("A yanked release needs an exact == or === pin", "[verify]") {
  auto index = index_of({{"a", {{"1.0"}, {"2.0", {}, "", true}}}});
  CHECK(mentions(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "2.0"}}), index), "a==2.0 is yanked"));
  CHECK(mentions(thoth::verify::verify_lock(lock_of({"a==2.*"}, {{"a", "2.0"}}), index), "is yanked"));
  CHECK(thoth::verify::verify_lock(lock_of({"a==2.0"}, {{"a", "2.0"}}), index).empty());
  CHECK(thoth::verify::verify_lock(lock_of({"a===2.0"}, {{"a", "2.0"}}), index).empty());
}

TEST_CASE("A pre-release needs an opt-in, a specifier naming one, or no final alternative", "[verify]") {
  auto index = index_of({{"a", {{"1.0"}, {"2.0b1"}}}});
  SECTION("violated: a final release satisfies the requirement") {
    auto violations = thoth::verify::verify_lock(lock_of({"a"}, {{"a", "2.0b1"}}), index);
    CHECK(mentions(violations, "a==2.0b1 is a pre-release"));
  }
  SECTION("allowed globally") {
    auto lock = lock_of({"a"}, {{"a", "2.0b1"}});
    lock.allow_prereleases = true;
    CHECK(thoth::verify::verify_lock(lock, index).empty());
  }
  SECTION("the specifier names a pre-release") {
    CHECK(thoth::verify::verify_lock(lock_of({"a>=2.0b1"}, {{"a", "2.0b1"}}), index).empty());
  }
  SECTION("only pre-releases satisfy the requirement") {
    CHECK(thoth::verify::verify_lock(lock_of({"a>=1.5"}, {{"a", "2.0b1"}}), index).empty());
  }
}

TEST_CASE("A pin that no applicable requirement reaches is extraneous", "[verify]") {
  auto index = index_of({{"a", {{"1.0", {"b; sys_platform == 'win32'"}}}}, {"b", {{"1.0"}}}});
  CHECK(thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}}), index).empty());
  auto violations = thoth::verify::verify_lock(lock_of({"a"}, {{"a", "1.0"}, {"b", "1.0"}}), index);
  CHECK(violations ==
        std::vector<std::string>{"b==1.0 is extraneous: no applicable requirement reaches it from the roots"});
}

// pipenv's Pipfile hash: the vectors of docs/specs (pypa/pipenv #4699) in both variants, and a
// Pipfile using every table (hashes computed with CPython following plette / pipenv 2026.x).
#include <catch2/catch.hpp>

#include "project/pipfile.hpp"
#include "unit/project/feature_pipfile.hpp"

using thoth::project::HashVariant;
using thoth::project::parse_pipfile;
using thoth::project::pipfile_hash;

namespace {
std::string hash_of(std::string_view text, HashVariant variant) {
  return pipfile_hash(parse_pipfile(text, "Pipfile"), variant);
}
}  // namespace

TEST_CASE("the legacy hash of Sphinx = \"*\" matches pipenv", "[project][pipfile_hash]") {
  CHECK(hash_of("[packages]\nSphinx = \"*\"\n", HashVariant::Legacy) ==
        "c99365b83495db0f676ba97f11db58b35955f8f5e7da5b56495dbf7044d303bf");
}

TEST_CASE("the canonical hash lower-cases package keys", "[project][pipfile_hash]") {
  const std::string canonical = "d993d725f2bfe31e06c4a1f3716caf2d4b1a9a5d8cb8d24a140b58eabe90a3e3";
  CHECK(hash_of("[packages]\nSphinx = \"*\"\n", HashVariant::Canonical) == canonical);
  CHECK(hash_of("[packages]\nsphinx = \"*\"\n", HashVariant::Legacy) == canonical);
  CHECK(hash_of("[packages]\nsphinx = \"*\"\n", HashVariant::Canonical) == canonical);
}

TEST_CASE("my_pkg hashes differently in the two variants", "[project][pipfile_hash]") {
  const std::string legacy_underscore = "663ef42e2854909e457a4fe4043c5be5aa6b7d1c7b4ee3a519017980ce26d3f8";
  const std::string dash = "ff51d0f17cbb060adf451aafb9c27e93f1903c254327094da2e732b4d4f77ec4";
  CHECK(hash_of("[packages]\nmy_pkg = \"*\"\n", HashVariant::Legacy) == legacy_underscore);
  CHECK(hash_of("[packages]\nmy-pkg = \"*\"\n", HashVariant::Legacy) == dash);
  CHECK(hash_of("[packages]\nmy_pkg = \"*\"\n", HashVariant::Canonical) == dash);
  CHECK(pipfile_hash(parse_pipfile("[packages]\nmy_pkg = \"*\"\n", "Pipfile")) == dash);  // Canonical by default
}

TEST_CASE("an explicit default source hashes like the implicit one", "[project][pipfile_hash]") {
  std::string explicit_source =
      "[[source]]\nname = \"pypi\"\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\n\n"
      "[packages]\nSphinx = \"*\"\n";
  CHECK(hash_of(explicit_source, HashVariant::Legacy) ==
        "c99365b83495db0f676ba97f11db58b35955f8f5e7da5b56495dbf7044d303bf");
}

TEST_CASE("scripts and pipenv settings do not change the hash", "[project][pipfile_hash]") {
  CHECK(hash_of("[packages]\nSphinx = \"*\"\n\n[scripts]\nt = \"pytest\"\n\n[pipenv]\nallow_prereleases = true\n",
                HashVariant::Legacy) == "c99365b83495db0f676ba97f11db58b35955f8f5e7da5b56495dbf7044d303bf");
}

TEST_CASE("a Pipfile with every table hashes as pipenv does", "[project][pipfile_hash]") {
  using namespace thoth::project::testing;
  CHECK(hash_of(kFeaturePipfile, HashVariant::Legacy) == kFeatureLegacyHash);
  CHECK(hash_of(kFeaturePipfile, HashVariant::Canonical) == kFeatureCanonicalHash);
}

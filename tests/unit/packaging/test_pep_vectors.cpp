// Runs every PEP 440 / PEP 508 test vector of shared/data/pep-vectors (extracted from pypa/packaging's
// own test-suite, expected values of packaging 26.4.dev0; see docs/pep-vectors.md) against
// thoth::packaging. Each file is one test case; failing case ids are printed with got/expected.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include "packaging/marker.hpp"
#include "packaging/requirement.hpp"
#include "packaging/specifier.hpp"
#include "packaging/version.hpp"
#include "support/shared_data.hpp"

namespace {

using nlohmann::json;
using namespace thoth::packaging;

std::optional<json> load_vectors(const std::string& file) {
  auto path = thoth::testing::shared_path("data/pep-vectors/" + file, "PEP vectors " + file);
  if (!path) return std::nullopt;
  std::ifstream in(*path);
  return json::parse(in);
}

// Evaluates `check` on every case; it returns "" on success or a got/expected description.
void run_vectors(const std::string& file, const std::function<std::string(const json&)>& check) {
  auto vectors = load_vectors(file);
  if (!vectors) return;
  std::size_t failures = 0;
  std::size_t total = 0;
  for (const auto& item : (*vectors)["cases"]) {
    ++total;
    std::string problem = check(item);
    if (problem.empty()) continue;
    if (++failures <= 20) std::cout << file << " case " << item["id"] << ": " << problem << "\n";
  }
  std::cout << "pep-vectors " << file << ": " << (total - failures) << "/" << total << " passed\n";
  CHECK(total > 0);
  CHECK(failures == 0);
}

std::string mismatch(const json& got, const json& expected) {
  if (got == expected) return "";
  return "got " + got.dump() + ", expected " + expected.dump();
}

std::optional<bool> optional_bool(const json& item, const char* key) {
  if (!item.contains(key) || item[key].is_null()) return std::nullopt;
  return item[key].get<bool>();
}

// A candidate given as a string ("1.0") or as a Version object ({"Version": "1.0"}).
struct Candidate {
  std::string text;
  std::optional<Version> version;
  explicit Candidate(const json& value) {
    bool object = value.is_object();
    std::string raw = object ? value["Version"].get<std::string>() : value.get<std::string>();
    if (auto parsed = Version::parse(raw)) version = *parsed;
    text = (object && version) ? version->to_string() : raw;
  }
  [[nodiscard]] VersionCandidate view() const { return {text, version ? &*version : nullptr}; }
};

json pre_json(const Version& v) {
  if (!v.pre()) return nullptr;
  const char* letter = v.pre()->kind == PreKind::Alpha ? "a" : v.pre()->kind == PreKind::Beta ? "b" : "rc";
  return json::array({letter, v.pre()->number});
}

json version_property(const Version& v, const std::string& property) {
  auto optional_number = [](const std::optional<VersionNumber>& n) { return n ? json(*n) : json(nullptr); };
  auto release_at = [&](std::size_t i) { return i < v.release().size() ? v.release()[i] : 0; };
  if (property == "public") return v.public_version().to_string();
  if (property == "base_version") return v.base_version().to_string();
  if (property == "epoch") return v.epoch();
  if (property == "release") return v.release();
  if (property == "local") return v.has_local() ? json(v.local_string()) : json(nullptr);
  if (property == "pre") return pre_json(v);
  if (property == "is_prerelease") return v.is_prerelease();
  if (property == "dev") return optional_number(v.dev());
  if (property == "is_devrelease") return v.is_devrelease();
  if (property == "post") return optional_number(v.post());
  if (property == "is_postrelease") return v.is_postrelease();
  if (property == "major") return release_at(0);
  if (property == "minor") return release_at(1);
  if (property == "micro") return release_at(2);
  return "unknown property " + property;
}

// The default environment of the interpreter the vectors assume (CPython 3.11 on Linux, os.name posix).
MarkerEnvironment default_environment() {
  return {{"implementation_name", "cpython"}, {"implementation_version", "3.11.2"}, {"os_name", "posix"},
          {"platform_machine", "x86_64"},     {"platform_release", "6.1.0"},        {"platform_system", "Linux"},
          {"platform_version", "#1 SMP"},     {"python_full_version", "3.11.2"},
          {"platform_python_implementation", "CPython"}, {"python_version", "3.11"}, {"sys_platform", "linux"}};
}

// packaging's Marker.evaluate(environment, context): defaults, then the context's keys, then overrides.
MarkerEnvironment evaluation_environment(const json& item) {
  MarkerEnvironment env = default_environment();
  std::string context = item.value("context", "metadata");
  if (context == "metadata") env["extra"] = "";
  if (context == "lock_file") env["extras"] = env["dependency_groups"] = "";
  if (!item["environment"].is_object()) return env;
  for (const auto& [key, value] : item["environment"].items()) {
    if (value.is_null()) {
      env[key] = "";
    } else if (value.is_array()) {
      std::string joined;
      for (const auto& member : value) joined += (joined.empty() ? "" : ",") + member.get<std::string>();
      env[key] = joined;
    } else {
      env[key] = value.get<std::string>();
    }
  }
  return env;
}

std::string check_specifier_contains(const json& item) {
  Candidate candidate(item["version"]);
  auto prereleases = optional_bool(item, "prereleases");
  bool got = false;
  if (item["class"] == "Specifier") {
    auto spec = Specifier::parse(item["specifier"].get<std::string>());
    if (!spec) return "does not parse: " + spec.error().message;
    spec->set_prereleases(optional_bool(item, "spec_prereleases"));
    if (item.contains("then_set_prereleases")) spec->set_prereleases(optional_bool(item, "then_set_prereleases"));
    got = spec->contains(candidate.view(), prereleases);
  } else {
    auto set = SpecifierSet::parse(item["specifier"].get<std::string>());
    if (!set) return "does not parse: " + set.error().message;
    set->set_prereleases(optional_bool(item, "spec_prereleases"));
    if (item.contains("then_set_prereleases")) set->set_prereleases(optional_bool(item, "then_set_prereleases"));
    got = set->contains(candidate.view(), prereleases, optional_bool(item, "installed").value_or(false));
  }
  return mismatch(got, item["expected"]);
}

std::string check_specifier_filter(const json& item) {
  std::vector<Candidate> candidates;
  for (const auto& value : item["input"]) candidates.emplace_back(value);
  std::vector<VersionCandidate> views;
  for (const auto& c : candidates) views.push_back(c.view());
  auto prereleases = optional_bool(item, "prereleases");
  std::vector<std::size_t> kept;
  if (item["class"] == "Specifier") {
    auto spec = Specifier::parse(item["specifier"].get<std::string>());
    if (!spec) return "does not parse";
    spec->set_prereleases(optional_bool(item, "spec_prereleases"));
    kept = spec->filter_indices(views, prereleases);
  } else {
    auto set = SpecifierSet::parse(item["specifier"].get<std::string>());
    if (!set) return "does not parse";
    set->set_prereleases(optional_bool(item, "spec_prereleases"));
    kept = set->filter_indices(views, prereleases);
  }
  json got = json::array();
  for (std::size_t index : kept) got.push_back(item["input"][index]);
  return mismatch(got, item["expected"]);
}

std::string check_requirement_parse(const json& item) {
  auto r = Requirement::parse(item["requirement"].get<std::string>());
  if (!r) return "does not parse: " + r.error().message;
  const json& expected = item["expected"];
  if (r->name != expected["name"]) return mismatch(r->name, expected["name"]);
  if (json(r->extras) != expected["extras"]) return mismatch(r->extras, expected["extras"]);
  json url = r->url ? json(*r->url) : json(nullptr);
  if (url != expected["url"]) return mismatch(url, expected["url"]);
  auto specifier = SpecifierSet::parse(expected["specifier"].get<std::string>());
  if (!specifier || !(*specifier == r->specifier)) return mismatch(r->specifier.to_string(), expected["specifier"]);
  json marker = r->marker ? json(r->marker->to_string()) : json(nullptr);
  if (expected["marker"].is_null() != !r->marker) return mismatch(marker, expected["marker"]);
  if (expected["marker"].is_null()) return "";
  auto expected_marker = Marker::parse(expected["marker"].get<std::string>());
  if (!expected_marker || !(*expected_marker == *r->marker)) return mismatch(marker, expected["marker"]);
  return "";
}

std::string check_marker_evaluate(const json& item) {
  auto marker = Marker::parse(item["marker"].get<std::string>());
  if (!marker) return "does not parse: " + marker.error().message;
  auto result = marker->evaluate(evaluation_environment(item));
  const json& expected = item["expected"];
  if (expected.is_string()) return result ? "got " + json(*result).dump() + ", expected " + expected.dump() : "";
  if (!result) return "error `" + result.error().message + "`, expected " + expected.dump();
  return mismatch(*result, expected);
}

}  // namespace

TEST_CASE("every version vector of packaging passes", "[packaging][pep-vectors]") {
  run_vectors("version_valid.json", [](const json& item) {
    return mismatch(Version::parse(item["version"].get<std::string>()).has_value(), item["valid"]);
  });
  run_vectors("version_normalize.json", [](const json& item) {
    auto v = Version::parse(item["input"].get<std::string>());
    return v ? mismatch(v->to_string(), item["normalized"]) : "does not parse";
  });
  run_vectors("version_properties.json", [](const json& item) {
    auto v = Version::parse(item["version"].get<std::string>());
    return v ? mismatch(version_property(*v, item["property"]), item["expected"]) : "does not parse";
  });
  run_vectors("version_compare.json", [](const json& item) {
    auto left = Version::parse(item["left"].get<std::string>());
    auto right = Version::parse(item["right"].get<std::string>());
    if (!left || !right) return std::string("does not parse");
    auto order = *left <=> *right;
    return mismatch(order < 0 ? -1 : order > 0 ? 1 : 0, item["expected"]);
  });
}

TEST_CASE("every specifier vector of packaging passes", "[packaging][pep-vectors]") {
  run_vectors("specifier_valid.json", [](const json& item) {
    std::string text = item["specifier"];
    bool valid = item["class"] == "Specifier" ? Specifier::parse(text).has_value() : SpecifierSet::parse(text).has_value();
    return mismatch(valid, item["valid"]);
  });
  run_vectors("specifier_str.json", [](const json& item) {
    std::string text = item["specifier"];
    if (item["class"] == "Specifier") return mismatch(Specifier::parse(text)->to_string(), item["expected"]);
    return mismatch(SpecifierSet::parse(text)->to_string(), item["expected"]);
  });
  run_vectors("specifier_parts.json", [](const json& item) {
    std::string text = item["specifier"];
    if (item["class"] == "Specifier") {
      auto s = Specifier::parse(text);
      return mismatch(json{{"operator", operator_text(s->op())}, {"version", s->version_text()}}, item["expected"]);
    }
    std::vector<std::string> items;
    auto set = SpecifierSet::parse(text);
    for (const auto& s : set->specifiers()) items.push_back(s.to_string());
    std::sort(items.begin(), items.end());
    return mismatch(json{{"items", items}}, item["expected"]);
  });
  run_vectors("specifier_prereleases_attr.json", [](const json& item) {
    return mismatch(Specifier::parse(item["specifier"].get<std::string>())->prereleases(), item["expected"]);
  });
  run_vectors("specifier_contains.json", check_specifier_contains);
  run_vectors("specifier_contains_generated.json", check_specifier_contains);
  run_vectors("specifier_filter.json", check_specifier_filter);
  run_vectors("specifierset_satisfiable.json", [](const json& item) {
    auto set = SpecifierSet::parse(item["specifier"].get<std::string>());
    if (!set) return std::string("does not parse");
    set->set_prereleases(optional_bool(item, "spec_prereleases"));
    return mismatch(!set->is_unsatisfiable(), item["expected"]);
  });
  run_vectors("specifierset_relations.json", [](const json& item) {
    auto left = SpecifierSet::parse(item["left"].get<std::string>());
    auto right = SpecifierSet::parse(item["right"].get<std::string>());
    std::string relation = item["relation"];
    bool got = relation == "is_subset"     ? left->is_subset(*right)
               : relation == "is_superset" ? left->is_superset(*right)
                                           : left->is_disjoint(*right);
    return mismatch(got, item["expected"]);
  });
}

TEST_CASE("every marker vector of packaging passes", "[packaging][pep-vectors]") {
  run_vectors("marker_valid.json", [](const json& item) {
    return mismatch(Marker::parse(item["marker"].get<std::string>()).has_value(), item["valid"]);
  });
  run_vectors("marker_str.json", [](const json& item) {
    auto marker = Marker::parse(item["marker"].get<std::string>());
    return marker ? mismatch(marker->to_string(), item["expected"]) : "does not parse";
  });
  run_vectors("marker_evaluate.json", check_marker_evaluate);
  run_vectors("marker_evaluate_generated.json", check_marker_evaluate);
}

TEST_CASE("every requirement vector of packaging passes", "[packaging][pep-vectors]") {
  run_vectors("requirement_parse.json", check_requirement_parse);
  run_vectors("requirement_valid.json", [](const json& item) {
    return mismatch(Requirement::parse(item["requirement"].get<std::string>()).has_value(), item["valid"]);
  });
  run_vectors("requirement_str.json", [](const json& item) {
    auto r = Requirement::parse(item["requirement"].get<std::string>());
    return r ? mismatch(r->to_string(), item["expected"]) : "does not parse: " + r.error().message;
  });
  run_vectors("requirement_equality.json", [](const json& item) {
    auto left = Requirement::parse(item["left"].get<std::string>());
    auto right = Requirement::parse(item["right"].get<std::string>());
    if (!left || !right) return std::string("does not parse");
    return mismatch(*left == *right, item["equal"]);
  });
}

// Parsers for the match and run keys of each unit type (thoth.md §1.5), following upstream's schema
// (thoth-station/adviser prescription/v1/schema.py). Upstream accepts some combinations it never
// acts on; we keep those loadable and warn (docs/prescriptions.md, "Warnings").
#include "prescriptions/parse.hpp"

namespace thoth::prescriptions {
namespace {

using Visit = std::function<void(const YamlNode&, const std::string&)>;

// Checks the unit's top-level keys: `match`/`run` allowed or required depending on the type.
bool check_unit_keys(Reader& r, const YamlNode& node, bool match_required, bool run_required) {
  if (match_required && run_required) {
    return r.check_map(node, "", {"name", "type", "should_include", "metadata", "match", "run"},
                       {"name", "type", "should_include", "match", "run"});
  }
  if (match_required) {
    return r.check_map(node, "", {"name", "type", "should_include", "metadata", "match", "run"},
                       {"name", "type", "should_include", "match"});
  }
  if (run_required) {
    return r.check_map(node, "", {"name", "type", "should_include", "metadata", "match", "run"},
                       {"name", "type", "should_include", "run"});
  }
  return r.check_map(node, "", {"name", "type", "should_include", "metadata", "match", "run"},
                     {"name", "type", "should_include"});
}

void each_match(Reader& r, const YamlNode& unit, const Visit& visit) {
  if (const auto* match = r.child(unit, "match")) r.for_each_entry(*match, "match", visit);
}

}  // namespace

const YamlNode* run_node(Reader& r, const YamlNode& unit, KeyList allowed, KeyList required) {
  static const YamlNode kEmptyMap = [] {
    YamlNode empty;
    empty.kind = YamlKind::Map;
    return empty;
  }();
  const YamlNode* run = r.child(unit, "run");
  if (run == nullptr) return &kEmptyMap;
  if (!r.check_map(*run, "run", allowed, required)) return nullptr;
  return run;
}

namespace {

std::optional<std::string> optional_string(Reader& r, const YamlNode& map, std::string_view key, const std::string& path) {
  if (const auto* n = r.child(map, key)) return r.read_string(*n, key_path(path, key));
  return std::nullopt;
}

bool optional_bool(Reader& r, const YamlNode& map, std::string_view key, const std::string& path) {
  if (const auto* n = r.child(map, key)) return r.read_bool(*n, key_path(path, key)).value_or(false);
  return false;
}

// Reports two run keys that upstream's schema forbids together.
void exclusive(Reader& r, const YamlNode& run, std::string_view first, std::string_view second) {
  if (r.child(run, first) != nullptr && r.child(run, second) != nullptr) {
    r.error(*r.child(run, second), key_path("run", second),
            "expected at most one of `" + std::string(first) + "` and `" + std::string(second) + "`, found both");
  }
}

std::optional<double> read_score(Reader& r, const YamlNode& run) {
  const auto* n = r.child(run, "score");
  if (n == nullptr) return std::nullopt;
  auto score = r.read_float(*n, "run.score");
  if (score && (*score < -1.0 || *score > 1.0)) {
    r.warn(WarningKind::ScoreOutOfRange, *n, "run.score", "score " + n->text + " is outside [-1, 1]; upstream clamps it");
  }
  if (score && r.child(run, "not_acceptable") != nullptr) {
    r.warn(WarningKind::IgnoredRunKey, *n, "run.score", "score is ignored: `not_acceptable` forbids the transition");
  }
  return score;
}

std::optional<StepMatch> parse_step_match(Reader& r, const YamlNode& node, const std::string& path) {
  if (!r.check_map(node, path, {"package_version", "state"}, {"package_version"})) return std::nullopt;
  StepMatch match;
  auto package = parse_package_version(r, *r.child(node, "package_version"), key_path(path, "package_version"),
                                       NameRule::Optional);
  if (!package) return std::nullopt;
  match.package_version = std::move(*package);
  if (const auto* state = r.child(node, "state")) {
    match.state = parse_state(r, *state, key_path(path, "state"), true);
    if (!match.state) return std::nullopt;
  }
  return match;
}

std::vector<StepMatch> parse_step_matches(Reader& r, const YamlNode& unit) {
  std::vector<StepMatch> matches;
  each_match(r, unit, [&](const YamlNode& entry, const std::string& path) {
    if (auto match = parse_step_match(r, entry, path)) matches.push_back(std::move(*match));
  });
  return matches;
}

// match entries `{package_version: {...}}` (sieve, pseudonym).
std::vector<PackageVersionMatch> parse_package_matches(Reader& r, const YamlNode& unit, NameRule rule) {
  std::vector<PackageVersionMatch> matches;
  each_match(r, unit, [&](const YamlNode& entry, const std::string& path) {
    if (!r.check_map(entry, path, {"package_version"}, {"package_version"})) return;
    auto package = parse_package_version(r, *r.child(entry, "package_version"), key_path(path, "package_version"), rule);
    if (package) matches.push_back(std::move(*package));
  });
  return matches;
}

Unit parse_boot(Reader& r, const YamlNode& node, UnitHeader header) {
  BootUnit unit;
  unit.header = std::move(header);
  each_match(r, node, [&](const YamlNode& entry, const std::string& path) {
    if (!r.check_map(entry, path, {"package_name"})) return;
    unit.match.push_back(BootMatch{optional_string(r, entry, "package_name", path)});
  });
  if (const auto* run = run_node(r, node, {"not_acceptable", "eager_stop_pipeline", "stack_info", "log"})) {
    unit.run.not_acceptable = optional_string(r, *run, "not_acceptable", "run");
    unit.run.eager_stop_pipeline = optional_string(r, *run, "eager_stop_pipeline", "run");
    exclusive(r, *run, "not_acceptable", "eager_stop_pipeline");
    parse_run_common(r, *run, "run", unit.run);
  }
  return unit;
}

std::optional<LockedPackageVersion> parse_locked(Reader& r, const YamlNode& node, const std::string& path,
                                                 bool all_required) {
  bool keys_ok = all_required ? r.check_map(node, path, {"name", "locked_version", "index_url", "develop"},
                                            {"name", "locked_version", "index_url", "develop"})
                              : r.check_map(node, path, {"name", "locked_version", "index_url"}, {"name"});
  if (!keys_ok) return std::nullopt;
  LockedPackageVersion locked;
  locked.name = r.read_package_name(*r.child(node, "name"), key_path(path, "name")).value_or("");
  if (const auto* n = r.child(node, "locked_version")) {
    locked.locked_version = r.read_string(*n, key_path(path, "locked_version"));
    if (locked.locked_version && !locked.locked_version->starts_with("==")) {
      r.error(*n, key_path(path, "locked_version"), "expected a locked version such as `==1.0.0`, found `" + n->text + "`");
    }
  }
  locked.index_url = optional_string(r, node, "index_url", path);
  if (const auto* n = r.child(node, "develop")) locked.develop = r.read_bool(*n, key_path(path, "develop"));
  return locked;
}

Unit parse_pseudonym(Reader& r, const YamlNode& node, UnitHeader header) {
  PseudonymUnit unit;
  unit.header = std::move(header);
  unit.match = parse_package_matches(r, node, NameRule::Required);
  const auto* run = run_node(r, node, {"yield", "stack_info", "log"}, {"yield"});
  if (run == nullptr) return unit;
  const YamlNode& yield = *r.child(*run, "yield");
  if (r.check_map(yield, "run.yield", {"yield_matched_version", "package_version"}, {"package_version"})) {
    unit.run.yield_matched_version = optional_bool(r, yield, "yield_matched_version", "run.yield");
    auto locked = parse_locked(r, *r.child(yield, "package_version"), "run.yield.package_version", false);
    if (locked) unit.run.yielded = std::move(*locked);
    if (unit.run.yield_matched_version && unit.run.yielded.locked_version) {
      r.error(yield, "run.yield", "expected either `yield_matched_version: true` or `package_version.locked_version`, found both");
    }
  }
  parse_run_common(r, *run, "run", unit.run);
  return unit;
}

Unit parse_sieve(Reader& r, const YamlNode& node, UnitHeader header) {
  SieveUnit unit;
  unit.header = std::move(header);
  unit.match = parse_package_matches(r, node, NameRule::Optional);
  if (const auto* run = run_node(r, node, {"stack_info", "log"})) parse_run_common(r, *run, "run", unit.run);
  return unit;
}

Unit parse_skip_package_sieve(Reader& r, const YamlNode& node, UnitHeader header) {
  SkipPackageSieveUnit unit;
  unit.header = std::move(header);
  each_match(r, node, [&](const YamlNode& entry, const std::string& path) {
    if (!r.check_map(entry, path, {"package_name"}, {"package_name"})) return;
    auto name = r.read_package_name(*r.child(entry, "package_name"), key_path(path, "package_name"));
    if (name) unit.package_names.push_back(std::move(*name));
  });
  if (const auto* run = run_node(r, node, {"stack_info", "log"})) parse_run_common(r, *run, "run", unit.run);
  return unit;
}

Unit parse_step(Reader& r, const YamlNode& node, UnitHeader header) {
  StepUnit unit;
  unit.header = std::move(header);
  unit.match = parse_step_matches(r, node);
  const auto* run = run_node(r, node, {"score", "justification", "not_acceptable", "eager_stop_pipeline",
                                       "multi_package_resolution", "stack_info", "log"});
  if (run == nullptr) return unit;
  unit.run.score = read_score(r, *run);
  if (const auto* n = r.child(*run, "justification")) unit.run.justification = parse_justifications(r, *n, "run.justification");
  unit.run.not_acceptable = optional_string(r, *run, "not_acceptable", "run");
  unit.run.eager_stop_pipeline = optional_string(r, *run, "eager_stop_pipeline", "run");
  unit.run.multi_package_resolution = optional_bool(r, *run, "multi_package_resolution", "run");
  exclusive(r, *run, "score", "eager_stop_pipeline");
  exclusive(r, *run, "justification", "not_acceptable");
  parse_run_common(r, *run, "run", unit.run);
  return unit;
}

Unit parse_skip_package_step(Reader& r, const YamlNode& node, UnitHeader header) {
  SkipPackageStepUnit unit;
  unit.header = std::move(header);
  const YamlNode& match = *r.child(node, "match");
  if (match.kind != YamlKind::Map) {
    r.error(match, "match", "expected a mapping (step.SkipPackage takes one match entry), found " + describe(match));
  } else if (auto entry = parse_step_match(r, match, "match")) {
    unit.match.push_back(std::move(*entry));
  }
  if (const auto* run = run_node(r, node, {"multi_package_resolution", "stack_info", "log"})) {
    unit.run.multi_package_resolution = optional_bool(r, *run, "multi_package_resolution", "run");
    parse_run_common(r, *run, "run", unit.run);
  }
  return unit;
}

Unit parse_add_package_step(Reader& r, const YamlNode& node, UnitHeader header) {
  AddPackageStepUnit unit;
  unit.header = std::move(header);
  unit.match = parse_step_matches(r, node);
  const auto* run = run_node(r, node, {"package_version", "multi_package_resolution", "stack_info", "log"},
                             {"package_version"});
  if (run == nullptr) return unit;
  auto locked = parse_locked(r, *r.child(*run, "package_version"), "run.package_version", true);
  if (locked) unit.run.package_version = std::move(*locked);
  unit.run.multi_package_resolution = optional_bool(r, *run, "multi_package_resolution", "run");
  parse_run_common(r, *run, "run", unit.run);
  return unit;
}

Unit parse_group_step(Reader& r, const YamlNode& node, UnitHeader header) {
  GroupStepUnit unit;
  unit.header = std::move(header);
  each_match(r, node, [&](const YamlNode& entry, const std::string& path) {
    if (!r.check_map(entry, path, {"group"}, {"group"})) return;
    std::vector<PackageVersionMatch> group;
    r.for_each_item(*r.child(entry, "group"), key_path(path, "group"), 2, [&](const YamlNode& item, const std::string& p) {
      if (!r.check_map(item, p, {"package_version"}, {"package_version"})) return;
      auto package = parse_package_version(r, *r.child(item, "package_version"), key_path(p, "package_version"),
                                           NameRule::Required);
      if (package) group.push_back(std::move(*package));
    });
    unit.groups.push_back(std::move(group));
  });
  const auto* run = run_node(r, node, {"score", "justification", "not_acceptable", "eager_stop_pipeline", "stack_info",
                                       "log"});
  if (run == nullptr) return unit;
  unit.run.score = read_score(r, *run);
  if (const auto* n = r.child(*run, "justification")) unit.run.justification = parse_justifications(r, *n, "run.justification");
  unit.run.not_acceptable = optional_string(r, *run, "not_acceptable", "run");
  unit.run.eager_stop_pipeline = optional_string(r, *run, "eager_stop_pipeline", "run");
  exclusive(r, *run, "score", "eager_stop_pipeline");
  exclusive(r, *run, "justification", "not_acceptable");
  parse_run_common(r, *run, "run", unit.run);
  return unit;
}

}  // namespace

std::vector<StateMatch> parse_state_matches(Reader& r, const YamlNode& unit, bool state_required) {
  std::vector<StateMatch> matches;
  each_match(r, unit, [&](const YamlNode& entry, const std::string& path) {
    bool keys_ok = state_required ? r.check_map(entry, path, {"state"}, {"state"}) : r.check_map(entry, path, {"state"});
    if (!keys_ok) return;
    const YamlNode* state = r.child(entry, "state");
    if (state == nullptr) {
      matches.emplace_back();
    } else if (auto parsed = parse_state(r, *state, key_path(path, "state"), false)) {
      matches.push_back(std::move(*parsed));
    }
  });
  return matches;
}

namespace {

Unit parse_stride(Reader& r, const YamlNode& node, UnitHeader header) {
  StrideUnit unit;
  unit.header = std::move(header);
  unit.match = parse_state_matches(r, node, true);
  if (const auto* run = run_node(r, node, {"not_acceptable", "eager_stop_pipeline", "stack_info", "log"})) {
    unit.run.not_acceptable = optional_string(r, *run, "not_acceptable", "run");
    unit.run.eager_stop_pipeline = optional_string(r, *run, "eager_stop_pipeline", "run");
    exclusive(r, *run, "not_acceptable", "eager_stop_pipeline");
    parse_run_common(r, *run, "run", unit.run);
  }
  return unit;
}

}  // namespace

std::optional<Unit> parse_unit(Reader& r, const YamlNode& node, UnitType type, UnitHeader header) {
  std::size_t before = r.error_count();
  bool match_required = type != UnitType::Boot && type != UnitType::Wrap;
  bool run_required = type != UnitType::Sieve && type != UnitType::SkipPackageSieve && type != UnitType::SkipPackageStep;
  if (!check_unit_keys(r, node, match_required, run_required)) return std::nullopt;
  Unit unit = [&]() -> Unit {
    switch (type) {
      case UnitType::Boot: return parse_boot(r, node, std::move(header));
      case UnitType::Pseudonym: return parse_pseudonym(r, node, std::move(header));
      case UnitType::Sieve: return parse_sieve(r, node, std::move(header));
      case UnitType::SkipPackageSieve: return parse_skip_package_sieve(r, node, std::move(header));
      case UnitType::Step: return parse_step(r, node, std::move(header));
      case UnitType::SkipPackageStep: return parse_skip_package_step(r, node, std::move(header));
      case UnitType::AddPackageStep: return parse_add_package_step(r, node, std::move(header));
      case UnitType::GroupStep: return parse_group_step(r, node, std::move(header));
      case UnitType::Stride: return parse_stride(r, node, std::move(header));
      case UnitType::Wrap: return parse_wrap(r, node, std::move(header));
      case UnitType::GHReleaseNotesWrap: return parse_gh_release_notes(r, node, std::move(header));
    }
    return parse_wrap(r, node, std::move(header));
  }();
  if (r.error_count() != before) return std::nullopt;
  return unit;
}

}  // namespace thoth::prescriptions

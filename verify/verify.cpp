// The independent lock verifier: re-checks a finished lock with packaging/ semantics only (PEP 440
// specifiers, PEP 508 markers and extras, PEP 592 yanking, the PEP 440 pre-release rules), never
// with the encoder's clauses, so that an encoding bug cannot hide behind itself (the role of
// CaDiCaL's dimocheck or PubGrub's SatResolve). It walks the lock from the roots through every
// requirement whose marker holds, evaluating each release's markers once with extra = "" and once
// per extra requested of it, and reports every rule a pin breaks as one readable line.
#include "verify/verify.hpp"

#include <optional>
#include <set>
#include <utility>

#include "packaging/name.hpp"
#include "verify/installability.hpp"

namespace thoth::verify {
namespace {

using packaging::Requirement;
using packaging::Version;

// A pin with what the index says about it (release is null when the index lacks it).
struct PinnedRelease {
  std::string version_text;
  std::optional<Version> version;
  const index::Release* release = nullptr;
};

// A requirement whose marker holds, and who asked for it ("root" or "name==version").
struct AppliedRequirement {
  Requirement requirement;
  std::string required_by;
};

std::string pin_label(const std::string& name, const PinnedRelease& pin) { return name + "==" + pin.version_text; }

const index::Release* find_release(const index::Project& project, const Version& version) {
  for (const auto& release : project.releases) {
    if (release.version == version) return &release;
  }
  return nullptr;
}

// `==V` (without wildcard) or `===V`: the PEP 592 way to ask for a yanked release on purpose.
bool pins_exactly(const Requirement& requirement, const PinnedRelease& pin) {
  for (const auto& specifier : requirement.specifier.specifiers()) {
    bool exact_operator = specifier.op() == packaging::Operator::ArbitraryEqual ||
                          (specifier.op() == packaging::Operator::Equal && !specifier.has_wildcard());
    if (!exact_operator) continue;
    if (specifier.op() == packaging::Operator::ArbitraryEqual && specifier.contains(pin.version_text, true))
      return true;
    if (pin.version && specifier.contains(*pin.version, true)) return true;
  }
  return false;
}

class LockChecker {
 public:
  LockChecker(const LockToCheck& lock, index::PackageSource& source)
      : m_lock(lock), m_source(source), m_markers(lock.environment.marker_environment()),
        m_installability(lock.environment) {}

  std::vector<std::string> run() {
    load_pins();
    for (const auto& root : m_lock.roots) {
      if (marker_holds(root, "")) apply(root, "root");
    }
    drain_queue();
    check_requires_python();
    check_installable();
    check_yanked();
    check_prereleases();
    check_constraints();
    check_extraneous();
    return m_violations;
  }

 private:
  void report(std::string line) {
    if (m_reported.insert(line).second) m_violations.push_back(std::move(line));
  }

  // Looks every pin up in the index; unknown packages and releases are violations.
  void load_pins() {
    for (const auto& [written_name, version_text] : m_lock.pins) {
      std::string name = packaging::canonicalize_name(written_name);
      PinnedRelease pin{.version_text = version_text, .version = std::nullopt, .release = nullptr};
      if (auto parsed = Version::parse(version_text))
        pin.version = *parsed;
      else
        report("pin " + name + "==" + version_text + ": expected a PEP 440 version, found `" + version_text + "`");
      const index::Project* project = m_source.find(name);
      if (project == nullptr) {
        report("pin " + name + "==" + version_text + ": package " + name + " is not in the index");
      } else if (pin.version) {
        pin.release = find_release(*project, *pin.version);
        if (pin.release == nullptr) {
          report("pin " + name + "==" + version_text + ": the index has no release " + version_text + " of " + name);
        }
      }
      m_pins.emplace(name, std::move(pin));
    }
  }

  // PEP 508 marker evaluation with the target environment and `extra`; a marker that cannot be
  // evaluated (undefined comparison) counts as not holding.
  bool marker_holds(const Requirement& requirement, const std::string& extra) const {
    if (!requirement.marker) return true;
    packaging::MarkerEnvironment env = m_markers;
    env["extra"] = extra;
    auto holds = requirement.marker->evaluate(env);
    return holds.has_value() && *holds;
  }

  // One applicable requirement: its target must be pinned and satisfied; its extras are expanded.
  void apply(const Requirement& requirement, const std::string& required_by) {
    std::string name = requirement.canonical_name();
    m_requirements_on[name].push_back({requirement, required_by});
    auto pin = m_pins.find(name);
    if (pin == m_pins.end()) {
      report(required_by + " requires `" + requirement.to_string() + "` but " + name + " is not pinned");
      return;
    }
    bool checkable = pin->second.version && !requirement.url;
    if (checkable && !requirement.specifier.contains(*pin->second.version, true)) {
      report(required_by + " requires `" + requirement.to_string() + "` but the lock pins " +
             pin_label(name, pin->second));
    }
    enqueue(name, "");
    for (const auto& extra : requirement.extras) enqueue(name, packaging::canonicalize_extra(extra));
  }

  void enqueue(const std::string& name, const std::string& extra) {
    if (m_expanded.insert({name, extra}).second) m_queue.emplace_back(name, extra);
  }

  // Applies the requirements of each reached (pin, extra) until nothing new is reached.
  void drain_queue() {
    for (std::size_t next = 0; next < m_queue.size(); ++next) {
      auto [name, extra] = m_queue[next];
      const PinnedRelease& pin = m_pins.at(name);
      if (pin.release == nullptr) continue;
      std::string label = pin_label(name, pin) + (extra.empty() ? "" : " (extra " + extra + ")");
      for (const auto& dependency : pin.release->requires_dist) {
        if (marker_holds(dependency, extra)) apply(dependency, label);
      }
    }
  }

  bool reached(const std::string& name) const { return m_expanded.count({name, ""}) > 0; }

  void check_requires_python() {
    Version python = m_lock.environment.python();
    for (const auto& [name, pin] : m_pins) {
      if (pin.release == nullptr || !pin.release->requires_python) continue;
      if (!pin.release->requires_python->contains(python, true)) {
        report(pin_label(name, pin) + " requires Python `" + pin.release->requires_python->to_string() +
               "`, which excludes the target Python " + python.to_string());
      }
    }
  }

  // Some file of the pinned release installs in the target (wheel tags, sdists and --only-binary,
  // ABI symbols, CUDA/cuDNN/CPU needs, +cuXY labels), by the verifier's own check.
  void check_installable() {
    for (const auto& [name, pin] : m_pins) {
      if (pin.release == nullptr) continue;
      if (auto problem = m_installability.problem(name, *pin.release))
        report(pin_label(name, pin) + " does not install in the target environment: " + *problem);
    }
  }

  void check_yanked() {
    for (const auto& [name, pin] : m_pins) {
      if (pin.release == nullptr || !pin.release->yanked) continue;
      bool asked_for = false;
      for (const auto& applied : m_requirements_on[name])
        asked_for = asked_for || pins_exactly(applied.requirement, pin);
      if (asked_for) continue;
      std::string reason = pin.release->yanked_reason.empty() ? "" : " (" + pin.release->yanked_reason + ")";
      report(pin_label(name, pin) + " is yanked" + reason + " and no requirement pins it with == or ===");
    }
  }

  // Could a final (non-pre-release, non-yanked, Python-compatible) release of `name` satisfy every
  // applicable requirement on it? When none can, PEP 440 lets a pre-release through.
  bool final_release_fits(const std::string& name) {
    const index::Project* project = m_source.find(name);
    if (project == nullptr) return false;
    Version python = m_lock.environment.python();
    for (const auto& release : project->releases) {
      if (release.version.is_prerelease() || release.yanked) continue;
      if (release.requires_python && !release.requires_python->contains(python, true)) continue;
      if (m_installability.problem(name, release)) continue;
      bool fits = true;
      for (const auto& applied : m_requirements_on[name]) {
        fits = fits && applied.requirement.specifier.contains(release.version, true);
      }
      for (const Requirement& constraint : m_lock.constraints)  // pip merges constraints into the specifier
        if (constraint.canonical_name() == name && marker_holds(constraint, ""))
          fits = fits && constraint.specifier.contains(release.version, true);
      if (fits) return true;
    }
    return false;
  }

  void check_prereleases() {
    if (m_lock.allow_prereleases) return;
    for (const auto& [name, pin] : m_pins) {
      if (!pin.version || !pin.version->is_prerelease() || !reached(name)) continue;
      bool requested = false;
      for (const auto& applied : m_requirements_on[name])
        requested = requested || applied.requirement.specifier.prereleases();
      if (requested || !final_release_fits(name)) continue;
      report(pin_label(name, pin) +
             " is a pre-release, but pre-releases are not allowed, no requirement on it admits them, "
             "and a final release satisfies its requirements");
    }
  }

  void check_constraints() {
    for (const Requirement& constraint : m_lock.constraints) {
      auto pin = m_pins.find(constraint.canonical_name());
      if (pin == m_pins.end() || !pin->second.version || !marker_holds(constraint, "")) continue;
      if (!constraint.specifier.contains(*pin->second.version, true))
        report(pin_label(pin->first, pin->second) + " violates the constraint `" + constraint.to_string() + "`");
    }
  }

  void check_extraneous() {
    for (const auto& [name, pin] : m_pins) {
      if (!reached(name))
        report(pin_label(name, pin) + " is extraneous: no applicable requirement reaches it from the roots");
    }
  }

  const LockToCheck& m_lock;
  index::PackageSource& m_source;
  packaging::MarkerEnvironment m_markers;
  Installability m_installability;
  std::map<std::string, PinnedRelease> m_pins;                               // canonical name -> pin
  std::map<std::string, std::vector<AppliedRequirement>> m_requirements_on;  // canonical name -> requirements
  std::set<std::pair<std::string, std::string>> m_expanded;                  // (name, extra) reached
  std::vector<std::pair<std::string, std::string>> m_queue;                  // in the order reached
  std::vector<std::string> m_violations;
  std::set<std::string> m_reported;
};

}  // namespace

std::vector<std::string> verify_lock(const LockToCheck& lock, index::PackageSource& source) {
  return LockChecker(lock, source).run();
}

}  // namespace thoth::verify

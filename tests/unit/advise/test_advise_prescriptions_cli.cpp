// End-to-end `thoth advise` with prescriptions: --prescriptions and --labels, `.thoth.yaml`'s
// `prescriptions:` list and runtime environment, --recommendation-type, the compact terminal output
// (WARNINGs grouped by package, a count of INFO entries, all with --verbose), the seed's Pillow example,
// and a boot failing the advise with exit code 1. Runs the built binary in a scratch folder.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "env/thoth_config.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class Project {
 public:
  Project() : m_dir(fs::temp_directory_path() / ("thoth-advise-prescriptions-" + std::to_string(::getpid()))) {
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "repo" / "pi_" / "pillow");
    fs::create_directories(m_dir / "repo" / "_generic");
    write("index.json", R"({"pillow": {"8.2.0": {}, "8.3.0": {}}, "numpy": {"1.21.0": {}}})");
    write("repo/pi_/pillow/pillow830.yaml", R"(units:
  steps:
  - name: Pillow830TypeErrorStep
    type: step.Group
    should_include: {adviser_pipeline: true}
    match:
      group:
      - package_version: {name: pillow, version: ==8.3.0, index_url: https://pypi.org/simple}
      - package_version: {name: numpy}
    run:
      not_acceptable: Pillow in version 8.3.0 does not work with NumPy
      stack_info:
      - {type: WARNING, message: Pillow in version 8.3.0 does not work with NumPy, link: "https://github.com/python-pillow/Pillow/issues/5571"}
  wraps:
  - name: PillowInfoWrap
    type: wrap
    should_include: {adviser_pipeline: true}
    match: {state: {resolved_dependencies: [{name: pillow}]}}
    run: {justification: [{type: INFO, message: Pillow is an imaging library, link: pillow_info}]}
)");
    write("repo/_generic/team.yaml", R"(units:
  boots:
  - name: TeamBoot
    type: boot
    should_include: {adviser_pipeline: true, labels: {team: frozen}}
    run:
      not_acceptable: this team may not advise
      stack_info: [{type: ERROR, message: the team is frozen, link: frozen}]
)");
  }
  ~Project() { fs::remove_all(m_dir); }

  void write(const std::string& name, const std::string& text) const { std::ofstream(m_dir / name) << text; }
  const fs::path& dir() const { return m_dir; }

  Run advise(const std::string& arguments) const {
    std::string command = "cd \"" + m_dir.string() + "\" && \"" + THOTH_BINARY + "\" advise --index index.json " +
                          arguments + " > out.txt 2> err.txt";
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(m_dir / "out.txt"), slurp(m_dir / "err.txt")};
  }

 private:
  fs::path m_dir;
};

}  // namespace

TEST_CASE("advise --prescriptions: the Pillow unit, compact output and --verbose", "[advise][prescriptions][cli]") {
  Project project;
  Run run = project.advise("--requirement pillow --requirement numpy --prescriptions repo");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("pillow  8.2.0") != std::string::npos);
  CHECK(run.out.find("WARNING Pillow in version 8.3.0 does not work with NumPy") != std::string::npos);
  CHECK(run.out.find("1 INFO entries (--verbose shows them)") != std::string::npos);
  CHECK(run.out.find("Pillow is an imaging library") == std::string::npos);

  Run verbose = project.advise("--requirement pillow --requirement numpy --prescriptions repo --verbose");
  CHECK(verbose.out.find("  pillow:\n    INFO Pillow is an imaging library (https://thoth-station.ninja/j/pillow_info)") !=
        std::string::npos);

  Run alone = project.advise("--requirement pillow --prescriptions repo");
  REQUIRE(alone.exit_code == 0);
  CHECK(alone.out.find("pillow  8.3.0") != std::string::npos);
  CHECK(alone.out.find("does not work with NumPy") == std::string::npos);
}

TEST_CASE("advise --labels registers a boot whose not_acceptable fails the advise", "[advise][prescriptions][cli]") {
  Project project;
  Run run = project.advise("--requirement pillow --prescriptions repo --labels team=frozen,other=x --json");
  REQUIRE(run.exit_code == 1);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["outcome"] == "unsatisfiable");
  // The minimal core: the request, then the boot (its failure is a forbidden condition).
  REQUIRE(json["conflict"].size() == 2);
  CHECK(json["conflict"][0].get<std::string>().find("`pillow`") != std::string::npos);
  CHECK(json["conflict"][1].get<std::string>().find("thoth.TeamBoot") != std::string::npos);
  CHECK(json["explanation"]["core"][1]["kind"] == "prescription");
  CHECK(json["prescriptions"]["stack_info"][0]["message"] == "the team is frozen");
  CHECK(project.advise("--requirement pillow --prescriptions repo --labels team=open").exit_code == 0);
  CHECK(project.advise("--requirement pillow --labels nonsense").exit_code == 2);
  CHECK(project.advise("--requirement pillow --recommendation-type fastest").exit_code == 2);
}

TEST_CASE(".thoth.yaml gives prescription folders, labels and the recommendation type", "[advise][prescriptions][cli]") {
  Project project;
  project.write("Pipfile", "[packages]\npillow = \"*\"\nnumpy = \"*\"\n");
  project.write(".thoth.yaml", "prescriptions: [repo]\nruntime_environments:\n  - name: dev\n    labels: {team: frozen}\n");
  auto config = thoth::env::parse_thoth_config(slurp(project.dir() / ".thoth.yaml"), ".thoth.yaml");
  REQUIRE(config.has_value());
  CHECK(config->prescriptions == std::vector<std::string>{"repo"});
  Run frozen = project.advise("--pipfile Pipfile --dry-run");
  CHECK(frozen.exit_code == 1);
  CHECK(frozen.err.find("TeamBoot") != std::string::npos);

  project.write(".thoth.yaml", "prescriptions: [repo]\nruntime_environments:\n  - name: dev\n    recommendation_type: latest\n");
  Run latest = project.advise("--pipfile Pipfile --dry-run --json");
  REQUIRE(latest.exit_code == 0);
  auto json = nlohmann::json::parse(latest.out);
  CHECK(json["pins"]["pillow"] == "8.2.0");
  CHECK(json["prescriptions"]["units_registered"] == 2);  // the group and the wrap; the boot needs team=frozen
}

TEST_CASE("advise -r picks the runtime environment whose labels and type the prescriptions see", "[advise][prescriptions][cli]") {
  Project project;
  project.write("Pipfile", "[packages]\npillow = \"*\"\n");
  project.write(".thoth.yaml", "prescriptions: [repo]\nruntime_environments:\n  - name: dev\n    recommendation_type: latest\n"
                               "  - name: ci\n    labels: {team: frozen}\n    recommendation_type: performance\n");
  Run dev = project.advise("--pipfile Pipfile --dry-run --json");  // the first one: no team label
  REQUIRE(dev.exit_code == 0);
  CHECK(nlohmann::json::parse(dev.out)["recommendation_type"] == "latest");
  Run ci = project.advise("--pipfile Pipfile --dry-run -r ci --json");
  CHECK(ci.exit_code == 1);  // the TeamBoot registers on the label of `ci` only
  auto json = nlohmann::json::parse(ci.out);
  CHECK(json["outcome"] == "unsatisfiable");
  CHECK(json["conflict"].dump().find("TeamBoot") != std::string::npos);
  CHECK(json["recommendation_type"] == "performance");  // the type of `ci`, not of the first environment
  Run flag = project.advise("--pipfile Pipfile --dry-run -r ci -t stable --json");  // the flag wins over the file
  CHECK(nlohmann::json::parse(flag.out)["recommendation_type"] == "stable");
}

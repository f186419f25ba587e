// End-to-end tests of `thoth advise` choosing its target: the runtime environment of .thoth.yaml
// beside the Pipfile (first by default, -r NAME), single-field flags overriding it, the environment
// shown in the text report and in --json, the lock listing only installable files' hashes, and the
// every-lock-verified rule on what the binary produced. Runs the built binary in a scratch folder.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "index/snapshot.hpp"
#include "verify/verify.hpp"

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

// A project folder with a Pipfile asking for torch and numpy, a .thoth.yaml with a CPU and a GPU
// machine, and a snapshot whose builds differ by CUDA, glibc and sdist availability.
class Project {
 public:
  Project() : m_path(fs::temp_directory_path() / ("thoth-advise-env-" + std::to_string(::getpid()))) {
    fs::remove_all(m_path);
    fs::create_directories(m_path);
    write("Pipfile", "[packages]\ntorch = \"==2.1.0\"\nnumpy = \"*\"\n\n[requires]\npython_version = \"3.11\"\n");
    write(".thoth.yaml",
          "host: khemenu.thoth-station.ninja\n"
          "runtime_environments:\n"
          "  - name: cpu-box\n"
          "    python_version: \"3.11\"\n"
          "    platform: linux-x86_64\n"
          "    libc: {family: glibc, version: \"2.17\"}\n"
          "  - name: gpu-node\n"
          "    python_version: \"3.12\"\n"
          "    platform: linux-x86_64\n"
          "    libc: {family: glibc, version: \"2.35\"}\n"
          "    cuda_version: \"11.8\"\n");
    nlohmann::json snapshot = {
        {"torch",
         {{"2.1.0+cu118", {{"files", {{{"filename", "torch-2.1.0+cu118-cp312-cp312-linux_x86_64.whl"}, {"hashes", {{"sha256", "c1"}}}},
                                      {{"filename", "torch-2.1.0+cu118-cp311-cp311-linux_x86_64.whl"}, {"hashes", {{"sha256", "c2"}}}}}}}},
          {"2.1.0+cpu", {{"files", {{{"filename", "torch-2.1.0+cpu-cp312-cp312-linux_x86_64.whl"}, {"hashes", {{"sha256", "p1"}}}},
                                    {{"filename", "torch-2.1.0+cpu-cp311-cp311-linux_x86_64.whl"}, {"hashes", {{"sha256", "p2"}}}}}}}}}},
        {"numpy",
         {{"2.0", {{"files", {{{"filename", "numpy-2.0-cp312-cp312-manylinux_2_28_x86_64.whl"}, {"hashes", {{"sha256", "n20w"}}}},
                              {{"filename", "numpy-2.0-cp311-cp311-manylinux_2_28_x86_64.whl"}, {"hashes", {{"sha256", "n20v"}}}}}}}},
          {"1.0", {{"files", {{{"filename", "numpy-1.0-cp311-cp311-manylinux2014_x86_64.whl"}, {"hashes", {{"sha256", "n10w"}}}},
                              {{"filename", "numpy-1.0.tar.gz"}, {"hashes", {{"sha256", "n10s"}}}}}}}}}}};
    write("index.json", snapshot.dump());
  }
  ~Project() { fs::remove_all(m_path); }

  void write(const std::string& name, const std::string& text) const { std::ofstream(m_path / name) << text; }
  [[nodiscard]] fs::path path(const std::string& name) const { return m_path / name; }

  Run advise(const std::string& arguments) const {
    std::string command = std::string("\"") + THOTH_BINARY + "\" advise --pipfile \"" + path("Pipfile").string() +
                          "\" --index \"" + path("index.json").string() + "\" " + arguments + " > \"" +
                          path("out.txt").string() + "\" 2> \"" + path("err.txt").string() + "\"";
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(path("out.txt")), slurp(path("err.txt"))};
  }

  // Runs with --json and checks the lock with the independent verifier in the environment it reports.
  nlohmann::json advise_json(const std::string& arguments, thoth::env::TargetEnvironment environment) const {
    Run run = advise("--json --dry-run " + arguments);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    auto result = nlohmann::json::parse(run.out);
    auto index = thoth::index::load_snapshot(path("index.json"));
    thoth::verify::LockToCheck lock;
    lock.environment = std::move(environment);
    lock.roots = {*thoth::packaging::Requirement::parse("torch==2.1.0"), *thoth::packaging::Requirement::parse("numpy")};
    for (const auto& [name, version] : result["pins"].items()) lock.pins[name] = version.get<std::string>();
    CHECK(thoth::verify::verify_lock(lock, index).empty());
    return result;
  }

 private:
  fs::path m_path;
};

thoth::env::TargetEnvironment machine(const std::string& python, const std::string& glibc, const std::string& cuda) {
  thoth::env::TargetEnvironment environment;
  environment.python_version = python;
  environment.libc_family = "glibc";
  environment.libc_version = glibc;
  environment.cuda_version = cuda;
  return environment;
}

}  // namespace

TEST_CASE("advise resolves for the first runtime environment of .thoth.yaml by default", "[cli][advise][environment]") {
  Project project;
  auto result = project.advise_json("", machine("3.11", "2.17", ""));
  CHECK(result["environment"]["name"] == "cpu-box");
  CHECK(result["environment"]["description"] ==
        "runtime environment `cpu-box` (" + project.path(".thoth.yaml").string() + "): CPython 3.11.0 on linux-x86_64, glibc 2.17");
  CHECK(result["pins"] == nlohmann::json({{"numpy", "1.0"}, {"torch", "2.1.0+cpu"}}));
  // Only the files that install on cpu-box are hashed in the lock.
  CHECK(result["lock"]["default"]["torch"]["hashes"] == nlohmann::json({"sha256:p2"}));
  CHECK(result["lock"]["default"]["numpy"]["hashes"] == nlohmann::json({"sha256:n10s", "sha256:n10w"}));

  Run text = project.advise("--dry-run");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Resolved for runtime environment `cpu-box`") == 0);
}

TEST_CASE("advise -r picks another runtime environment and says so", "[cli][advise][environment]") {
  Project project;
  auto result = project.advise_json("-r gpu-node", machine("3.12", "2.35", "11.8"));
  CHECK(result["environment"]["name"] == "gpu-node");
  CHECK(result["environment"]["cuda_version"] == "11.8");
  CHECK(result["pins"] == nlohmann::json({{"numpy", "2.0"}, {"torch", "2.1.0+cu118"}}));
  CHECK(result["environment"]["notes"] ==
        nlohmann::json({"the Pipfile asks for Python 3.11; runtime environment `gpu-node` has 3.12, which is used"}));
  CHECK(result["lock"]["default"]["torch"]["hashes"] == nlohmann::json({"sha256:c1"}));
}

TEST_CASE("flags override single fields of the runtime environment", "[cli][advise][environment]") {
  Project project;
  auto no_cuda = project.advise_json("--runtime-environment gpu-node --cuda-version none --libc glibc-2.17",
                                     machine("3.12", "2.17", ""));
  CHECK(no_cuda["environment"]["name"] == "gpu-node");
  CHECK(no_cuda["pins"]["torch"] == "2.1.0+cpu");
  // numpy 2.0 needs glibc 2.28, and 1.0 has no cp312 wheel and an sdist only: built on the target.
  CHECK(no_cuda["pins"]["numpy"] == "1.0");
  CHECK(no_cuda["packages"][0]["files"] == nlohmann::json({"numpy-1.0.tar.gz"}));

  Run run = project.advise("--dry-run -r gpu-node --cuda-version none --libc glibc-2.17 --only-binary NumPy");
  CHECK(run.exit_code == 1);  // numpy has no installable file left
  CHECK(run.err.find("no lock satisfies the request") != std::string::npos);
}

TEST_CASE("advise rejects an unknown runtime environment and a missing .thoth.yaml with exit code 2", "[cli][advise][environment]") {
  Project project;
  Run unknown = project.advise("-r nowhere --dry-run");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("expected a runtime environment named `nowhere`, found only cpu-box, gpu-node") != std::string::npos);

  fs::remove(project.path(".thoth.yaml"));
  Run missing = project.advise("-r gpu-node --dry-run");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("expected a .thoth.yaml to pick runtime environment `gpu-node` from") != std::string::npos);

  Run plain = project.advise("--dry-run --python-version 3.11");
  CHECK(plain.exit_code == 0);
  CHECK(plain.out.find("Resolved for CPython 3.11.0 on linux-x86_64 (no .thoth.yaml runtime environment)") == 0);

  Run bad_flag = project.advise("--dry-run --libc libc6");
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.err.find("--libc: expected glibc-X.Y, musl-X.Y or none, found `libc6`") != std::string::npos);
}

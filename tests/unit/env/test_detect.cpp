// Host detection on fake machines built in a temporary folder: a GPU + CUDA host, a CPU-only glibc
// host, Alpine (musl), a host without /proc, a minimal container, a macOS-like host, a GPU host
// without a CUDA toolkit and an old CUDA 10.2 host (version.txt, cudnn.h). Detection must find what
// is there, name what is not, and never stop; what it finds must steer the artifact filter.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "encoder/artifacts.hpp"
#include "env/detect.hpp"
#include "env/tags.hpp"
#include "index/snapshot.hpp"

namespace fs = std::filesystem;
using thoth::env::detect_host;
using thoth::env::DetectionReport;

namespace {

// A fake root folder, removed again at the end of the test.
class FakeHost {
 public:
  explicit FakeHost(const std::string& name)
      : m_root(fs::temp_directory_path() / ("thoth-env-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(m_root);
    fs::create_directories(m_root);
  }
  ~FakeHost() { fs::remove_all(m_root); }
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  FakeHost& file(const std::string& inside, const std::string& content = "") {
    fs::path path = m_root / fs::path(inside).relative_path();
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return *this;
  }
  FakeHost& symlink(const std::string& inside, const std::string& target) {
    fs::path path = m_root / fs::path(inside).relative_path();
    fs::create_directories(path.parent_path());
    fs::create_symlink(target, path);
    return *this;
  }
  [[nodiscard]] DetectionReport detect(std::optional<thoth::env::InterpreterReport> interpreter = std::nullopt) const {
    return detect_host({.root = m_root, .interpreter = std::move(interpreter)});
  }

 private:
  fs::path m_root;
};

constexpr const char* kIntelCpuinfo =
    "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n"
    "flags\t\t: fpu sse4_2 avx2 lm avx avx512f\n\nprocessor\t: 1\ncpu family\t: 6\nmodel\t\t: 85\n";

// The start of a libc.so.6: binary bytes (with a NUL) before glibc's version banner.
constexpr char kLibcBytes[] = "\x7f" "ELF\0junk GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3) stable release version 2.35.\n";

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("a GPU host with CUDA and cuDNN is detected completely", "[env][detect]") {
  FakeHost host("gpu");
  host.file("/etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n")
      .file("/proc/cpuinfo", kIntelCpuinfo)
      .file("/lib64/ld-linux-x86-64.so.2")
      .file("/usr/lib/x86_64-linux-gnu/libc.so.6", std::string(kLibcBytes, sizeof kLibcBytes - 1))
      .file("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30")
      .file("/usr/bin/python3.10")
      .file("/proc/driver/nvidia/gpus/0000:00:1e.0/information", "Model: \t\t Tesla T4\nIRQ:   \t\t 40\n")
      .file("/usr/local/cuda/version.json", R"({"cuda": {"name": "CUDA SDK", "version": "12.1.1"}})")
      .file("/usr/include/x86_64-linux-gnu/cudnn_version.h",
            "#define CUDNN_MAJOR 8\n#define CUDNN_MINOR 9\n#define CUDNN_PATCHLEVEL 2\n");
  DetectionReport report = host.detect();
  const auto& env = report.environment;
  CHECK(report.not_found.empty());
  CHECK(env.operating_system == thoth::env::OperatingSystem{"ubuntu", "22.04"});
  CHECK(env.hardware.cpu_family == std::optional<int>(6));
  CHECK(env.hardware.cpu_model == std::optional<int>(85));
  CHECK(env.hardware.cpu_flags == std::optional<std::vector<std::string>>({"avx", "avx2", "avx512f", "fpu", "lm", "sse4_2"}));
  CHECK(env.hardware.gpu_model == std::optional<std::string>("Tesla T4"));
  CHECK(env.libc == thoth::env::Libc{"glibc", "2.35"});
  CHECK(env.libstdcxx_version == std::optional<std::string>("6.0.30"));
  CHECK(env.python_version == std::optional<std::string>("3.10"));
  CHECK(env.platform == std::optional<std::string>("linux-x86_64"));
  CHECK(env.cuda_version == std::optional<std::string>("12.1"));
  CHECK(env.cudnn_version == std::optional<std::string>("8.9.2"));
}

TEST_CASE("a CPU-only glibc host reports the missing GPU, CUDA and cuDNN and where it looked", "[env][detect]") {
  FakeHost host("cpu");
  host.file("/etc/os-release", "ID=\"rhel\"\nVERSION_ID=\"8.6\"\n")
      .file("/proc/cpuinfo", kIntelCpuinfo)
      .file("/lib64/libc-2.28.so")
      .file("/usr/bin/python3.8")
      .symlink("/usr/bin/python3", "python3.8")
      .file("/usr/bin/python3.11");
  DetectionReport report = host.detect();
  CHECK(report.environment.libc == thoth::env::Libc{"glibc", "2.28"});
  CHECK(report.environment.python_version == std::optional<std::string>("3.8"));  // the python3 link wins
  CHECK(report.environment.platform == std::optional<std::string>("linux-x86_64"));  // from cpuinfo flag lm
  CHECK(report.not_found == std::vector<std::string>{
      "not found: libstdc++ (/lib*/[<multiarch>/]libstdc++.so.6.0.N)",
      "not found: GPU (/proc/driver/nvidia/gpus/*/information)",
      "not found: CUDA (/usr/local/cuda/version.json, /usr/local/cuda/version.txt)",
      "not found: cuDNN (/usr/include[/<multiarch>]/cudnn_version.h, /usr/local/cuda/include/cudnn_version.h)"});
}

TEST_CASE("an Alpine host is detected as musl with musllinux tags", "[env][detect]") {
  FakeHost host("alpine");
  host.file("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.18.4\n")
      .file("/lib/ld-musl-aarch64.so.1")
      .file("/lib/apk/db/installed", "C:Q1abc\nP:busybox\nV:1.36.1-r2\n\nC:Q1def\nP:musl\nV:1.2.4-r2\nA:aarch64\n")
      .file("/usr/bin/python3.11");
  DetectionReport report = host.detect();
  const auto& env = report.environment;
  CHECK(env.libc == thoth::env::Libc{"musl", "1.2.4"});
  CHECK(env.platform == std::optional<std::string>("linux-aarch64"));
  CHECK(mentions(report.not_found, "not found: CPU (/proc/cpuinfo)"));
  auto tags = thoth::env::supported_tags(thoth::env::to_target_environment(env));
  REQUIRE(tags.has_value());
  CHECK(tags->front() == "cp311-cp311-musllinux_1_2_aarch64");
}

TEST_CASE("a host without /proc still gets OS, libc and architecture", "[env][detect]") {
  FakeHost host("noproc");
  host.file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
      .file("/lib/aarch64-linux-gnu/libc.so.6", "stable release version 2.36.")
      .file("/lib/ld-linux-aarch64.so.1");
  DetectionReport report = host.detect();
  CHECK(report.environment.platform == std::optional<std::string>("linux-aarch64"));
  CHECK(report.environment.libc == thoth::env::Libc{"glibc", "2.36"});
  CHECK_FALSE(report.environment.hardware.cpu_family.has_value());
  CHECK(mentions(report.not_found, "not found: CPU (/proc/cpuinfo)"));
  CHECK(mentions(report.not_found, "not found: GPU"));
}

TEST_CASE("a minimal container with only os-release names every other source", "[env][detect]") {
  FakeHost host("minimal");
  host.file("/etc/os-release", "ID=fedora\nVERSION_ID=39\n");
  DetectionReport report = host.detect();
  CHECK(report.environment.operating_system == thoth::env::OperatingSystem{"fedora", "39"});
  REQUIRE(report.found.size() == 1);
  CHECK(report.found[0].source == "/etc/os-release");
  CHECK(report.not_found.size() == 9);
  CHECK(mentions(report.not_found, "not found: libc ("));
  CHECK(mentions(report.not_found, "not found: Python (/usr/bin/python3, /usr/{local/,}bin/python3.N)"));
  CHECK(mentions(report.not_found, "not found: architecture ("));
  CHECK(mentions(report.not_found, "not found: platform (needs the architecture)"));
  for (const auto& line : report.not_found) CHECK(line.find("thoth-env-") == std::string::npos);  // root-relative
}

TEST_CASE("a macOS-like host without /proc and os-release uses SystemVersion.plist and the interpreter", "[env][detect]") {
  FakeHost host("macos");
  host.file("/System/Library/CoreServices/SystemVersion.plist",
            "<dict>\n\t<key>ProductName</key>\n\t<string>macOS</string>\n\t<key>ProductVersion</key>\n\t<string>14.2.1</string>\n</dict>\n");
  DetectionReport report = host.detect(thoth::env::InterpreterReport{"cpython", "3.12.1", "macosx-11.0-arm64"});
  const auto& env = report.environment;
  CHECK(env.operating_system == thoth::env::OperatingSystem{"macos", "14.2.1"});
  CHECK(env.python_version == std::optional<std::string>("3.12"));
  CHECK(env.platform == std::optional<std::string>("macosx-14.0-arm64"));
  CHECK_FALSE(env.libc.family.has_value());
  CHECK(mentions(report.not_found, "not found: CPU (/proc/cpuinfo)"));
  auto tags = thoth::env::supported_tags(thoth::env::to_target_environment(env));
  REQUIRE(tags.has_value());
  CHECK(tags->front() == "cp312-cp312-macosx_14_0_arm64");
}

TEST_CASE("a GPU host without a CUDA toolkit reports the GPU and no CUDA", "[env][detect]") {
  FakeHost host("gpu-no-cuda");
  host.file("/etc/os-release", "ID=rhel\nVERSION_ID=\"9.2\"\n")
      .file("/proc/cpuinfo", kIntelCpuinfo)
      .file("/lib64/libc.so.6", "GNU C Library stable release version 2.34.\n")
      .file("/lib64/libstdc++.so.6.0.29")
      .file("/proc/driver/nvidia/gpus/0000:3b:00.0/information", "Model: \t\t NVIDIA A100-SXM4-40GB\n");
  DetectionReport report = host.detect(thoth::env::InterpreterReport{"cpython", "3.11.2", "linux-x86_64"});
  const auto& env = report.environment;
  CHECK(env.hardware.gpu_model == std::optional<std::string>("NVIDIA A100-SXM4-40GB"));
  CHECK_FALSE(env.cuda_version.has_value());
  CHECK(env.libc == thoth::env::Libc{"glibc", "2.34"});
  CHECK(env.libstdcxx_version == std::optional<std::string>("6.0.29"));
  CHECK(report.not_found == std::vector<std::string>{
      "not found: CUDA (/usr/local/cuda/version.json, /usr/local/cuda/version.txt)",
      "not found: cuDNN (/usr/include[/<multiarch>]/cudnn_version.h, /usr/local/cuda/include/cudnn_version.h)"});
}

TEST_CASE("an old CUDA 10.2 host is read from version.txt and cudnn.h, and steers the builds chosen", "[env][detect]") {
  FakeHost host("cuda102");
  host.file("/etc/os-release", "ID=ubuntu\nVERSION_ID=\"18.04\"\n")
      .file("/proc/cpuinfo", kIntelCpuinfo)
      .file("/lib/x86_64-linux-gnu/libc-2.27.so")
      .file("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.25")
      .file("/usr/bin/python3.8")
      .file("/proc/driver/nvidia/gpus/0000:00:04.0/information", "Model: \t\t Tesla V100-SXM2-16GB\n")
      .file("/usr/local/cuda/version.txt", "CUDA Version 10.2.89\n")
      .file("/usr/local/cuda/include/cudnn.h", "#define CUDNN_MAJOR 7\n#define CUDNN_MINOR 6\n#define CUDNN_PATCHLEVEL 5\n");
  DetectionReport report = host.detect();
  CHECK(report.not_found.empty());
  CHECK(report.environment.cuda_version == std::optional<std::string>("10.2"));
  CHECK(report.environment.cudnn_version == std::optional<std::string>("7.6.5"));
  CHECK(report.environment.libc == thoth::env::Libc{"glibc", "2.27"});

  // The detected machine as a target: a +cu118 build and a file needing GLIBCXX_3.4.26 (GCC 9) do
  // not install; a +cu102 build with libstdc++ of GCC 8 does.
  thoth::env::TargetEnvironment target = thoth::env::to_target_environment(report.environment);
  nlohmann::json snapshot = {
      {"torch", {{"1.9.0+cu118", {{"files", {{{"filename", "torch-1.9.0+cu118-cp38-cp38-linux_x86_64.whl"}}}}}},
                 {"1.9.0+cu102", {{"files", {{{"filename", "torch-1.9.0+cu102-cp38-cp38-linux_x86_64.whl"},
                                              {"abi", {"GLIBC_2.17", "GLIBCXX_3.4.25"}}}}}}},
                 {"1.9.1", {{"files", {{{"filename", "torch-1.9.1-cp38-cp38-manylinux2014_x86_64.whl"},
                                        {"abi", {"GLIBCXX_3.4.26"}}}}}}}}}};
  auto index = thoth::index::snapshot_from_json(snapshot, "test");
  thoth::encoder::ArtifactFilter filter(target);
  const auto& releases = index.find("torch")->releases;
  std::vector<std::string> installable;
  for (const auto& release : releases)
    if (filter.check("torch", release).installable) installable.push_back(release.version_text);
  CHECK(installable == std::vector<std::string>{"1.9.0+cu102"});
}

TEST_CASE("a missing root folder is reported, not thrown", "[env][detect]") {
  DetectionReport report = detect_host({.root = fs::temp_directory_path() / "thoth-env-does-not-exist", .interpreter = std::nullopt});
  CHECK(report.found.empty());
  CHECK(report.not_found.size() == 10);
}

TEST_CASE("source parsers read the fields they need and ignore the rest", "[env][detect]") {
  CHECK(thoth::env::parse_cuda_version_txt("CUDA Version 10.2.89\n") == std::optional<std::string>("10.2"));
  CHECK_FALSE(thoth::env::parse_cuda_version_json("{not json").has_value());
  CHECK(thoth::env::parse_cudnn_header("#define CUDNN_MAJOR 7\n#define CUDNN_MINOR 6\n") == std::optional<std::string>("7.6"));
  auto arm = thoth::env::parse_cpuinfo("processor\t: 0\nFeatures\t: fp asimd evtstrm\nCPU architecture: 8\n");
  CHECK(arm.arch == "aarch64");
  CHECK_FALSE(arm.family.has_value());
  CHECK_FALSE(thoth::env::parse_interpreter_report("cpython\n").has_value());
}

// `thoth bench`: resolve many requests against one index held in memory and report the time of each,
// for bench/resolver_bench.py. The index is parsed completely before the first request (as the
// resolvelib side of the benchmark parses its snapshot), so each request's time is resolution only:
// encode + solve + decode, in wall and CPU time. The per-process `thoth advise` runs of the benchmark
// measure the end-to-end cost (start-up and loading) instead.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>
#include <fstream>
#include <iostream>
#include <optional>

#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "advise/advise.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/parse_command.hpp"
#include "index/snapshot.hpp"

namespace thoth::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;

constexpr const char* kBenchIntro = R"(Usage: thoth bench --index SNAPSHOT --requests FILE [options]

Resolve every request of FILE (a JSON list of requests, each a list of PEP 508 strings) against one
index parsed completely up front, and print one JSON report: the load time, the process's peak RSS, and
per request the outcome, the pins, and the wall and CPU milliseconds of encode + solve + decode (per
run: a sample runs a small request many times between two clock readings; the fastest of --repeat
samples by CPU time). Used by bench/; see docs/benchmarks.md. No lock file is written.

Example:
  echo '[["requests"], ["six", "idna<3"]]' > requests.json
  thoth bench --index fixtures/index/pypi-sample.json --requests requests.json --python-version 3.8

Options)";

struct BenchOptions {
  std::string index;
  std::string requests;
  std::string python_version;
  std::string platform;
  std::vector<std::string> markers;
  double timeout_seconds = 60;
  int repeat = 1;
};

po::options_description bench_description() {
  po::options_description options(kBenchIntro);
  options.add_options()
      ("help,h", "show this help")
      ("index", po::value<std::string>(), "index snapshot file (required)")
      ("requests", po::value<std::string>(), "JSON file: [[\"req\", ...], ...] (required)")
      ("python-version", po::value<std::string>(), "target Python X.Y or X.Y.Z (default 3.12)")
      ("platform", po::value<std::string>(), "target platform (default linux-x86_64)")
      ("marker", po::value<std::vector<std::string>>()->composing(), "override a PEP 508 marker value, KEY=VALUE (repeatable)")
      ("timeout", po::value<double>()->default_value(60), "solver time budget per request in seconds (0 = none)")
      ("repeat", po::value<int>()->default_value(1), "take this many timed samples of each request and report the fastest");
  return options;
}

std::optional<BenchOptions> parse_bench_options(const std::vector<std::string>& args) {
  po::options_description description = bench_description();
  po::variables_map values = parse_command_options(args, description, "thoth bench");
  if (values.count("help")) {
    std::cout << description << "\nExit codes: 0 every request ran, 2 bad input or usage, 3 internal error.\n";
    return std::nullopt;
  }
  if (!values.count("index") || !values.count("requests"))
    throw InputError("expected --index and --requests", "thoth bench", "run `thoth bench --help` for the options");
  BenchOptions options;
  options.index = values["index"].as<std::string>();
  options.requests = values["requests"].as<std::string>();
  if (values.count("python-version")) options.python_version = values["python-version"].as<std::string>();
  if (values.count("platform")) options.platform = values["platform"].as<std::string>();
  if (values.count("marker")) options.markers = values["marker"].as<std::vector<std::string>>();
  options.timeout_seconds = values["timeout"].as<double>();
  options.repeat = values["repeat"].as<int>();
  if (options.timeout_seconds < 0) throw InputError("expected a timeout >= 0 seconds", "--timeout");
  if (options.repeat < 1) throw InputError("expected a repeat count >= 1", "--repeat");
  return options;
}

env::TargetEnvironment environment_from(const BenchOptions& options) {
  env::TargetEnvironment environment;
  if (!options.python_version.empty()) env::set_python_version(environment, options.python_version, "--python-version");
  if (!options.platform.empty()) environment.platform = options.platform;
  for (const std::string& marker : options.markers) {
    auto equals = marker.find('=');
    if (equals == std::string::npos || equals == 0)
      throw InputError("expected KEY=VALUE, found `" + marker + "`", "--marker", "e.g. --marker sys_platform=linux");
    environment.marker_overrides[marker.substr(0, equals)] = marker.substr(equals + 1);
  }
  return environment;
}

// [[requirement text, ...], ...] from the requests file; InputError naming the file and the request.
std::vector<std::vector<std::string>> read_requests(const std::string& path) {
  json document;
  try {
    document = json::parse(read_file(path));
  } catch (const json::parse_error& e) {
    throw InputError(std::string("not valid JSON: ") + e.what(), path + ": byte " + std::to_string(e.byte));
  } catch (const json::exception& e) {  // out_of_range: a number overflows
    throw InputError(std::string("not valid JSON: ") + e.what(), path);
  }
  std::vector<std::vector<std::string>> requests;
  if (!document.is_array()) throw InputError("expected a JSON list of requests", path, "e.g. [[\"requests\"], [\"six\"]]");
  for (std::size_t i = 0; i < document.size(); ++i) {
    const json& request = document[i];
    bool strings = request.is_array() && !request.empty() &&
                   std::all_of(request.begin(), request.end(), [](const json& item) { return item.is_string(); });
    if (!strings) throw InputError("expected a non-empty list of requirement strings", path + ": request #" + std::to_string(i + 1));
    requests.push_back(request.get<std::vector<std::string>>());
  }
  return requests;
}

advise::AdviseRequest advise_request(const std::vector<std::string>& texts, const BenchOptions& options,
                                     const env::TargetEnvironment& environment) {
  advise::AdviseRequest request;
  request.environment = environment;
  request.limits.time = std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  for (const std::string& text : texts) {
    auto parsed = packaging::Requirement::parse(text);
    if (!parsed) throw InputError(parsed.error().message, "--requests: `" + text + "`");
    request.roots.push_back({*parsed, "default", text});
  }
  return request;
}

// Peak resident set of this process in KiB: VmHWM from /proc (Linux), else getrusage. Unlike
// getrusage after exec, VmHWM does not include the parent that forked this process.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// This process's CPU time (all threads) in milliseconds, to the nanosecond (std::clock() rounds to
// the microsecond, a fifth of a small request).
double cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return 1000.0 * static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e6;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A sample times `runs` resolutions back to back between two clock readings, so that reading the CPU
// clock (a system call, about 1 µs here) is spread over them; the results are freed after the second
// reading. A sample of a small request is made long enough to make that cost negligible: the runs
// double until a sample takes kMinSampleMs of CPU (or kMaxRuns). resolvelib's side
// (bench/resolvelib_runner.py) measures the same way.
constexpr double kMinSampleMs = 1.0;
constexpr int kMaxRuns = 1024;

struct Sample {
  double wall_ms = 0, cpu_ms = 0;  // per run
  int runs = 1;
  advise::AdviseResult result;     // of the first run
};

Sample timed_sample(const advise::AdviseRequest& request, index::InMemoryIndex& index, int runs) {
  std::vector<advise::AdviseResult> results;
  results.reserve(static_cast<std::size_t>(runs));
  double wall_start = wall_ms(), cpu_start = cpu_ms();
  for (int run = 0; run < runs; ++run) results.push_back(advise::advise(request, index));
  double cpu = cpu_ms() - cpu_start, wall = wall_ms() - wall_start;
  return {wall / runs, cpu / runs, runs, std::move(results.front())};
}

// The fastest of `repeat` samples (by CPU time per run): outcome, pins, phase timings, wall and CPU.
json bench_one(const advise::AdviseRequest& request, index::InMemoryIndex& index, int repeat) {
  timed_sample(request, index, 1);  // warm-up: a first run builds the per-environment tables
  int runs = 1;
  for (; runs < kMaxRuns; runs *= 2)  // calibration
    if (timed_sample(request, index, runs).cpu_ms * runs >= kMinSampleMs) break;
  json best;
  for (int sample = 0; sample < repeat; ++sample) {
    Sample timed = timed_sample(request, index, runs);
    if (!best.is_null() && timed.cpu_ms >= best["cpu_ms"].get<double>()) continue;
    json full = advise::result_to_json(timed.result);
    best = {{"outcome", full["outcome"]}, {"pins", full["pins"]}, {"proven_optimal", full["proven_optimal"]},
            {"size", full["size"]}, {"timings", full["timings"]}, {"wall_ms", timed.wall_ms},
            {"cpu_ms", timed.cpu_ms}, {"runs_per_sample", timed.runs}};
  }
  return best;
}

}  // namespace

int bench_command(const std::vector<std::string>& args) {
  std::optional<BenchOptions> options = parse_bench_options(args);
  if (!options) return 0;
  env::TargetEnvironment environment = environment_from(*options);
  std::vector<std::vector<std::string>> texts = read_requests(options->requests);
  std::vector<advise::AdviseRequest> requests;
  for (const auto& request : texts) requests.push_back(advise_request(request, *options, environment));

  double wall_start = wall_ms(), cpu_start = cpu_ms();
  index::InMemoryIndex index = index::load_snapshot(options->index);
  index.read_all();
  json report = {{"load", {{"wall_ms", wall_ms() - wall_start}, {"cpu_ms", cpu_ms() - cpu_start}}},
                 {"index", {{"source", index.describe()}, {"projects", index.statistics().projects},
                            {"releases", index.statistics().releases}}},
                 {"requests", json::array()}};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    json row = bench_one(requests[i], index, options->repeat);
    row["requirements"] = texts[i];
    report["requests"].push_back(std::move(row));
  }
  report["peak_rss_kib"] = peak_rss_kib();
  std::cout << report.dump(2) << "\n";
  return 0;
}

}  // namespace thoth::cli

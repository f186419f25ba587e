// `thoth graph` prints the dependency graph of the project's lock (tree, DOT or JSON) and
// `thoth why PACKAGE` every path from the project's requirements to one package. Both read the lock
// and recompute its edges from the index for the target environment; nothing is resolved again.
#include <iostream>

#include <boost/program_options.hpp>

#include "advise/lock_graph.hpp"
#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/lock_context.hpp"
#include "cli/parse_command.hpp"
#include "packaging/name.hpp"

namespace thoth::cli {
namespace po = boost::program_options;
namespace {

constexpr const char* kGraphIntro = R"(Usage: thoth graph [--format tree|dot|json] [options]

Print who requires what in the project's lock (Pipfile.lock, pylock.toml or requirements.txt), through
which requirement, for the target environment. Edges are recomputed from the index (--index /
$THOTH_INDEX) the lock was made from.

Examples:
  thoth graph --pipfile examples/Pipfile --index fixtures/index/pypi-sample.json
  thoth graph --format dot --index snapshot.json | dot -Tsvg > graph.svg
  thoth graph --input pyproject.toml --index snapshot.json        # reads pylock.toml

Options)";

constexpr const char* kWhyIntro = R"(Usage: thoth why PACKAGE [options]

Show every path from the project's requirements to PACKAGE in the project's lock (Pipfile.lock,
pylock.toml or requirements.txt), each step with the requirement that brings the next package in.

Examples:
  thoth why idna --pipfile examples/Pipfile --index fixtures/index/pypi-sample.json

Options)";

constexpr const char* kExitCodes = R"(
Exit codes: 0 printed, 1 the package is not in the lock, 2 bad input or usage, 3 internal error.
)";

struct Parsed {
  po::variables_map values;
  bool help = false;
};

Parsed parse(const std::vector<std::string>& args, po::options_description& description,
             const po::positional_options_description& positional, const std::string& command) {
  Parsed parsed;
  parsed.values = parse_command_options(args, description, command, positional);
  if (parsed.values.count("help")) {
    std::cout << description << kExitCodes;
    parsed.help = true;
  }
  return parsed;
}

advise::LockGraph lock_graph(const po::variables_map& values, const std::string& command) {
  LockContextOptions options = lock_context_options(values);
  LockContext context = load_lock_context(options, true);
  auto index = load_index_for(options, command);
  return advise::graph_of_lock(lock_context_roots(context), context.pins, context.environment, *index);
}

void print_missing(const advise::LockGraph& graph) {
  for (const std::string& line : graph.missing) std::cerr << "warning: " << line << "\n";
}

std::string step_text(const advise::LockGraph& graph, const advise::GraphEdge& edge) {
  std::string from = edge.from.empty() ? "the project" : edge.from + " " + edge.from_version;
  return from + " requires " + edge.requirement + " -> " + edge.to + " " + graph.pins.at(edge.to);
}

}  // namespace

int graph_command(const std::vector<std::string>& args) {
  po::options_description description(kGraphIntro);
  description.add_options()("help,h", "show this help")
      ("format", po::value<std::string>()->default_value("tree"), "tree | dot | json");
  add_lock_context_options(description);
  Parsed parsed = parse(args, description, {}, "thoth graph");
  if (parsed.help) return 0;
  std::string format = parsed.values["format"].as<std::string>();
  if (format != "tree" && format != "dot" && format != "json")
    throw InputError("unknown format `" + format + "`", "--format", "use tree, dot or json");
  advise::LockGraph graph = lock_graph(parsed.values, "thoth graph");
  print_missing(graph);
  if (format == "tree") std::cout << advise::graph_tree(graph);
  if (format == "dot") std::cout << advise::graph_dot(graph);
  if (format == "json") std::cout << advise::graph_json(graph).dump(2) << "\n";
  return 0;
}

int why_command(const std::vector<std::string>& args) {
  po::options_description description(kWhyIntro);
  description.add_options()("help,h", "show this help")
      ("package", po::value<std::string>(), "the package to explain (positional)")
      ("limit", po::value<std::size_t>()->default_value(20), "show at most this many paths, shortest first")
      ("json", po::bool_switch(), "print the paths as JSON");
  add_lock_context_options(description);
  po::positional_options_description positional;
  positional.add("package", 1);
  Parsed parsed = parse(args, description, positional, "thoth why");
  if (parsed.help) return 0;
  if (!parsed.values.count("package"))
    throw InputError("expected a package name", "thoth why", "e.g. `thoth why idna`");
  std::string target = packaging::canonicalize_name(parsed.values["package"].as<std::string>());
  advise::LockGraph graph = lock_graph(parsed.values, "thoth why");
  print_missing(graph);
  if (!graph.pins.contains(target)) {
    std::cerr << "error: " << target << " is not in the lock\n";
    return static_cast<int>(ExitCode::NoSolution);
  }
  auto paths = advise::paths_to(graph, target, parsed.values["limit"].as<std::size_t>());
  if (parsed.values["json"].as<bool>()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& path : paths) {
      nlohmann::json steps = nlohmann::json::array();
      for (const advise::GraphEdge& edge : path)
        steps.push_back({{"from", edge.from}, {"requirement", edge.requirement}, {"to", edge.to}});
      out.push_back(steps);
    }
    std::cout << nlohmann::json{{"package", target}, {"version", graph.pins.at(target)}, {"paths", out}}.dump(2) << "\n";
    return 0;
  }
  if (paths.empty()) {
    std::cout << target << " " << graph.pins.at(target) << " is pinned but nothing in the project requires it "
              << "in this environment\n";
    return 0;
  }
  std::cout << target << " " << graph.pins.at(target) << " is installed because:\n";
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::cout << "  " << (i + 1) << ". ";
    for (std::size_t step = 0; step < paths[i].size(); ++step)
      std::cout << (step == 0 ? "" : "\n     ") << step_text(graph, paths[i][step]);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace thoth::cli

// Writing detected facts into `.thoth.yaml` without disturbing the rest (thoth.md §3.7). yaml-cpp's
// node tree keeps keys, values, key order, flow/block style and whether a scalar was quoted (its
// tag is "!"), but no comments; so we re-emit the tree ourselves with that style and copy the
// file's leading comment block verbatim. Versions are written quoted, so that "3.10" stays a
// string for PyYAML-based readers such as thamos.
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "env/thoth_config.hpp"

namespace thoth::env {
namespace {

// ---- emitting with the original style ----

// Beyond this length a key may escape to more than YAML's 1024-character limit on implicit keys.
constexpr std::size_t kLongestImplicitKey = 128;

// yaml-cpp emits a scalar holding a control character (a lone CR, say) plain, which does not read
// back; such scalars are written double-quoted, where they are escaped (found by fuzzing). Tabs stay
// plain: escaping them lengthens a key, and a key over 1024 characters no longer reads as one.
bool has_control_character(const std::string& scalar) {
  for (unsigned char c : scalar)
    if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
  return false;
}

// How to emit: `keep_flow` keeps the file's flow collections; `in_flow` says we are inside one,
// where yaml-cpp cannot write an explicit key.
struct EmitStyle {
  bool keep_flow = true;
  bool in_flow = false;
};

bool emits_as_flow(const YAML::Node& node, EmitStyle style) {
  return style.in_flow || (style.keep_flow && node.Style() == YAML::EmitterStyle::Flow);
}

void emit(YAML::Emitter& out, const YAML::Node& node, EmitStyle style) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out << YAML::Null;
      return;
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!" || has_control_character(node.Scalar())) out << YAML::DoubleQuoted << node.Scalar();
      else out << node.Scalar();
      return;
    case YAML::NodeType::Sequence:
      style.in_flow = emits_as_flow(node, style);
      if (style.in_flow) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node) emit(out, item, style);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Map:
      style.in_flow = emits_as_flow(node, style);
      if (style.in_flow) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        // YAML allows an implicit key of at most 1024 characters, and yaml-cpp may quote and escape
        // a long key past that (tabs become `\t`), so long keys are written explicitly (`? key`).
        if (!style.in_flow && entry.first.IsScalar() && entry.first.Scalar().size() > kLongestImplicitKey)
          out << YAML::LongKey;
        out << YAML::Key;
        emit(out, entry.first, style);
        out << YAML::Value;
        emit(out, entry.second, style);
      }
      out << YAML::EndMap;
      return;
  }
}

// The document in the file's own style; when that does not read back (a long key inside a flow
// collection, found by fuzzing), in block style throughout, where every long key can be explicit.
// An error when neither reads back: the text-preserving emitter cannot reproduce every YAML oddity
// (two keys that differ only by an explicit tag, say), and a file must never be replaced by one that
// thoth cannot read.
Result<std::string> emit_document(const YAML::Node& root) {
  Error last{"", "", ""};
  for (bool keep_flow : {true, false}) {
    YAML::Emitter out;
    out.SetNullFormat(YAML::LowerNull);
    emit(out, root, {keep_flow, false});
    std::string text = std::string(out.c_str()) + "\n";
    auto again = parse_thoth_config(text, ".thoth.yaml");
    if (again) return text;
    last = again.error();
  }
  return Error{"merging would write a file that does not read back (" + last.message + "); it was left unchanged", "",
               "please report this file; meanwhile edit runtime_environments by hand"};
}

// The comment and blank lines before the first content line.
std::string leading_comments(std::string_view text) {
  std::string kept;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    // Only a CRLF's trailing CR is a line end here: yaml-cpp reads any other CR as content, so
    // "\r#x:" is a key, not a comment (copying it as one duplicated the key; found by fuzzing).
    std::string_view content = line;
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    auto first = content.find_first_not_of(" \t");
    if (first != std::string_view::npos && content[first] != '#') break;
    kept += line + "\n";
  }
  return kept;
}

// ---- setting values ----

YAML::Node quoted(const std::string& value) {
  YAML::Node node(value);
  node.SetTag("!");
  return node;
}

void set_text(YAML::Node map, const char* key, const std::optional<std::string>& value, bool quote) {
  if (value) map[key] = quote ? quoted(*value) : YAML::Node(*value);
}

void set_list(YAML::Node map, const char* key, const std::optional<std::vector<std::string>>& values) {
  if (!values) return;
  YAML::Node list(YAML::NodeType::Sequence);
  for (const auto& value : *values) list.push_back(value);
  list.SetStyle(YAML::EmitterStyle::Flow);
  map[key] = list;
}

// The sub-map `key` of `parent`, created (in flow style when `flow`) when absent or null.
YAML::Node sub_map(YAML::Node parent, const char* key, bool flow) {
  YAML::Node existing = parent[key];
  if (existing.IsMap()) return existing;
  YAML::Node created(YAML::NodeType::Map);
  if (flow) created.SetStyle(YAML::EmitterStyle::Flow);
  parent[key] = created;
  return parent[key];
}

void set_nested(YAML::Node environment, const RuntimeEnvironment& detected) {
  const auto& os = detected.operating_system;
  if (os.name || os.version) {
    YAML::Node node = sub_map(environment, "operating_system", true);
    set_text(node, "name", os.name, false);
    set_text(node, "version", os.version, true);
  }
  const auto& hw = detected.hardware;
  if (hw.cpu_family || hw.cpu_model || hw.cpu_flags || hw.gpu_model) {
    YAML::Node node = sub_map(environment, "hardware", false);
    if (hw.cpu_family) node["cpu_family"] = *hw.cpu_family;
    if (hw.cpu_model) node["cpu_model"] = *hw.cpu_model;
    set_list(node, "cpu_flags", hw.cpu_flags);
    set_text(node, "gpu_model", hw.gpu_model, false);
  }
  if (detected.libc.family || detected.libc.version) {
    YAML::Node node = sub_map(environment, "libc", true);
    set_text(node, "family", detected.libc.family, false);
    set_text(node, "version", detected.libc.version, true);
  }
}

void set_detected(YAML::Node environment, const RuntimeEnvironment& detected) {
  set_nested(environment, detected);
  set_text(environment, "python_version", detected.python_version, true);
  set_text(environment, "python_implementation", detected.python_implementation, false);
  set_text(environment, "platform", detected.platform, false);
  set_text(environment, "libstdcxx_version", detected.libstdcxx_version, true);
  set_text(environment, "cuda_version", detected.cuda_version, true);
  set_text(environment, "cudnn_version", detected.cudnn_version, true);
  set_text(environment, "mkl_version", detected.mkl_version, true);
  set_text(environment, "openblas_version", detected.openblas_version, true);
  set_text(environment, "openmpi_version", detected.openmpi_version, true);
  set_text(environment, "base_image", detected.base_image, false);
  if (detected.recommendation_type)
    environment["recommendation_type"] = std::string(recommendation_type_name(*detected.recommendation_type));
  for (const auto& [key, value] : detected.labels) environment["labels"][key] = value;
  set_list(environment, "abi", detected.abi);
  set_list(environment, "supported_tags", detected.supported_tags);
  set_list(environment, "only_binary", detected.only_binary);
}

// The environment to update: named `name`, else the first; appended when the list is empty.
Result<YAML::Node> target_environment(YAML::Node root, const RuntimeEnvironment& detected, const std::string& name) {
  YAML::Node list = root["runtime_environments"];
  if (!list.IsSequence() || list.size() == 0) {
    YAML::Node fresh(YAML::NodeType::Map);
    fresh["name"] = name.empty() ? detected.name.value_or("default") : name;
    YAML::Node created(YAML::NodeType::Sequence);
    created.push_back(fresh);
    root["runtime_environments"] = created;
    return root["runtime_environments"][0];
  }
  if (name.empty()) return list[0];
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].IsMap() && list[i]["name"] && list[i]["name"].Scalar() == name) return list[i];
  return Error{"expected a runtime environment named `" + name + "`, found none", "runtime_environments",
               "omit --runtime-environment to update the first one"};
}

}  // namespace

Result<std::string> merge_into_existing(std::string_view yaml_text, const RuntimeEnvironment& detected,
                                        const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& error) {
    return Error{"expected valid YAML, found a syntax error: " + error.msg, "line " + std::to_string(error.mark.line + 1), ""};
  }
  if (root.IsNull() || !root.IsDefined()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) return Error{"expected a map of settings, found `" + YAML::Dump(root) + "`", "", ""};
  auto environment = target_environment(root, detected, name);
  if (!environment) return environment.error();
  set_detected(*environment, detected);
  auto document = emit_document(root);
  if (!document) return document.error();
  return leading_comments(yaml_text) + *document;
}

std::string new_thoth_config(const RuntimeEnvironment& runtime) {
  return "# thoth / thamos project configuration (docs/environment.md); written by `thoth config`.\n" +
         *merge_into_existing("", runtime, "");
}

}  // namespace thoth::env

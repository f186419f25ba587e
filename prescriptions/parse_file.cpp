// One prescription file: `units: {boots: [...], ...}` plus optional `metadata`, and the repository
// metadata file `prescription: {name, release}` (thoth.md §1.1). Every unit is parsed on its own, so
// one bad unit is reported and dropped while the others of the file still load.
#include <set>

#include "prescriptions/loader.hpp"
#include "prescriptions/parse.hpp"
#include "prescriptions/unit_checks.hpp"

namespace thoth::prescriptions {
namespace {

Diagnostic syntax_error(const std::string& file, const Error& error) {
  Diagnostic diagnostic;
  diagnostic.file = file;
  diagnostic.message = error.message;
  unsigned line = 0, column = 0;
  if (std::sscanf(error.location.c_str(), "%u:%u", &line, &column) == 2) {
    diagnostic.line = line;
    diagnostic.column = column;
  }
  return diagnostic;
}

// Reads name and type of the unit at `node`; nullopt after reporting when either is unusable.
std::optional<UnitType> read_name_and_type(Reader& r, const YamlNode& node, Section section, const std::string& path,
                                           std::string& out_name) {
  r.set_unit(path);
  if (node.kind != YamlKind::Map) {
    r.error(node, "", "expected a unit (a mapping with name, type, should_include, ...), found " + describe(node));
    return std::nullopt;
  }
  const YamlNode* name = r.child(node, "name");
  if (name == nullptr) {
    r.error(node, "name", "missing required key `name`");
    return std::nullopt;
  }
  auto name_text = r.read_string(*name, "name");
  if (!name_text) return std::nullopt;
  out_name = *name_text;
  r.set_unit(out_name);
  const YamlNode* type = r.child(node, "type");
  if (type == nullptr) {
    r.error(node, "type", "missing required key `type`");
    return std::nullopt;
  }
  std::optional<UnitType> unit_type;
  if (type->kind == YamlKind::Scalar) unit_type = unit_type_from_name(type->text);
  if (!unit_type || section_of(*unit_type) != section) {
    std::string allowed;
    for (std::size_t i = 0; i < kUnitTypeCount; ++i) {
      auto candidate = static_cast<UnitType>(i);
      if (section_of(candidate) == section) allowed += (allowed.empty() ? "" : ", ") + std::string(unit_type_name(candidate));
    }
    r.error(*type, "type", "expected a unit type of `" + std::string(section_name(section)) + "` (" + allowed +
                               "), found " + describe(*type));
    return std::nullopt;
  }
  return unit_type;
}

void parse_section(Reader& r, const YamlNode& list, Section section, ParseReport& report) {
  std::string list_path = "units." + std::string(section_name(section));
  std::set<std::string, std::less<>> names;
  r.for_each_item(list, list_path, 0, [&](const YamlNode& node, const std::string& path) {
    std::size_t before = r.error_count();
    std::string name;
    auto type = read_name_and_type(r, node, section, path, name);
    if (!type) return;
    if (!names.insert(name).second) {
      r.error(*r.child(node, "name"), "name", "expected unit names unique within `" + list_path + "`, found `" + name + "` again");
    }
    UnitHeader header;
    header.name = name;
    header.source = SourceLocation{r.file(), node.line, node.column};
    if (const auto* include = r.child(node, "should_include")) header.should_include = parse_should_include(r, *include, "should_include");
    if (const auto* metadata = r.child(node, "metadata")) {
      if (metadata->kind != YamlKind::Map) r.error(*metadata, "metadata", "expected a mapping, found " + describe(*metadata));
      header.metadata = to_json(r.tree(), *metadata);
    }
    auto unit = parse_unit(r, node, *type, std::move(header));
    if (!unit || r.error_count() != before) return;
    check_registration(r, node, *unit);
    report.units.push_back(std::move(*unit));
  });
}

}  // namespace

ParseReport parse_prescription_file(const std::string& yaml_text, const std::string& file) {
  ParseReport report;
  auto tree = YamlTree::parse(yaml_text);
  if (!tree) {
    report.errors.push_back(syntax_error(file, tree.error()));
    return report;
  }
  Reader r(*tree, file, report);
  const YamlNode& root = tree->root();
  if (!r.check_map(root, "", {"units", "metadata"}, {"units"})) return report;
  const YamlNode& units = *r.child(root, "units");
  if (!r.check_map(units, "units", {"boots", "pseudonyms", "sieves", "steps", "strides", "wraps"})) return report;
  r.for_each_pair(units, "units", [&](const YamlNode& key, const YamlNode& list, const std::string&) {
    parse_section(r, list, *section_from_name(key.text), report);
    r.set_unit("");
  });
  return report;
}

Result<PrescriptionMetadata> parse_prescription_metadata(const std::string& yaml_text, const std::string& file) {
  ParseReport report;
  auto tree = YamlTree::parse(yaml_text);
  if (!tree) return syntax_error(file, tree.error()).to_error();
  Reader r(*tree, file, report);
  PrescriptionMetadata metadata;
  if (r.check_map(tree->root(), "", {"prescription"}, {"prescription"})) {
    const YamlNode& body = *r.child(tree->root(), "prescription");
    if (r.check_map(body, "prescription", {"name", "release"}, {"name", "release"})) {
      metadata.name = r.read_string(*r.child(body, "name"), "prescription.name").value_or("");
      metadata.release = r.read_string(*r.child(body, "release"), "prescription.release").value_or("");
    }
  }
  if (!report.errors.empty()) return report.errors.front().to_error();
  return metadata;
}

}  // namespace thoth::prescriptions

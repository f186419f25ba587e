// Fuzz target: OSV advisory records, as YAML (the PyPA advisory database) and as JSON (the OSV API).
// Properties: reading answers a record or an error (InputError or an error Result), never a crash nor
// another exception; an accepted record goes into a database that answers queries for its packages.
#include <string>
#include <vector>

#include "advisories/advisory.hpp"
#include "fuzz/fuzz_support.hpp"

THOTH_FUZZ_TARGET(osv_record) {
  auto text = thoth::fuzz::as_text(data, size);
  bool is_json = !text.empty() && text.front() == '{';
  thoth::fuzz::expect_only_input_errors([&] {
    auto document = thoth::advisories::parse_osv_text(text, is_json, "record");
    auto record = thoth::advisories::parse_osv_record(document, "record");
    if (!record) return;
    thoth::advisories::AdvisoryDatabase database;
    std::vector<std::string> names;
    for (const auto& affected : record->affected) names.push_back(affected.name);
    database.add(std::move(*record));
    for (const std::string& name : names)
      for (const char* version : {"0", "1.0", "2.0.0rc1", "1!1.0+local"}) (void)database.affecting(name, version);
  });
  return 0;
}

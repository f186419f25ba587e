// Fuzz target: index snapshots (JSON name -> version -> release). Properties: any JSON document is
// either loaded (bad items skipped and counted) or rejected with an InputError; never a crash.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "index/snapshot.hpp"

THOTH_FUZZ_TARGET(snapshot) {
  auto document = nlohmann::json::parse(data, data + size, nullptr, false);
  if (document.is_discarded()) return 0;
  thoth::fuzz::expect_only_input_errors([&] { (void)thoth::index::snapshot_from_json(document, "index.json"); });
  return 0;
}

// Fuzz target: Pipfile.lock JSON. Properties: reading never crashes nor throws anything but
// InputError; an accepted lock re-serialises (Python json.dumps form) to JSON that parses back equal;
// reading its packages (read_lock, as export/graph do) gives a value or an InputError.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "project/lock_reading.hpp"
#include "project/lockfile.hpp"
#include "project/python_json.hpp"

THOTH_FUZZ_TARGET(lockfile) {
  thoth::fuzz::expect_only_input_errors([&] {
    auto lock = thoth::project::parse_lockfile(thoth::fuzz::as_text(data, size), "Pipfile.lock");
    std::string printed = thoth::project::python_json_dumps(lock, 4);
    auto again = nlohmann::json::parse(printed, nullptr, false);
    THOTH_FUZZ_CHECK(!again.is_discarded(), printed);
    THOTH_FUZZ_CHECK(again == lock || printed.find("NaN") != std::string::npos, printed);
    (void)thoth::project::read_lock(lock, "Pipfile.lock");
  });
  return 0;
}

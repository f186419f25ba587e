// Fuzz target: Thoth prescription YAML. Properties: the strict loader turns any text into units
// and diagnostics, never a crash nor an exception; the metadata reader answers a value or an error.
#include "fuzz/fuzz_support.hpp"
#include "prescriptions/loader.hpp"

THOTH_FUZZ_TARGET(prescription) {
  std::string text(thoth::fuzz::as_text(data, size));
  auto report = thoth::prescriptions::parse_prescription_file(text, "prescription.yaml");
  (void)report;
  (void)thoth::prescriptions::parse_prescription_metadata(text, "_prescription_metadata.yaml");
  return 0;
}

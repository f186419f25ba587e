// Shared helpers for the prescriptions tests: parse inline YAML as file "test.yaml".
#pragma once

#include <string>
#include <variant>

#include <catch2/catch.hpp>

#include "prescriptions/loader.hpp"

namespace prescriptions_test {

inline thoth::prescriptions::ParseReport parse(const std::string& yaml) {
  return thoth::prescriptions::parse_prescription_file(yaml, "test.yaml");
}

// The only unit of a file that must parse without errors.
template <class T>
T only_unit(const std::string& yaml) {
  auto report = parse(yaml);
  for (const auto& error : report.errors) UNSCOPED_INFO(error.to_string());
  REQUIRE(report.errors.empty());
  REQUIRE(report.units.size() == 1);
  REQUIRE(std::holds_alternative<T>(report.units[0]));
  return std::get<T>(report.units[0]);
}

}  // namespace prescriptions_test

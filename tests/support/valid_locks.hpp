// Brute force for the optimality property tests: every lock over a small index ("absent or one
// version" for each package) that the independent verifier accepts. Each test ranks them under its
// own objective and compares the best with thoth's lock.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "index/index.hpp"
#include "verify/verify.hpp"

namespace thoth::testing {

using Pins = std::map<std::string, std::string>;

namespace detail {
inline void enumerate_valid_locks(index::InMemoryIndex& index, verify::LockToCheck& lock,
                                  const std::vector<std::string>& names, std::size_t position, std::vector<Pins>& out) {
  if (position == names.size()) {
    if (verify::verify_lock(lock, index).empty()) out.push_back(lock.pins);
    return;
  }
  const std::string& name = names[position];
  lock.pins.erase(name);
  enumerate_valid_locks(index, lock, names, position + 1, out);
  for (const auto& release : index.find(name)->releases) {
    lock.pins[name] = release.version_text;
    enumerate_valid_locks(index, lock, names, position + 1, out);
  }
  lock.pins.erase(name);
}
}  // namespace detail

// `lock` gives the roots (and constraints); its pins are ignored. (K+1)^N locks for N packages of
// K releases: keep N and K small.
inline std::vector<Pins> every_valid_lock(index::InMemoryIndex& index, verify::LockToCheck lock,
                                          const std::vector<std::string>& names) {
  std::vector<Pins> out;
  lock.pins.clear();
  detail::enumerate_valid_locks(index, lock, names, 0, out);
  return out;
}

}  // namespace thoth::testing

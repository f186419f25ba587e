// Finds where each project's JSON object lies in a snapshot's text without building a DOM, so that
// load_snapshot can parse a project only when the resolver first asks for it (index/snapshot.cpp).
#pragma once

#include <string>
#include <string_view>

#include "index/index.hpp"

namespace thoth::index {

// Checks the whole text is JSON (InputError "not valid JSON" naming the byte) and that it is an object
// of objects (the messages of snapshot_from_json); returns each project's byte range, by canonical name.
[[nodiscard]] PendingProjects scan_snapshot(const std::string& text, std::string_view origin);

}  // namespace thoth::index

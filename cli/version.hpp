// The version of thoth, printed by `thoth --version` and recorded in outputs.
#pragma once

namespace thoth::cli {
inline constexpr const char* kThothVersion = "0.1.0";
}

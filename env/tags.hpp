// Wheel tags a target environment supports, best first, exactly as packaging.tags.sys_tags()
// would list them on that machine (PEP 425, PEP 600 manylinux, PEP 656 musllinux, macOS, Windows).
//
//   TargetEnvironment env;                 // CPython 3.12 on linux-x86_64
//   env.libc_family = "glibc"; env.libc_version = "2.35";
//   auto tags = supported_tags(env);       // Result: {"cp312-cp312-manylinux_2_35_x86_64", ...,
//                                          //          "py30-none-any"}
//
// Rules (packaging 23.0, checked element by element against tests/data/tags/*.json):
//  * platforms: Linux glibc X.Y -> manylinux_X_Y .. manylinux_2_5 (x86_64/i686) or .. _2_17 (other
//    arches), legacy aliases manylinux2014/2010/1 right after _2_17/_2_12/_2_5, then linux_<arch>;
//    musl X.Y -> musllinux_X_Y .. musllinux_X_0, then linux_<arch>; macOS -> mac_platforms();
//    Windows -> the single platform (win_amd64, win32, win_arm64);
//  * tags: cpython_tags (cpXY-cpXY, cpXY-abi3, cpXY-none, cp3(Y-1)..cp32-abi3, each over the
//    platforms) followed by compatible_tags (pyXY/py3/py3(Y-1)..py30-none-<plat>, cpXY-none-any,
//    pyXY/py3/..py30-none-any).
// An explicit `env.supported_tags` list wins over all of this. Linux with an unknown libc is treated
// as glibc kDefaultGlibcVersion (manylinux2014), the floor most binary wheels target.
#pragma once

#include <string>
#include <vector>

#include "base/error.hpp"
#include "env/environment.hpp"

namespace thoth::env {

inline constexpr const char* kDefaultGlibcVersion = "2.17";

// All supported tags, best first. Error when the implementation is not CPython (set
// `supported_tags` explicitly for PyPy and others) or when the platform/libc text is malformed.
[[nodiscard]] Result<std::vector<std::string>> supported_tags(const TargetEnvironment& env);
// The platform part only, best first (e.g. {"manylinux_2_35_x86_64", ..., "linux_x86_64"}).
[[nodiscard]] Result<std::vector<std::string>> platform_tags(const TargetEnvironment& env);

// Building blocks, named after packaging.tags (python_minor is Y of CPython 3.Y).
[[nodiscard]] std::vector<std::string> cpython_tags(int python_minor, const std::vector<std::string>& platforms);
[[nodiscard]] std::vector<std::string> compatible_tags(int python_minor, const std::string& interpreter,
                                                       const std::vector<std::string>& platforms);
[[nodiscard]] std::vector<std::string> manylinux_platforms(const std::string& arch, int glibc_major, int glibc_minor);
[[nodiscard]] std::vector<std::string> musllinux_platforms(const std::string& arch, int musl_major, int musl_minor);
[[nodiscard]] std::vector<std::string> mac_platforms(int macos_major, int macos_minor, const std::string& arch);

}  // namespace thoth::env

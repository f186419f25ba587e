// A Pipfile using every feature thoth reads (sources with and without name/verify_ssl, string and
// table entries, extras, per-key markers, index, a git entry, a custom category, [requires],
// [scripts], [pipenv]), shared by the project tests. Its hashes were computed with CPython's
// tomllib + json + hashlib following plette's get_hash (legacy) and pipenv 2026.x (canonical).
#pragma once

#include <string_view>

namespace thoth::project::testing {

constexpr std::string_view kFeaturePipfile = R"toml(
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "https://download.pytorch.org/whl/cpu"
verify_ssl = false
name = "pytorch"

[[source]]
url = "http://mirror.Example.com:8080/simple"

[packages]
requests = {version = ">=2.8", extras = ["socks", "security"]}
Django = "==4.2.*"
torch = {version = "*", index = "pytorch"}
pywinusb = {version = "*", os_name = "== 'nt'", markers = "python_version >= '3.8'"}
My_Pkg = "1.0"
mylib = {git = "https://github.com/example/mylib.git", ref = "v1.2", editable = true}

[dev-packages]
pytest = "~=7.4"
colorama = {version = "*", sys_platform = "== 'win32'"}

[docs]
Sphinx = "*"
"sphinx.rtd_theme" = {version = ">=1.0", markers = "python_version < '3.13' or os_name == 'posix'"}

[requires]
python_version = "3.11"

[scripts]
test = "pytest -q"

[pipenv]
allow_prereleases = true
sort_pipfile = true
)toml";

constexpr std::string_view kFeatureLegacyHash = "49bf74d44cab10861cf926c090b8cee9bbfedb63696498aa189a0fc281317d8c";
constexpr std::string_view kFeatureCanonicalHash = "4d91813cb5f9355fe33645c99125edd7933d2baaab68b6a614b42e86e78913df";

}  // namespace thoth::project::testing

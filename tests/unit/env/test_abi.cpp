// ELF symbol sets, the libstdc++ table, CUDA local labels and `requires` maps.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "env/abi.hpp"

using thoth::env::LocalLabelAccelerator;
using thoth::env::TargetEnvironment;

namespace {

TargetEnvironment glibc_host(const std::string& glibc, const std::string& libstdcxx) {
  TargetEnvironment env;
  env.libc_family = "glibc";
  env.libc_version = glibc;
  env.libstdcxx_version = libstdcxx;
  return env;
}

}  // namespace

TEST_CASE("glibc X.Y provides every GLIBC symbol version up to X.Y and none above", "[env][abi]") {
  auto symbols = thoth::env::provided_symbols(glibc_host("2.17", ""));
  CHECK(symbols.contains("GLIBC_2.0"));
  CHECK(symbols.contains("GLIBC_2.2.5"));
  CHECK(symbols.contains("GLIBC_2.3.4"));
  CHECK(symbols.contains("GLIBC_2.17"));
  CHECK_FALSE(symbols.contains("GLIBC_2.18"));
  CHECK_FALSE(symbols.contains("GLIBCXX_3.4"));
}

TEST_CASE("the libstdc++ table maps GCC releases and library versions to symbol versions", "[env][abi]") {
  auto releases = thoth::env::libstdcxx_releases();
  REQUIRE(std::string(releases.front().gcc) == "4.8.0");
  REQUIRE(std::string(releases.back().gcc) == "14.1.0");
  CHECK(thoth::env::find_libstdcxx_release("12")->glibcxx == 30);         // first GCC 12 release
  CHECK(thoth::env::find_libstdcxx_release("9.2")->glibcxx == 27);
  CHECK(thoth::env::find_libstdcxx_release("10.2.0")->glibcxx == 28);     // same labels as 10.1.0
  CHECK(thoth::env::find_libstdcxx_release("4.8.5")->glibcxx == 19);
  CHECK(thoth::env::find_libstdcxx_release("6.0.31")->cxxabi == 14);      // GCC 13.1 library
  CHECK_FALSE(thoth::env::find_libstdcxx_release("4.7.2").has_value());
  CHECK_FALSE(thoth::env::find_libstdcxx_release("15").has_value());
  auto symbols = thoth::env::provided_symbols(glibc_host("2.28", "8.1.0"));
  CHECK(symbols.contains("GLIBCXX_3.4"));
  CHECK(symbols.contains("GLIBCXX_3.4.25"));
  CHECK_FALSE(symbols.contains("GLIBCXX_3.4.26"));
  CHECK(symbols.contains("CXXABI_1.3.11"));
  CHECK_FALSE(symbols.contains("CXXABI_1.3.12"));
}

TEST_CASE("missing symbols are those not provided, skipping families the target knows nothing about", "[env][abi]") {
  std::vector<std::string> required{"GLIBC_2.17", "GLIBC_2.29", "GLIBCXX_3.4.26", "GNUTLS_3_6_6"};
  CHECK(thoth::env::missing_symbols(required, glibc_host("2.28", "8.1.0")) ==
        std::vector<std::string>{"GLIBCXX_3.4.26", "GLIBC_2.29", "GNUTLS_3_6_6"});
  CHECK(thoth::env::missing_symbols(required, glibc_host("2.35", "")) == std::vector<std::string>{"GNUTLS_3_6_6"});
  TargetEnvironment musl;
  musl.libc_family = "musl";
  musl.libc_version = "1.2";
  CHECK(thoth::env::missing_symbols({"GLIBC_2.17"}, musl) == std::vector<std::string>{"GLIBC_2.17"});
}

TEST_CASE("an explicit symbol list replaces the derived set and is strict", "[env][abi]") {
  TargetEnvironment env = glibc_host("2.35", "12");
  env.abi_symbols = {"GLIBC_2.17", "GNUTLS_3_6_6"};
  CHECK(thoth::env::provided_symbols(env) == std::set<std::string>{"GLIBC_2.17", "GNUTLS_3_6_6"});
  CHECK(thoth::env::missing_symbols({"GLIBC_2.17", "GLIBC_2.18", "GNUTLS_3_6_6"}, env) ==
        std::vector<std::string>{"GLIBC_2.18"});
}

TEST_CASE("CUDA local labels give the CUDA version, +cpu means a CPU-only build", "[env][abi]") {
  using Kind = LocalLabelAccelerator::Kind;
  CHECK(thoth::env::accelerator_from_local_label("cu118") == LocalLabelAccelerator{Kind::Cuda, "11.8"});
  CHECK(thoth::env::accelerator_from_local_label("cu121") == LocalLabelAccelerator{Kind::Cuda, "12.1"});
  CHECK(thoth::env::accelerator_from_local_label("cu92") == LocalLabelAccelerator{Kind::Cuda, "9.2"});
  CHECK(thoth::env::accelerator_from_local_label("cpu") == LocalLabelAccelerator{Kind::CpuOnly, ""});
  CHECK(thoth::env::accelerator_from_local_label("ubuntu.cu102") == LocalLabelAccelerator{Kind::Cuda, "10.2"});
  CHECK_FALSE(thoth::env::accelerator_from_local_label("rocm5.6").has_value());
  CHECK_FALSE(thoth::env::accelerator_from_local_label("cuda").has_value());
  CHECK(thoth::env::requirements_from_label({Kind::Cuda, "11.8"}).cuda == std::optional<std::string>(">=11.8"));
}

TEST_CASE("requires maps are matched against the target's CUDA, cuDNN, CPU flags and symbols", "[env][abi]") {
  auto requirements = thoth::env::parse_artifact_requirements(
      nlohmann::json{{"cuda", ">=11.8"}, {"cudnn", ">=8"}, {"cpu_flags", {"avx2"}}, {"abi", {"GLIBC_2.28"}}});
  REQUIRE(requirements.has_value());
  TargetEnvironment env = glibc_host("2.35", "");
  auto none = thoth::env::check_requirements(*requirements, env);
  CHECK_FALSE(none.satisfied);
  CHECK(none.reasons == std::vector<std::string>{"needs CUDA >=11.8, environment has none", "needs cuDNN >=8, environment has none",
                                                 "needs CPU flag avx2, environment does not list it"});
  env.cuda_version = "12.1";
  env.cudnn_version = "8.9.2";
  env.cpu_flags = {"avx", "avx2"};
  CHECK(thoth::env::check_requirements(*requirements, env).satisfied);
  env.cuda_version = "11.2";
  CHECK(thoth::env::check_requirements(*requirements, env).reasons ==
        std::vector<std::string>{"needs CUDA >=11.8, environment has 11.2"});
}

TEST_CASE("requires maps with unknown keys or bad values are errors", "[env][abi]") {
  auto unknown = thoth::env::parse_artifact_requirements(nlohmann::json{{"rocm", ">=5"}});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message == "expected one of cuda, cudnn, cpu_flags, abi, found `rocm`");
  CHECK_FALSE(thoth::env::parse_artifact_requirements(nlohmann::json{{"cuda", ">=eleven"}}).has_value());
  CHECK_FALSE(thoth::env::parse_artifact_requirements(nlohmann::json{{"cpu_flags", "avx2"}}).has_value());
  CHECK(thoth::env::parse_artifact_requirements(nlohmann::json{{"cuda", nullptr}})->cuda == std::nullopt);
}

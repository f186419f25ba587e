// Writes wheels with libzip into memory. Entries are stored (not deflated) so the bytes do not depend
// on the zlib version, and every entry gets the same timestamp (1980-01-01 00:00, the zip epoch used by
// reproducible builds) and Unix mode 0644. RECORD lists METADATA and WHEEL with their urlsafe-base64
// sha256 and size (the wheel spec's format), and itself without a hash.
#include "remote/wheel_archive.hpp"

#include <ctime>
#include <memory>
#include <stdexcept>
#include <vector>

#include <openssl/evp.h>
#include <zip.h>

namespace thoth::remote {
namespace {

constexpr const char* kWheelFile =
    "Wheel-Version: 1.0\nGenerator: thoth index export\nRoot-Is-Purelib: true\nTag: py3-none-any\n";

// The RECORD hash form: "sha256=" + urlsafe base64 of the digest without '=' padding.
std::string record_hash(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::vector<unsigned char> encoded(4 * ((length + 2) / 3) + 1);
  int written = EVP_EncodeBlock(encoded.data(), digest, static_cast<int>(length));
  std::string text(reinterpret_cast<const char*>(encoded.data()), static_cast<std::size_t>(written));
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return "sha256=" + text;
}

// The zip epoch as a time_t in the local zone: libzip converts to DOS time with localtime(), so this
// gives the same DOS fields (and bytes) in every time zone.
std::time_t zip_epoch() {
  std::tm fields{};
  fields.tm_year = 80;
  fields.tm_mon = 0;
  fields.tm_mday = 1;
  fields.tm_isdst = -1;
  return std::mktime(&fields);
}

[[noreturn]] void fail(const char* what, zip_error_t* error) {
  std::string message = std::string("building a wheel: ") + what + ": " + zip_error_strerror(error);
  throw std::runtime_error(message);
}

struct SourceDeleter {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using SourceHandle = std::unique_ptr<zip_source_t, SourceDeleter>;

void add_entry(zip_t* archive, const std::string& path, const std::string& content, std::time_t mtime) {
  zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
  if (source == nullptr) fail("zip_source_buffer", zip_get_error(archive));
  zip_int64_t index = zip_file_add(archive, path.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    fail("zip_file_add", zip_get_error(archive));
  }
  auto entry = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(archive, entry, ZIP_CM_STORE, 0) != 0 || zip_file_set_mtime(archive, entry, mtime, 0) != 0 ||
      zip_file_set_external_attributes(archive, entry, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
    fail("setting entry attributes", zip_get_error(archive));
}

std::string read_all(zip_source_t* source) {
  zip_stat_t stat;
  if (zip_source_open(source) != 0) fail("zip_source_open", zip_source_error(source));
  if (zip_source_stat(source, &stat) != 0) fail("zip_source_stat", zip_source_error(source));
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  zip_int64_t got = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (got < 0 || static_cast<std::size_t>(got) != bytes.size()) fail("zip_source_read", zip_source_error(source));
  return bytes;
}

}  // namespace

std::string dist_info_folder(const WheelContents& wheel) {
  return wheel.distribution + "-" + wheel.version + ".dist-info";
}

std::string build_wheel(const WheelContents& wheel) {
  const std::string folder = dist_info_folder(wheel);
  const std::string wheel_file = kWheelFile;
  const std::string record = folder + "/METADATA," + record_hash(wheel.metadata) + "," +
                             std::to_string(wheel.metadata.size()) + "\n" + folder + "/WHEEL," +
                             record_hash(wheel_file) + "," + std::to_string(wheel_file.size()) + "\n" + folder +
                             "/RECORD,,\n";
  zip_error_t error;
  zip_error_init(&error);
  SourceHandle buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) fail("zip_source_buffer_create", &error);
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) fail("zip_open_from_source", &error);
  zip_source_keep(buffer.get());  // the archive releases its reference on close; the bytes stay ours
  const std::time_t mtime = zip_epoch();
  try {
    add_entry(archive, folder + "/METADATA", wheel.metadata, mtime);
    add_entry(archive, folder + "/WHEEL", wheel_file, mtime);
    add_entry(archive, folder + "/RECORD", record, mtime);
  } catch (...) {
    zip_discard(archive);
    throw;
  }
  if (zip_close(archive) != 0) {
    std::string message = std::string("building a wheel: zip_close: ") + zip_strerror(archive);
    zip_discard(archive);
    throw std::runtime_error(message);
  }
  return read_all(buffer.get());
}

}  // namespace thoth::remote

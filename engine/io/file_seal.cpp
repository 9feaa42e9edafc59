#include "io/file_seal.hpp"

#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"
#include "core/hash.hpp"

namespace strider {

namespace {

constexpr char kMagic[] = "STRIDER-SEAL fnv1a64 ";  // then 16 hex digits and a newline

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// FNV-1a 64 of every byte from `kSealBytes` to the end; false on a read error.
bool hash_after_user_block(std::FILE* f, std::uint64_t& hash) {
  if (std::fseek(f, static_cast<long>(kSealBytes), SEEK_SET) != 0) return false;
  std::vector<unsigned char> buffer(1 << 16);
  hash = 14695981039346656037ull;
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), f);
    for (std::size_t i = 0; i < n; ++i) {
      hash ^= buffer[i];
      hash *= 1099511628211ull;
    }
    if (n < buffer.size()) return std::ferror(f) == 0;
  }
}

}  // namespace

void seal_file(const std::string& path) {
  File f(std::fopen(path.c_str(), "r+b"));
  std::uint64_t hash = 0;
  if (!f || !hash_after_user_block(f.get(), hash)) throw std::runtime_error("cannot read " + path + " to seal it");
  const std::string line = std::string(kMagic) + hex64(hash) + "\n";
  if (std::fseek(f.get(), 0, SEEK_SET) != 0 || std::fwrite(line.data(), 1, line.size(), f.get()) != line.size() ||
      std::fflush(f.get()) != 0) {
    throw std::runtime_error("cannot seal " + path);
  }
}

void check_seal(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw InputError(path, "", "file not found or not readable", "check the path");
  char head[64] = {};
  const std::size_t n = std::fread(head, 1, sizeof head - 1, f.get());
  const std::size_t magic = sizeof kMagic - 1;
  if (n < magic + 17 || std::memcmp(head, kMagic, magic) != 0) {
    throw InputError(path, "", "not a Strider run file, or one written by an older Strider (no checksum seal)",
                     "re-run the simulation that writes it with this Strider");
  }
  std::uint64_t hash = 0;
  if (!hash_after_user_block(f.get(), hash)) throw InputError(path, "", "cannot read the file", "check the disk");
  if (std::string(head + magic, 16) != hex64(hash) || head[magic + 16] != '\n') {
    throw InputError(path, "", "damaged: its contents do not match their checksum (truncated, or changed after writing)",
                     "re-run the simulation that writes it; Strider reads only files it wrote, unchanged");
  }
}

}  // namespace strider

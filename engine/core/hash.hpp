#pragma once
// FNV-1a 64-bit hash (Fowler, Noll & Vo), for provenance fingerprints of text.
#include <cstdint>
#include <cstdio>
#include <string>

namespace strider {

inline std::uint64_t fnv1a64(const std::string& text, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

inline std::string hex64(std::uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace strider

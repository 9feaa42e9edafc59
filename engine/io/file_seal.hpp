#pragma once
// A checksum seal for Strider's HDF5 files. Each file is written with a 512-byte HDF5 user block
// (which HDF5 and h5py skip); after the file is closed, the user block gets a line naming the
// FNV-1a 64-bit hash of every byte after it. Readers check it before HDF5 parses anything, so a
// truncated, damaged or edited file is refused with a clear message instead of reaching the
// HDF5 library (which can crash on damaged metadata; docs/reliability.md).
#include <cstdint>
#include <string>

namespace strider {

inline constexpr std::uint64_t kSealBytes = 512;  // HDF5 user-block size (a power of 2, ≥ 512)

// Writes the seal into the user block of a closed file. Throws std::runtime_error on I/O errors.
void seal_file(const std::string& path);

// Throws InputError naming the file when it is missing, has no seal, or its bytes do not match.
void check_seal(const std::string& path);

}  // namespace strider

#include "io/chunk_filter.hpp"

#include <zlib.h>

#include <stdexcept>

namespace strider {

void shuffle_bytes(const unsigned char* in, std::size_t count, std::size_t element_size, unsigned char* out) {
  for (std::size_t j = 0; j < element_size; ++j) {
    unsigned char* column = out + j * count;
    for (std::size_t i = 0; i < count; ++i) column[i] = in[i * element_size + j];
  }
}

void filter_chunk(const double* values, std::size_t count, std::vector<unsigned char>& out) {
  const std::size_t bytes = count * sizeof(double);
  std::vector<unsigned char> shuffled(bytes);
  shuffle_bytes(reinterpret_cast<const unsigned char*>(values), count, sizeof(double), shuffled.data());
  uLongf size = compressBound(static_cast<uLong>(bytes));
  out.resize(size);
  if (compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(bytes), kDeflateLevel) != Z_OK) {
    throw std::runtime_error("deflate of an HDF5 chunk failed (out of memory?)");
  }
  out.resize(size);
}

}  // namespace strider

#pragma once
// HDF5's shuffle + deflate filter pipeline, done by us, so that compression runs in the
// calling thread instead of inside libhdf5. (A thread-safe libhdf5 holds one global lock in
// every call, so compression inside H5Dwrite would serialize the threads of a sweep; with the
// chunks filtered here and stored by H5Dwrite_chunk, only the copying is serialized.)
// The stored chunks are exactly what HDF5's own filters produce, and any HDF5 reader (h5py
// included) decodes them with the filters declared on the dataset.
#include <cstddef>
#include <vector>

namespace strider {

// The deflate level used for every compressed dataset.
inline constexpr int kDeflateLevel = 4;

// HDF5's byte shuffle (H5Z_FILTER_SHUFFLE) of `count` elements of `element_size` bytes: byte j
// of element i goes to position j·count + i.
void shuffle_bytes(const unsigned char* in, std::size_t count, std::size_t element_size, unsigned char* out);

// Shuffle, then deflate (zlib format, as H5Z_FILTER_DEFLATE writes it), of `count` doubles.
// `out` is resized to the compressed size.
void filter_chunk(const double* values, std::size_t count, std::vector<unsigned char>& out);

}  // namespace strider

#include "io/hdf5_file.hpp"

#include <algorithm>
#include <bit>
#include <limits>

#include <stdexcept>

#include "core/error.hpp"
#include "io/chunk_filter.hpp"
#include "io/file_seal.hpp"

namespace strider {

namespace {
void check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: " + what + " failed");
}
hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error("HDF5: " + what + " failed");
  return id;
}

hid_t vlen_string_type() {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return t;
}

hid_t open_object(hid_t file, const std::string& name) {
  return check_id(H5Oopen(file, name.c_str(), H5P_DEFAULT), "open " + name);
}

void write_string_attr(hid_t obj, const std::string& key, const std::vector<std::string>& values,
                       bool scalar) {
  hid_t type = vlen_string_type();
  const hsize_t n = values.size();
  hid_t space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  hid_t a = check_id(H5Acreate2(obj, key.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "attribute " + key);
  const herr_t status = H5Awrite(a, type, ptrs.data());
  H5Aclose(a);
  H5Sclose(space);
  H5Tclose(type);
  check(status, "write attribute " + key);
}
}  // namespace

void quiet_hdf5_errors() {
  static const bool once = [] {
    // No library shutdown at exit: after a failed write (a full disk) HDF5's exit handler
    // crashes on the half-closed file. Our files are closed explicitly, so nothing is lost.
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)once;
}

H5Writer::H5Writer(const std::string& path) : path_(path) {
  quiet_hdf5_errors();
  hid_t fcpl = H5Pcreate(H5P_FILE_CREATE);
  H5Pset_userblock(fcpl, kSealBytes);  // room for the checksum seal (io/file_seal.hpp)
  file_ = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT);
  H5Pclose(fcpl);
  if (file_ < 0) throw std::runtime_error("cannot create HDF5 file " + path);
}

H5Writer::H5Writer(const std::string& path, Append) : path_(path) {
  quiet_hdf5_errors();
  check_seal(path);
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (file_ < 0) throw std::runtime_error("cannot open HDF5 file " + path + " to add to it");
}

H5Writer::~H5Writer() {
  if (file_ >= 0) H5Fclose(file_);
}

void H5Writer::close() {
  if (file_ >= 0) {
    const herr_t status = H5Fclose(file_);
    file_ = -1;
    check(status, "close " + path_);
    seal_file(path_);  // only a completely written file gets its seal
  }
}

void H5Writer::write(const std::string& name, const double* data, const std::vector<hsize_t>& dims,
                     const std::string& units, const std::vector<std::string>& names) {
  // Direct chunk writes store our bytes as they are, so the native doubles must be the file's
  // little-endian IEEE ones.
  static_assert(std::endian::native == std::endian::little, "H5Writer stores native doubles as H5T_IEEE_F64LE");
  hsize_t total = 1;
  for (auto d : dims) total *= d;
  std::vector<hsize_t> chunk;
  if (total > 4096 && !dims.empty() && dims[0] > 0) {
    // Chunk by rows and compress large time series (shuffle + deflate, filtered here).
    chunk = dims;
    const hsize_t row = total / dims[0];
    chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(dims[0], 65536 / std::max<hsize_t>(1, row)));
  }
  // Compress every chunk before libhdf5 is called (see io/chunk_filter.hpp), and before any
  // handle exists that an error would leak. Edge chunks are stored at full size, padded with
  // zeros, as HDF5 stores them.
  std::vector<std::vector<unsigned char>> filtered;
  if (!chunk.empty()) {
    const hsize_t row = total / dims[0];
    const hsize_t chunk_values = chunk[0] * row;
    std::vector<double> padded(chunk_values);
    for (hsize_t first = 0; first < dims[0]; first += chunk[0]) {
      const hsize_t rows = std::min<hsize_t>(chunk[0], dims[0] - first);
      const double* start = data + first * row;
      const double* values = start;
      if (rows < chunk[0]) {
        std::fill(std::copy(start, start + rows * row, padded.begin()), padded.end(), 0.0);
        values = padded.data();
      }
      filtered.emplace_back();
      filter_chunk(values, chunk_values, filtered.back());
    }
  }
  hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  if (!chunk.empty()) {
    H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data());
    H5Pset_shuffle(dcpl);
    H5Pset_deflate(dcpl, kDeflateLevel);
  }
  hid_t ds = check_id(H5Dcreate2(file_, name.c_str(), H5T_IEEE_F64LE, space, lcpl, dcpl, H5P_DEFAULT),
                      "create dataset " + name);
  herr_t status = 0;
  if (!chunk.empty()) {
    std::vector<hsize_t> offset(dims.size(), 0);
    for (std::size_t c = 0; c < filtered.size() && status >= 0; ++c) {
      offset[0] = static_cast<hsize_t>(c) * chunk[0];
      status = H5Dwrite_chunk(ds, H5P_DEFAULT, 0, offset.data(), filtered[c].size(), filtered[c].data());
    }
  } else if (total > 0) {
    status = H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
  }
  if (status >= 0) write_string_attr(ds, "units", {units}, true);
  if (status >= 0 && !names.empty()) write_string_attr(ds, "names", names, false);
  H5Dclose(ds);
  H5Pclose(dcpl);
  H5Sclose(space);
  H5Pclose(lcpl);
  check(status, "write dataset " + name);
}

namespace {
// A transfer property list with a small type-conversion buffer. A variable-length string write
// converts through that buffer, which HDF5 otherwise allocates and zeroes at 1 MB for every
// write, under its global lock (a sixth of a short sweep case's time, measured with perf).
class SmallTransfer {
 public:
  explicit SmallTransfer(std::size_t elements) : plist_(H5Pcreate(H5P_DATASET_XFER)) {
    if (plist_ >= 0) H5Pset_buffer(plist_, std::max<std::size_t>(elements, 1) * 64, nullptr, nullptr);
  }
  ~SmallTransfer() {
    if (plist_ >= 0) H5Pclose(plist_);
  }
  SmallTransfer(const SmallTransfer&) = delete;
  SmallTransfer& operator=(const SmallTransfer&) = delete;
  hid_t id() const { return plist_ >= 0 ? plist_ : H5P_DEFAULT; }

 private:
  hid_t plist_;
};
}  // namespace

void H5Writer::write_text(const std::string& name, const std::string& text) {
  hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  hid_t type = vlen_string_type();
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t ds = check_id(H5Dcreate2(file_, name.c_str(), type, space, lcpl, H5P_DEFAULT, H5P_DEFAULT),
                      "create dataset " + name);
  const char* ptr = text.c_str();
  const SmallTransfer transfer(1);
  const herr_t status = H5Dwrite(ds, type, H5S_ALL, H5S_ALL, transfer.id(), &ptr);
  H5Dclose(ds);
  H5Sclose(space);
  H5Tclose(type);
  H5Pclose(lcpl);
  check(status, "write text " + name);
}

void H5Writer::write_strings(const std::string& name, const std::vector<std::string>& values) {
  hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(lcpl, 1);
  hid_t type = vlen_string_type();
  const hsize_t n = values.size();
  hid_t space = H5Screate_simple(1, &n, nullptr);
  hid_t ds = check_id(H5Dcreate2(file_, name.c_str(), type, space, lcpl, H5P_DEFAULT, H5P_DEFAULT),
                      "create dataset " + name);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  const SmallTransfer transfer(values.size());
  const herr_t status = n > 0 ? H5Dwrite(ds, type, H5S_ALL, H5S_ALL, transfer.id(), ptrs.data()) : 0;
  H5Dclose(ds);
  H5Sclose(space);
  H5Tclose(type);
  H5Pclose(lcpl);
  check(status, "write strings " + name);
}

void H5Writer::attr(const std::string& object, const std::string& key, const std::string& value) {
  hid_t obj = open_object(file_, object);
  write_string_attr(obj, key, {value}, true);
  H5Oclose(obj);
}

namespace {
void write_scalar_attr(hid_t file, const std::string& object, const std::string& key, hid_t file_type,
                       hid_t memory_type, const void* value) {
  hid_t obj = open_object(file, object);
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t a = check_id(H5Acreate2(obj, key.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), key);
  const herr_t status = H5Awrite(a, memory_type, value);
  H5Aclose(a);
  H5Sclose(space);
  H5Oclose(obj);
  check(status, "write attribute " + key);
}
}  // namespace

void H5Writer::attr(const std::string& object, const std::string& key, double value) {
  write_scalar_attr(file_, object, key, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void H5Writer::attr(const std::string& object, const std::string& key, std::int64_t value) {
  write_scalar_attr(file_, object, key, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

H5Reader::H5Reader(const std::string& path) : path_(path) {
  quiet_hdf5_errors();
  check_seal(path);  // before HDF5 parses anything
  #if H5_VERSION_GE(1, 12, 0)
  const htri_t readable = H5Fis_accessible(path.c_str(), H5P_DEFAULT);
#else
  const htri_t readable = H5Fis_hdf5(path.c_str());
#endif
  if (readable <= 0) {
    throw InputError(path, "", "not a readable HDF5 file (missing, truncated or another format)",
                     "check the path, or re-run the simulation that writes it");
  }
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0) {
    throw InputError(path, "", "cannot open HDF5 file (truncated or corrupt?)", "re-run the simulation");
  }
}

H5Reader::~H5Reader() {
  if (file_ >= 0) H5Fclose(file_);
}

bool H5Reader::exists(const std::string& name) const {
  // Check each path component so that a missing group is not an error.
  std::string prefix;
  std::size_t start = name.front() == '/' ? 1 : 0;
  while (start <= name.size()) {
    const std::size_t slash = name.find('/', start);
    prefix = name.substr(0, slash);
    if (H5Lexists(file_, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

namespace {
// A damaged file can claim any shape. Refuse one that claims far more values than the dataset's
// stored bytes could hold (deflate compresses at most about 1000:1), before allocating for it.
// Sealed files (io/file_seal.hpp) are checked before this; it guards what the seal cannot.
void check_claimed_size(hid_t ds, hsize_t values, std::size_t bytes_per_value, const std::string& path,
                        const std::string& name) {
  const hsize_t stored = H5Dget_storage_size(ds);
  const long double claimed = static_cast<long double>(values) * static_cast<long double>(bytes_per_value);
  if (claimed > 4096.0L * static_cast<long double>(std::max<hsize_t>(stored, 4096))) {
    throw InputError(path, name,
                     "claims " + std::to_string(values) + " values, far more than its " + std::to_string(stored) +
                         " stored bytes hold (damaged file?)",
                     "re-run the simulation");
  }
}
}  // namespace

std::vector<double> H5Reader::read(const std::string& name, std::vector<hsize_t>* dims) const {
  const std::vector<hsize_t> dataset_shape = shape(name);
  hsize_t total = 1;
  for (auto d : dataset_shape) {
    if (d != 0 && total > std::numeric_limits<hsize_t>::max() / d) {
      throw InputError(path_, name, "has an impossible shape (damaged file?)", "re-run the simulation");
    }
    total *= d;
  }
  hid_t ds = H5Dopen2(file_, name.c_str(), H5P_DEFAULT);
  try {
    check_claimed_size(ds, total, sizeof(double), path_, name);
  } catch (...) {
    H5Dclose(ds);
    throw;
  }
  std::vector<double> data(total);
  const herr_t status =
      total > 0 ? H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) : 0;
  H5Dclose(ds);
  if (status < 0) throw InputError(path_, name, "cannot read dataset (truncated file?)", "re-run the simulation");
  if (dims) *dims = dataset_shape;
  return data;
}

std::vector<hsize_t> H5Reader::shape(const std::string& name) const {
  if (!exists(name)) throw InputError(path_, name, "dataset missing", "the file may come from another Strider version");
  hid_t ds = H5Dopen2(file_, name.c_str(), H5P_DEFAULT);
  if (ds < 0) throw InputError(path_, name, "cannot open dataset", "the file may be corrupt");
  hid_t space = H5Dget_space(ds);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  H5Sclose(space);
  H5Dclose(ds);
  return dims;
}

std::vector<std::string> H5Reader::read_strings(const std::string& name) const {
  if (!exists(name)) throw InputError(path_, name, "dataset missing", "the file may come from another Strider version");
  hid_t ds = H5Dopen2(file_, name.c_str(), H5P_DEFAULT);
  hid_t space = H5Dget_space(ds);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  try {
    check_claimed_size(ds, static_cast<hsize_t>(std::max<hssize_t>(n, 0)), 16, path_, name);
  } catch (...) {
    H5Sclose(space);
    H5Dclose(ds);
    throw;
  }
  hid_t type = vlen_string_type();
  std::vector<char*> ptrs(static_cast<std::size_t>(std::max<hssize_t>(n, 0)), nullptr);
  const herr_t status = n > 0 ? H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) : 0;
  std::vector<std::string> out;
  for (char* p : ptrs) out.emplace_back(p ? p : "");
  // Each text was allocated by the library: free them one by one, also after a read that
  // failed part-way (a damaged file), where a reclaim over the whole space would miss some.
  for (char* p : ptrs) H5free_memory(p);
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(ds);
  if (status < 0) throw InputError(path_, name, "cannot read text dataset", "the file may be corrupt");
  return out;
}

std::string H5Reader::read_text(const std::string& name) const {
  const auto v = read_strings(name);
  return v.empty() ? std::string() : v.front();
}

bool H5Reader::has_attr(const std::string& object, const std::string& key) const {
  if (object != "/" && !exists(object)) return false;
  return H5Aexists_by_name(file_, object.c_str(), key.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> H5Reader::attr_strings(const std::string& object, const std::string& key) const {
  if (!has_attr(object, key)) throw InputError(path_, object + "@" + key, "attribute missing", "the file may come from another Strider version");
  hid_t a = H5Aopen_by_name(file_, object.c_str(), key.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  hid_t space = H5Aget_space(a);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (static_cast<long double>(std::max<hssize_t>(n, 0)) * 16.0L >
      4096.0L * static_cast<long double>(std::max<hsize_t>(H5Aget_storage_size(a), 4096))) {
    H5Sclose(space);
    H5Aclose(a);
    throw InputError(path_, object + "@" + key, "claims more text entries than it stores (damaged file?)",
                     "re-run the simulation");
  }
  hid_t type = vlen_string_type();
  std::vector<char*> ptrs(static_cast<std::size_t>(std::max<hssize_t>(n, 0)), nullptr);
  const herr_t status = H5Aread(a, type, ptrs.data());
  std::vector<std::string> out;
  for (char* p : ptrs) out.emplace_back(p ? p : "");
  // Each text was allocated by the library: free them one by one, also after a read that
  // failed part-way (a damaged file), where a reclaim over the whole space would miss some.
  for (char* p : ptrs) H5free_memory(p);
  H5Tclose(type);
  H5Sclose(space);
  H5Aclose(a);
  if (status < 0) throw InputError(path_, object + "@" + key, "attribute is not text", "the file may come from another Strider version");
  return out;
}

std::string H5Reader::attr_text(const std::string& object, const std::string& key) const {
  const auto v = attr_strings(object, key);
  return v.empty() ? std::string() : v.front();
}

double H5Reader::attr_number(const std::string& object, const std::string& key) const {
  if (!has_attr(object, key)) throw InputError(path_, object + "@" + key, "attribute missing", "the file may come from another Strider version");
  hid_t a = H5Aopen_by_name(file_, object.c_str(), key.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  double value = 0.0;
  const herr_t status = H5Aread(a, H5T_NATIVE_DOUBLE, &value);
  H5Aclose(a);
  if (status < 0) throw InputError(path_, object + "@" + key, "attribute is not a number", "the file may be corrupt");
  return value;
}

namespace {
#if H5_VERSION_GE(1, 12, 0)
using ObjectInfo = H5O_info2_t;
#define STRIDER_H5OVISIT(file, cb, out) H5Ovisit3(file, H5_INDEX_NAME, H5_ITER_INC, cb, out, H5O_INFO_BASIC)
#else
using ObjectInfo = H5O_info_t;
#define STRIDER_H5OVISIT(file, cb, out) H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, cb, out, H5O_INFO_BASIC)
#endif
herr_t collect(hid_t, const char* name, const ObjectInfo* info, void* out) {
  if (info->type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(out)->push_back(std::string("/") + name);
  return 0;
}
}  // namespace

std::vector<std::string> H5Reader::datasets() const {
  std::vector<std::string> out;
  if (STRIDER_H5OVISIT(file_, collect, &out) < 0) {
    throw InputError(path_, "", "cannot list the file's contents (corrupt?)", "re-run the simulation");
  }
  return out;
}

}  // namespace strider

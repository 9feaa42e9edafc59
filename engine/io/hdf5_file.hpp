#pragma once
// A thin RAII layer over the HDF5 C API: datasets of doubles with unit and name attributes,
// text datasets, and scalar attributes. Errors become exceptions (InputError when reading a
// file that is not what we expect, std::runtime_error when writing fails).
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace strider {

class H5Writer {
 public:
  explicit H5Writer(const std::string& path);  // creates (truncates) the file
  struct Append {};
  H5Writer(const std::string& path, Append);   // opens an existing file to add to it
  ~H5Writer();
  H5Writer(const H5Writer&) = delete;
  H5Writer& operator=(const H5Writer&) = delete;

  // Writes a row-major array of doubles. Intermediate groups are created.
  void write(const std::string& name, const double* data, const std::vector<hsize_t>& dims,
             const std::string& units, const std::vector<std::string>& names = {});
  void write_text(const std::string& name, const std::string& text);
  void write_strings(const std::string& name, const std::vector<std::string>& values);
  void attr(const std::string& object, const std::string& key, const std::string& value);
  void attr(const std::string& object, const std::string& key, double value);
  void attr(const std::string& object, const std::string& key, std::int64_t value);
  void close();

 private:
  hid_t file_ = -1;
  std::string path_;
};

class H5Reader {
 public:
  explicit H5Reader(const std::string& path);  // InputError when missing or not HDF5
  ~H5Reader();
  H5Reader(const H5Reader&) = delete;
  H5Reader& operator=(const H5Reader&) = delete;

  bool exists(const std::string& name) const;
  std::vector<double> read(const std::string& name, std::vector<hsize_t>* dims = nullptr) const;
  // A dataset's dimensions, without reading its data.
  std::vector<hsize_t> shape(const std::string& name) const;
  std::string read_text(const std::string& name) const;
  std::vector<std::string> read_strings(const std::string& name) const;
  bool has_attr(const std::string& object, const std::string& key) const;
  std::string attr_text(const std::string& object, const std::string& key) const;
  double attr_number(const std::string& object, const std::string& key) const;
  std::vector<std::string> attr_strings(const std::string& object, const std::string& key) const;
  // Every dataset path in the file, depth first in name order.
  std::vector<std::string> datasets() const;
  const std::string& path() const { return path_; }

 private:
  hid_t file_ = -1;
  std::string path_;
};

// Silences HDF5's own error printing (we report errors ourselves). Idempotent.
void quiet_hdf5_errors();

}  // namespace strider

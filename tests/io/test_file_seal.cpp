// The checksum seal: a complete file reads; a changed byte, a truncation or an unsealed HDF5
// file is refused with an InputError naming the file, before HDF5 parses it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/error.hpp"
#include "io/file_seal.hpp"
#include "analysis/gait_io.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"

namespace strider {
namespace {

namespace fs = std::filesystem;

std::string write_sample(const std::string& name) {
  const std::string path = (fs::temp_directory_path() / (name + std::to_string(::getpid()) + ".h5")).string();
  H5Writer out(path);
  const double values[4] = {1.0, 2.0, 3.0, 4.0};
  out.write("/values", values, {2, 2}, "m");
  out.close();
  return path;
}

std::string refusal(const std::string& path) {
  try {
    H5Reader in(path);
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    return e.problem();
  }
  return "";
}

TEST(FileSeal, CompleteFileReads) {
  const std::string path = write_sample("seal_ok");
  H5Reader in(path);
  EXPECT_EQ(in.read("/values").size(), 4u);
  fs::remove(path);
}

TEST(FileSeal, ChangedTruncatedAndUnsealedFilesAreRefused) {
  const std::string path = write_sample("seal_changed");
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(path) / 2));
    f.put('\x5a');
  }
  EXPECT_NE(refusal(path).find("checksum"), std::string::npos);
  fs::resize_file(path, fs::file_size(path) - 100);
  EXPECT_NE(refusal(path).find("checksum"), std::string::npos);
  fs::remove(path);

  const std::string plain = (fs::temp_directory_path() / ("seal_plain" + std::to_string(::getpid()) + ".h5")).string();
  const hid_t file = H5Fcreate(plain.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(file);
  EXPECT_NE(refusal(plain).find("no checksum seal"), std::string::npos);
  fs::remove(plain);
  EXPECT_NE(refusal(plain).find("not found"), std::string::npos);
}

// A sealed file from a newer layout is refused by the readers, naming the version.
TEST(FileSeal, NewerLayoutIsRefused) {
  const std::string path = (fs::temp_directory_path() / ("seal_newer" + std::to_string(::getpid()) + ".h5")).string();
  {
    H5Writer out(path);
    const double t[2] = {0.0, 0.01};
    out.write("/time", t, {2}, "s");
    out.attr("/", "layout_version", static_cast<std::int64_t>(kHdf5LayoutVersion + 1));
    out.close();
  }
  try {
    load_gait_data(path);
    ADD_FAILURE() << "a newer layout was read";
  } catch (const InputError& e) {
    EXPECT_EQ(e.key(), "layout_version");
    EXPECT_NE(e.problem().find("newer"), std::string::npos) << e.what();
  }
  fs::remove(path);
}

}  // namespace
}  // namespace strider

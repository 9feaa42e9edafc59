// libFuzzer target: the HDF5 run reader behind `strider summary` and `strider compare`. The input
// bytes are written to a file, which is read and analysed; it must give a result or an
// InputError. Built twice: fuzz_run_file reads the bytes as they are (the checksum seal turns
// away nearly every change); fuzz_run_file_sealed seals them first, so that damaged contents
// reach the HDF5 reader and the analysis, as from a faulty writer (STRIDER_FUZZ_SEAL).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "analysis/compare.hpp"
#include "analysis/gait.hpp"
#include "analysis/gait_io.hpp"
#include "analysis/stance_curves.hpp"
#include "core/error.hpp"
#include "io/file_seal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("strider_fuzz_run_" + std::to_string(::getpid()) + ".h5")).string();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
  try {
#ifdef STRIDER_FUZZ_SEAL
    if (size >= strider::kSealBytes) strider::seal_file(path);
#endif
    const strider::GaitData gait = strider::load_gait_data(path);
    const strider::GaitSummary summary = strider::analyze_gait(gait);
    strider::stance_curves(gait, summary);
    strider::comparison_table(strider::compare_runs({path, path}));
  } catch (const strider::InputError&) {
  }
  return 0;
}

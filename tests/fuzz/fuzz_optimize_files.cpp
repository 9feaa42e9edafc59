// libFuzzer target: the files `strider optimize` writes and reads back, a parameter file
// (strider run --params) and a checkpoint (--resume). Input: a first byte choosing the reader,
// then the file's text. A checkpoint that parses is also restored into a CMA-ES of its size,
// which must refuse it or ask for candidates.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "optimize/checkpoint.hpp"
#include "optimize/parameter_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (data[0] % 2 == 0) {
      strider::best_value_overrides(strider::parse_parameter_file(text, "fuzz.txt"));
    } else {
      const strider::Checkpoint c = strider::parse_checkpoint(text, "checkpoint.yaml");
      strider::CmaesSettings s;
      const long n = static_cast<long>(c.names.size());
      if (n > 64) return 0;  // keeps each input fast; sizes are checked above this anyway
      s.initial_mean = strider::VecX::Zero(n);
      s.initial_spread = strider::VecX::Ones(n);
      s.lambda = c.lambda > 64 ? 64 : c.lambda;
      strider::Cmaes es(s);
      es.restore(c.state);
      es.ask();
      es.stop_reason();
    }
  } catch (const strider::InputError&) {
  }
  return 0;
}

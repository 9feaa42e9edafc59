// libFuzzer target: the model YAML loader. Any input must load or give an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "model/model_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    strider::load_model_text(text, "fuzz_model.yaml", {70.0, 1.75});
  } catch (const strider::InputError&) {
  }
  return 0;
}

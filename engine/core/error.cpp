#include "core/error.hpp"

namespace strider {
namespace {
std::string compose(const std::string& file, const std::string& key, const std::string& problem,
                    const std::string& fix) {
  std::string text = file.empty() ? std::string("<input>") : file;
  if (!key.empty()) text += ": " + key;
  text += ": " + problem;
  if (!fix.empty()) text += " (fix: " + fix + ")";
  return text;
}
}  // namespace

InputError::InputError(std::string file, std::string key, std::string problem, std::string fix)
    : std::runtime_error(compose(file, key, problem, fix)),
      file_(std::move(file)),
      key_(std::move(key)),
      problem_(std::move(problem)),
      fix_(std::move(fix)) {}

}  // namespace strider

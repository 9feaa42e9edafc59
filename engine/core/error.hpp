#pragma once
// Error types that carry what a user needs to fix bad input.
#include <stdexcept>
#include <string>

namespace strider {

// Bad input: a file, the key (or line) inside it, the problem, and how to fix it.
// The command line maps it to exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string key, std::string problem, std::string fix = {});
  const std::string& file() const { return file_; }
  const std::string& key() const { return key_; }
  const std::string& problem() const { return problem_; }
  const std::string& fix() const { return fix_; }

 private:
  std::string file_, key_, problem_, fix_;
};

// A run that failed for physical or numerical reasons (divergence). Exit code 1.
class SimulationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace strider

#pragma once
// Strict reading of YAML maps: every key is either read or reported as unknown, every number
// must be finite, and every error names the file, the key path and a fix.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/math.hpp"

namespace strider {

// Closest candidate to `word` by edit distance, or "" when nothing is reasonably close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// Parses YAML text; a syntax error becomes an InputError naming the file and line.
YAML::Node parse_yaml(const std::string& text, const std::string& file);

// Reads a file into a string; a missing file is an InputError.
std::string read_text_file(const std::string& path, const std::string& what);

class YamlMap {
 public:
  // `path` is the dotted key path of this map inside the file ("" for the top level).
  YamlMap(const YAML::Node& node, std::string file, std::string path);

  bool has(const std::string& key) const;
  const std::string& file() const { return file_; }
  std::string key_path(const std::string& key) const;

  // Required values (throw if missing) and optional ones (default when missing).
  double number(const std::string& key);
  double number(const std::string& key, double fallback);
  double number_in(const std::string& key, double fallback, double lo, double hi);
  bool flag(const std::string& key, bool fallback);
  std::vector<std::string> texts(const std::string& key);
  std::string text(const std::string& key);
  std::string text(const std::string& key, const std::string& fallback);
  Vec3 vec3(const std::string& key);
  Vec3 vec3(const std::string& key, const Vec3& fallback);
  std::vector<double> numbers(const std::string& key, std::size_t count);
  YamlMap map(const std::string& key);
  std::optional<YamlMap> optional_map(const std::string& key);
  // A list of maps; each element's path is key[i].
  std::vector<YamlMap> map_list(const std::string& key, bool required);
  const YAML::Node& raw(const std::string& key);

  // Throws for every key that was never read, suggesting the nearest known key.
  void finish(const std::vector<std::string>& known_keys_extra = {}) const;

  // Error helper for callers: names this file and the key.
  [[noreturn]] void fail(const std::string& key, const std::string& problem,
                         const std::string& fix = {}) const;

 private:
  const YAML::Node& child(const std::string& key);
  double to_number(const YAML::Node& node, const std::string& key) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace strider

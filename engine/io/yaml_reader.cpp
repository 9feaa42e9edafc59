#include "io/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace strider {

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

namespace {
// Every key of every map must be a plain scalar (the readers look keys up by name), and the
// nesting stays shallow; anything else is an input error, not an exception from deep inside.
void check_keys(const YAML::Node& node, const std::string& file, int depth) {
  if (depth > 32) {
    throw InputError(file, "line " + std::to_string(node.Mark().line + 1), "nested more than 32 levels deep",
                     "flatten the structure; Strider's files nest at most a few levels");
  }
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        throw InputError(file, "line " + std::to_string(kv.first.Mark().line + 1),
                         "a key must be a plain name, not a list or map", "write the key as a word, e.g. duration_s:");
      }
      check_keys(kv.second, file, depth + 1);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) check_keys(item, file, depth + 1);
  }
}
}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(file, "line " + std::to_string(e.mark.line + 1), "YAML syntax error: " + e.msg,
                     "correct the YAML syntax at that line");
  }
  check_keys(node, file, 0);
  return node;
}

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path, "", what + " file not found or not readable",
                     "check the path and the file's permissions");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

YamlMap::YamlMap(const YAML::Node& node, std::string file, std::string path)
    : node_(node), file_(std::move(file)), path_(std::move(path)) {
  if (!node_.IsMap() && !(node_.IsNull() && path_.empty())) {
    throw InputError(file_, path_.empty() ? "(top level)" : path_, "expected a map of key: value",
                     "write this entry as `key: value` lines");
  }
}

std::string YamlMap::key_path(const std::string& key) const {
  if (key.empty()) return path_;
  return path_.empty() ? key : path_ + "." + key;
}

bool YamlMap::has(const std::string& key) const { return node_.IsMap() && node_[key].IsDefined(); }

void YamlMap::fail(const std::string& key, const std::string& problem, const std::string& fix) const {
  throw InputError(file_, key_path(key), problem, fix);
}

const YAML::Node& YamlMap::raw(const std::string& key) { return child(key); }

const YAML::Node& YamlMap::child(const std::string& key) {
  read_.insert(key);
  static thread_local YAML::Node holder;
  holder.reset(node_[key]);
  if (!holder.IsDefined() || holder.IsNull()) fail(key, "missing required key", "add `" + key + ":`");
  return holder;
}

double YamlMap::to_number(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) fail(key, "expected a number", "give a plain number");
  const std::string& s = node.Scalar();
  double value = 0.0;
  std::size_t used = 0;
  try {
    value = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  // YAML spellings of non-finite numbers are rejected like the C spellings.
  if (s == ".nan" || s == ".NaN" || s == ".NAN" || s == ".inf" || s == ".Inf" || s == "-.inf" ||
      s == "-.Inf" || s == "+.inf") {
    fail(key, "non-finite number '" + s + "'", "give a finite number");
  }
  if (used == 0 || used != s.size()) fail(key, "'" + s + "' is not a number", "give a plain number");
  if (!std::isfinite(value)) fail(key, "non-finite number '" + s + "'", "give a finite number");
  return value;
}

double YamlMap::number(const std::string& key) { return to_number(child(key), key); }

double YamlMap::number(const std::string& key, double fallback) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  return number(key);
}

double YamlMap::number_in(const std::string& key, double fallback, double lo, double hi) {
  const double v = number(key, fallback);
  if (v < lo || v > hi) {
    std::ostringstream range;
    range << "value " << v << " is out of range [" << lo << ", " << hi << "]";
    std::ostringstream fix;
    fix << "choose a value from " << lo << " to " << hi;
    fail(key, range.str(), fix.str());
  }
  return v;
}

bool YamlMap::flag(const std::string& key, bool fallback) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  const std::string value = text(key);
  if (value == "true") return true;
  if (value == "false") return false;
  fail(key, "expected true or false, got '" + value + "'", "write true or false");
}

std::vector<std::string> YamlMap::texts(const std::string& key) {
  YAML::Node n = child(key);
  if (!n.IsSequence()) fail(key, "expected a list of names", "write it as [a, b]");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar()) fail(key, "expected a list of names", "write it as [a, b]");
    out.push_back(n[i].Scalar());
  }
  return out;
}

std::string YamlMap::text(const std::string& key) {
  const YAML::Node& n = child(key);
  if (!n.IsScalar()) fail(key, "expected a text value", "give a single word or quoted text");
  return n.Scalar();
}

std::string YamlMap::text(const std::string& key, const std::string& fallback) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  return text(key);
}

std::vector<double> YamlMap::numbers(const std::string& key, std::size_t count) {
  YAML::Node n = child(key);
  if (!n.IsSequence() || n.size() != count) {
    fail(key, "expected a list of " + std::to_string(count) + " numbers",
         "write it as [" + std::string(count == 3 ? "x, y, z" : "a, b") + "]");
  }
  std::vector<double> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(to_number(n[i], key));
  return out;
}

Vec3 YamlMap::vec3(const std::string& key) {
  const auto v = numbers(key, 3);
  return {v[0], v[1], v[2]};
}

Vec3 YamlMap::vec3(const std::string& key, const Vec3& fallback) {
  if (!has(key)) {
    read_.insert(key);
    return fallback;
  }
  return vec3(key);
}

YamlMap YamlMap::map(const std::string& key) { return YamlMap(child(key), file_, key_path(key)); }

std::optional<YamlMap> YamlMap::optional_map(const std::string& key) {
  if (!has(key)) {
    read_.insert(key);
    return std::nullopt;
  }
  return map(key);
}

std::vector<YamlMap> YamlMap::map_list(const std::string& key, bool required) {
  if (!has(key) && !required) {
    read_.insert(key);
    return {};
  }
  YAML::Node n = child(key);
  if (!n.IsSequence()) fail(key, "expected a list", "write each entry on a line starting with '- '");
  std::vector<YamlMap> out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    out.emplace_back(n[i], file_, key_path(key) + "[" + std::to_string(i) + "]");
  }
  return out;
}

void YamlMap::finish(const std::vector<std::string>& known_keys_extra) const {
  if (!node_.IsMap()) return;
  std::vector<std::string> known(read_.begin(), read_.end());
  known.insert(known.end(), known_keys_extra.begin(), known_keys_extra.end());
  for (const auto& kv : node_) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string suggestion = closest_match(key, known);
    throw InputError(file_, key_path(key), "unknown key",
                     suggestion.empty() ? "remove it; known keys here are listed in the docs"
                                        : "did you mean '" + suggestion + "'?");
  }
}

}  // namespace strider

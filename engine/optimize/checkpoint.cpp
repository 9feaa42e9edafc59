#include "optimize/checkpoint.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "io/yaml_reader.hpp"

namespace strider {

namespace {

// YAML spellings for the values a fitness can take besides finite numbers.
std::string number(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  return format17(v);
}

std::string list(const VecX& v) {
  std::string out = "[";
  for (long i = 0; i < v.size(); ++i) out += (i ? ", " : "") + number(v[i]);
  return out + "]";
}

const char* const kFix = "start again without --resume (or delete checkpoint.yaml)";

class Reader {
 public:
  Reader(const YAML::Node& root, std::string path) : root_(root), path_(std::move(path)) {}

  const YAML::Node node(const std::string& key) const {
    const YAML::Node n = root_[key];
    if (!n.IsDefined() || n.IsNull()) fail(key, "missing");
    return n;
  }
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw InputError(path_, key, problem + " in the checkpoint", kFix);
  }
  double real(const YAML::Node& n, const std::string& key, bool finite = true) const {
    if (!n.IsScalar()) fail(key, "not a number");
    double v = 0.0;
    try {
      v = n.as<double>();
    } catch (const YAML::Exception&) {
      fail(key, "not a number");
    }
    if (finite && !std::isfinite(v)) fail(key, "not a finite number");
    if (std::isnan(v)) fail(key, "not a number");
    return v;
  }
  double real(const std::string& key, bool finite = true) const { return real(node(key), key, finite); }
  std::int64_t whole(const std::string& key, double lo, double hi) const { return whole(node(key), key, lo, hi); }
  std::int64_t whole(const YAML::Node& n, const std::string& key, double lo, double hi) const {
    const double v = real(n, key);
    if (v != std::floor(v) || v < lo || v > hi) fail(key, "not a whole number in range");
    return static_cast<std::int64_t>(v);
  }
  VecX vector(const std::string& key, long n) const {
    const YAML::Node l = node(key);
    if (!l.IsSequence() || static_cast<long>(l.size()) != n) fail(key, "not a list of " + std::to_string(n) + " numbers");
    VecX v(n);
    for (long i = 0; i < n; ++i) v[i] = real(l[static_cast<std::size_t>(i)], key);
    return v;
  }

 private:
  YAML::Node root_;
  std::string path_;
};

}  // namespace

std::string format_checkpoint(const Checkpoint& c) {
  const CmaesState& s = c.state;
  std::ostringstream out;
  out << "# strider optimize checkpoint: the CMA-ES state after generation " << s.generation << "\n";
  out << "format: " << Checkpoint::kFormat << "\n";
  out << "scenario_hash: \"" << c.scenario_hash << "\"\n";
  out << "parameters: [";
  for (std::size_t i = 0; i < c.names.size(); ++i) out << (i ? ", " : "") << "\"" << c.names[i] << "\"";
  out << "]\n";
  out << "lambda: " << c.lambda << "\n";
  out << "seed: " << c.seed << "\n";
  out << "generation: " << s.generation << "\n";
  out << "evaluations: " << s.evaluations << "\n";
  out << "sigma: " << number(s.sigma) << "\n";
  out << "mean: " << list(s.mean) << "\n";
  out << "covariance:\n";
  for (long r = 0; r < s.C.rows(); ++r) out << "  - " << list(s.C.row(r).transpose()) << "\n";
  out << "p_sigma: " << list(s.p_sigma) << "\n";
  out << "p_c: " << list(s.p_c) << "\n";
  out << "has_best: " << (s.has_best ? "true" : "false") << "\n";
  out << "best_x: " << list(s.best_x) << "\n";
  out << "best_fitness: " << number(s.best_fitness) << "\n";
  out << "last_fitness_range: " << number(s.last_fitness_range) << "\n";
  out << "best_history: " << list(Eigen::Map<const VecX>(s.best_history.data(), static_cast<long>(s.best_history.size())))
      << "\n";
  out << "# generation, evaluations, best, mean, best_ever, sigma, failed\n";
  out << "history:\n";
  for (const auto& h : c.history) {
    out << "  - [" << h.generation << ", " << h.evaluations << ", " << number(h.best_fitness) << ", "
        << number(h.mean_fitness) << ", " << number(h.best_ever) << ", " << number(h.sigma) << ", " << h.failed << "]\n";
  }
  return out.str();
}

Checkpoint parse_checkpoint(const std::string& text, const std::string& path) {
  const YAML::Node root = parse_yaml(text, path);
  if (!root.IsMap()) throw InputError(path, "", "not a checkpoint (expected a map of keys)", kFix);
  const Reader r(root, path);
  if (r.whole("format", 0, 1e9) != Checkpoint::kFormat) r.fail("format", "an unknown checkpoint format");
  Checkpoint c;
  const YAML::Node hash = r.node("scenario_hash");
  if (!hash.IsScalar()) r.fail("scenario_hash", "not text");
  c.scenario_hash = hash.Scalar();
  const YAML::Node names = r.node("parameters");
  if (!names.IsSequence() || names.size() == 0 || names.size() > 10000) r.fail("parameters", "not a list of names");
  for (const auto& n : names) {
    if (!n.IsScalar()) r.fail("parameters", "not a list of names");
    c.names.push_back(n.Scalar());
  }
  const long n = static_cast<long>(c.names.size());
  c.lambda = static_cast<int>(r.whole("lambda", 2, 1e6));
  const YAML::Node seed = r.node("seed");
  try {
    c.seed = seed.as<std::uint64_t>();
  } catch (const YAML::Exception&) {
    r.fail("seed", "not a whole number");
  }
  CmaesState& s = c.state;
  s.generation = static_cast<int>(r.whole("generation", 0, 1e9));
  s.evaluations = r.whole("evaluations", 0, 9e15);
  s.sigma = r.real("sigma");
  if (!(s.sigma > 0.0)) r.fail("sigma", "not positive");
  s.mean = r.vector("mean", n);
  const YAML::Node cov = r.node("covariance");
  if (!cov.IsSequence() || static_cast<long>(cov.size()) != n) r.fail("covariance", "not " + std::to_string(n) + " rows");
  for (long i = 0; i < n; ++i) {  // every row's length before allocating n × n
    const YAML::Node row = cov[static_cast<std::size_t>(i)];
    if (!row.IsSequence() || static_cast<long>(row.size()) != n) r.fail("covariance", "a row is not " + std::to_string(n) + " numbers");
  }
  s.C.resize(n, n);
  for (long i = 0; i < n; ++i) {
    const YAML::Node row = cov[static_cast<std::size_t>(i)];
    for (long j = 0; j < n; ++j) s.C(i, j) = r.real(row[static_cast<std::size_t>(j)], "covariance");
  }
  s.p_sigma = r.vector("p_sigma", n);
  s.p_c = r.vector("p_c", n);
  const YAML::Node has_best = r.node("has_best");
  try {
    s.has_best = has_best.as<bool>();
  } catch (const YAML::Exception&) {
    r.fail("has_best", "not true or false");
  }
  s.best_x = r.vector("best_x", n);
  s.best_fitness = r.real("best_fitness");
  s.last_fitness_range = r.real("last_fitness_range", false);
  const YAML::Node best_history = r.node("best_history");
  if (!best_history.IsSequence() || static_cast<int>(best_history.size()) != s.generation) {
    r.fail("best_history", "not one value per generation");
  }
  for (const auto& v : best_history) s.best_history.push_back(r.real(v, "best_history", false));
  const YAML::Node history = r.node("history");
  if (!history.IsSequence() || static_cast<int>(history.size()) != s.generation) r.fail("history", "not one row per generation");
  for (const auto& row : history) {
    if (!row.IsSequence() || row.size() != 7) r.fail("history", "a row is not 7 values");
    GenerationRecord h;
    h.generation = static_cast<int>(r.whole(row[0], "history", 1, 1e9));
    h.evaluations = r.whole(row[1], "history", 0, 9e15);
    h.best_fitness = r.real(row[2], "history", false);
    h.mean_fitness = r.real(row[3], "history", false);
    h.best_ever = r.real(row[4], "history", false);
    h.sigma = r.real(row[5], "history");
    h.failed = static_cast<int>(r.whole(row[6], "history", 0, 1e6));
    c.history.push_back(h);
  }
  return c;
}

Checkpoint read_checkpoint(const std::string& path) { return parse_checkpoint(read_text_file(path, "checkpoint"), path); }

}  // namespace strider

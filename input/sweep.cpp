#include "input/sweep.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <toml++/toml.h>

#include "input/scenario_reader.h"
#include "input/toml_util.h"
#include "models/streams.h"
#include "sim/design.h"
#include "sim/errors.h"
#include "sim/random.h"

namespace yjsim::input {

using namespace models;

namespace {

using sim::InputError;

// Where an axis writes: a parameter element, or an intervention field.
struct Target {
  const ParamDecl* decl = nullptr;
  std::size_t index = 0;
  std::string intervention, field;  // for intervention.<name>.[effect.]<field>
  const InterventionField* field_decl = nullptr;
};

// The intervention fields a sweep may move (the field table's sweepable numbers).
std::string sweepable_fields() {
  std::string names;
  for (const auto& f : intervention_fields())
    if (f.sweepable) names += (names.empty() ? "" : ", ") + std::string(f.name);
  return names;
}

Target resolve(const Axis& a, const Scenario& base, const std::string& file) {
  Target t;
  const std::string& name = a.parameter;
  if (name.rfind("intervention.", 0) == 0) {
    const auto rest = name.substr(13);
    const auto dot = rest.find('.');
    t.intervention = rest.substr(0, dot);
    t.field = dot == std::string::npos ? "" : rest.substr(dot + 1);
    bool found = false;
    for (const auto& v : base.variants)
      for (const auto& iv : v.interventions) found |= iv.name == t.intervention;
    if (!found) throw InputError(file, a.line, "axis.parameter", "\"" + name + "\": no intervention named " + t.intervention,
                                 "intervention.<name of an intervention in the base scenario>.<field>");
    const auto* f = find_intervention_field(t.field);
    if (!f || !f->sweepable)
      throw InputError(file, a.line, "axis.parameter", "\"" + name + "\"", "intervention fields " + sweepable_fields());
    t.field_decl = f;
    return t;
  }
  std::string pname = name;
  const auto bracket = name.find('[');
  if (bracket != std::string::npos) {
    // name[i]: i a whole number written in digits, nothing after the bracket
    const std::string digits = name.size() > bracket + 2 && name.back() == ']' ? name.substr(bracket + 1, name.size() - bracket - 2) : "";
    const bool ok = !digits.empty() && digits.size() <= 6 &&
                    std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok)
      throw InputError(file, a.line, "axis.parameter", "\"" + name + "\"",
                       "parameter[i] with i a whole number from 0 (one element of an array parameter)");
    pname = name.substr(0, bracket);
    t.index = static_cast<std::size_t>(std::stoul(digits));
  }
  if (pname.rfind("run.", 0) == 0)
    throw InputError(file, a.line, "axis.parameter", "\"" + name + "\" (a run setting)",
                     "a model parameter or intervention field: run settings are the same at every point (set "
                     "replicates and seed at the top of the sweep file; run one sweep per horizon)");
  for (const auto& d : parameter_table())
    if (pname == d.name) t.decl = &d;
  if (!t.decl) throw InputError(file, a.line, "axis.parameter", "\"" + name + "\"", "a parameter listed by `yjsim params`, or intervention.<name>.<field>");
  if (t.index >= t.decl->default_value.size())
    throw InputError(file, a.line, "axis.parameter", "\"" + name + "\"", "an element index below " + std::to_string(t.decl->default_value.size()));
  if (t.decl->default_value.size() > 1 && bracket == std::string::npos)
    throw InputError(file, a.line, "axis.parameter", "\"" + name + "\" (an array)", "one element, e.g. " + name + "[0]");
  return t;
}

void apply(Scenario& s, const Target& t, double x) {
  for (auto& v : s.variants) {
    if (t.decl) {
      t.decl->ref(v.params)[t.index] = x;
      continue;
    }
    for (auto& iv : v.interventions) {
      if (iv.name != t.intervention) continue;
      if (t.field == "effect.offending_rr" && iv.offending_rr > 0) {  // keep the interval's relative width
        iv.rr_low *= x / iv.offending_rr;
        iv.rr_high *= x / iv.offending_rr;
      }
      iv.*t.field_decl->value = x;
    }
  }
}

std::vector<double> range(double from, double to, long steps, bool log) {
  std::vector<double> v;
  for (long i = 0; i < steps; ++i) {
    const double f = steps == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(steps - 1);
    v.push_back(log ? std::exp(std::log(from) + f * (std::log(to) - std::log(from))) : from + f * (to - from));
  }
  return v;
}

class SweepReader {
 public:
  explicit SweepReader(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(const toml::node& n, const std::string& field, const std::string& found,
                         const std::string& allowed) const {
    throw InputError(file_, line_of(n), field, found, allowed);
  }
  double number(const toml::node& n, const std::string& field) const {
    auto v = n.value<double>();
    if (!v || n.is_boolean() || !std::isfinite(*v)) fail(n, field, "not a number", "a number");
    return *v;
  }
  long whole(const toml::node& n, const std::string& field, long lo, long hi) const {
    const double x = number(n, field);
    if (x != std::floor(x) || x < static_cast<double>(lo) || x > static_cast<double>(hi))
      fail(n, field, fmt(x), "a whole number " + std::to_string(lo) + " .. " + std::to_string(hi));
    return static_cast<long>(x);
  }
  // A seed, read as strictly as run.seed in a scenario: a TOML integer 0 .. 2^63 - 1 (never through a double).
  std::uint64_t seed(const toml::node& n, const std::string& field) const {
    const auto v = n.value<std::int64_t>();
    if (!n.is_integer() || !v || *v < 0) fail(n, field, describe(n), "a whole number 0 .. 2^63 - 1");
    return static_cast<std::uint64_t>(*v);
  }
  std::string string(const toml::node& n, const std::string& field) const {
    auto v = n.value<std::string>();
    if (!v) fail(n, field, "not a string", "a string");
    return *v;
  }

  Axis axis(const toml::node& node, Design design) const {
    const auto* t = node.as_table();
    if (!t) fail(node, "axis", "not a table", "[[axis]] tables");
    Axis a;
    a.line = line_of(node);
    long steps = 0;
    bool has_from = false, has_to = false;
    for (const auto& [k, v] : *t) {
      const std::string key(k.str()), field = "axis." + key;
      if (key == "parameter") a.parameter = string(v, field);
      else if (key == "values") {
        const auto* arr = v.as_array();
        if (!arr || arr->empty()) fail(v, field, arr ? "an empty list" : "not a list", "a non-empty list of numbers");
        for (const auto& e : *arr) a.values.push_back(number(e, field));
      } else if (key == "from") { a.from = number(v, field); has_from = true; }
      else if (key == "to") { a.to = number(v, field); has_to = true; }
      else if (key == "steps") steps = whole(v, field, 1, 100000);
      else if (key == "scale") {
        const std::string sc = string(v, field);
        if (sc != "linear" && sc != "log") fail(v, field, "\"" + sc + "\"", "linear, log");
        a.log = sc == "log";
      } else fail(v, field, "an unknown key", "parameter, values, from, to, steps, scale");
    }
    if (a.parameter.empty()) fail(node, "axis.parameter", "no parameter", "the name of a parameter to sweep");
    const bool ranged = has_from || has_to;
    if (ranged && !(has_from && has_to)) fail(node, "axis.from", "only one end of the range", "both from and to");
    if (ranged && !(a.from < a.to)) fail(node, "axis.from", "from " + fmt(a.from) + ", to " + fmt(a.to), "an empty range is not allowed: from < to");
    if (a.log && ranged && !(a.from > 0)) fail(node, "axis.from", fmt(a.from), "a log range above 0");
    if (design == Design::lhs) {
      if (!ranged) fail(node, "axis", "no range", "from and to (a Latin hypercube samples ranges)");
      if (!a.values.empty()) fail(node, "axis.values", "a list of values", "from and to only, for design = \"lhs\"");
    } else {
      if (ranged) {
        if (steps == 0) fail(node, "axis.steps", "no steps", "steps >= 1 with from and to");
        a.values = range(a.from, a.to, steps, a.log);
      }
      if (a.values.empty()) fail(node, "axis", "no values", "values = [...] or from, to and steps");
    }
    return a;
  }

 private:
  std::string file_;
};

// Every value of an axis within what its parameter or field allows (before any point is built).
void check_values(const Sweep& s, const Axis& a, const Target& t) {
  const double lo = t.decl ? t.decl->min : t.field_decl->min, hi = t.decl ? t.decl->max : t.field_decl->max;
  const bool whole = t.decl ? t.decl->integer : t.field_decl->kind == FieldKind::whole;
  auto check = [&](double x) {
    if (x < lo || x > hi || (whole && x != std::floor(x)))
      throw InputError(s.file, a.line, "axis " + a.parameter, fmt(x), fmt(lo) + " .. " + fmt(hi) + (whole ? ", whole numbers" : ""));
  };
  for (double x : a.values) check(x);
  if (a.values.empty()) {
    check(a.from);
    check(a.to);
  }
}

std::vector<Target> targets_of(const Sweep& s) {
  std::vector<Target> t;
  for (const auto& a : s.axes) t.push_back(resolve(a, s.base, s.file));
  return t;
}

// The base scenario (or `proto`, a copy of it) with point p's values set, validated like a scenario file.
Scenario point_scenario(const Sweep& s, const std::vector<Target>& targets, std::size_t point, const Scenario& proto) {
  Scenario sc = proto;
  for (std::size_t j = 0; j < s.axes.size(); ++j) apply(sc, targets[j], s.points[point][j]);
  // Validate the point like any scenario: a probability table pushed off 1, an effect outside its interval...
  try {
    validate(sc);
    return sc;
  } catch (const Invalid& e) {
    std::string values;
    for (std::size_t j = 0; j < s.axes.size(); ++j)
      values += (j ? ", " : "") + s.axes[j].parameter + " = " + fmt(s.points[point][j]);
    throw InputError(s.file, s.axes.front().line, "axis", "point " + std::to_string(point) + " (" + values + ") makes an invalid scenario: " + e.what(),
                     "values that keep the scenario valid");
  }
}

}  // namespace

bool is_sweep_file(const std::string& path) {
  std::string text;
  std::string problem;
  if (!try_read_text_file(path, text, problem)) return false;  // the scenario reader then says why
  try {
    return toml::parse(text, path).contains("axis");
  } catch (const toml::parse_error&) {
    return false;
  }
}

const char* design_name(Design d) { return d == Design::grid ? "grid" : d == Design::list ? "list" : "lhs"; }

std::uint64_t Sweep::fingerprint() const {
  std::uint64_t h = 1469598103934665603ULL;
  auto add = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  };
  add(text);
  add(base.text);
  return h;
}

Sweep parse_sweep(const std::string& text, const std::string& file, const SweepOptions& options) {
  SweepReader r(file);
  const toml::table root = parse_toml(text, file);
  Sweep s;
  s.file = file;
  s.text = text;
  long n = -1;
  std::optional<long> replicates;
  std::optional<std::uint64_t> seed, lhs_seed;
  const toml::node* base_node = nullptr;
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    if (key == "base" || key == "scenario") base_node = &v;
    else if (key == "design") {
      const std::string d = r.string(v, key);
      if (d != "grid" && d != "list" && d != "lhs") r.fail(v, key, "\"" + d + "\"", "grid, list, lhs");
      s.design = d == "grid" ? Design::grid : d == "list" ? Design::list : Design::lhs;
    } else if (key == "points") n = r.whole(v, key, -(1L << 52), 1L << 52);
    else if (key == "replicates") replicates = r.whole(v, key, 1, 100000);
    else if (key == "seed") seed = r.seed(v, key);
    else if (key == "lhs_seed") lhs_seed = r.seed(v, key);
    else if (key == "axis") continue;
    else r.fail(v, key, "an unknown key", "base (or [scenario]), design, points, lhs_seed, replicates, seed, [[axis]]");
  }
  if (!base_node) throw InputError(file, 0, "base", "no base scenario", "base = \"scenario.toml\" or an inline [scenario] table");
  if (const auto* path = base_node->as_string()) {
    s.base_file = (std::filesystem::path(file).parent_path() / path->get()).string();
    s.base = load_scenario(s.base_file);
  } else if (const auto* t = base_node->as_table()) {
    s.base = parse_scenario(to_toml(*t), file + " [scenario]");
  } else {
    r.fail(*base_node, "base", "neither a path nor a table", "base = \"scenario.toml\" or [scenario]");
  }
  for (auto& v : s.base.variants) {
    if (replicates) v.params.run.replicates = static_cast<double>(*replicates);
    if (seed) v.params.run.seed = *seed;
  }
  s.lhs_seed = lhs_seed.value_or(s.base.baseline().run.seed);
  const auto* axes = root.get("axis");
  if (!axes || !axes->as_array() || axes->as_array()->empty())
    throw InputError(file, 0, "axis", "no axes", "at least one [[axis]] table");
  for (const auto& node : *axes->as_array()) s.axes.push_back(r.axis(node, s.design));
  for (const auto& a : s.axes) check_values(s, a, resolve(a, s.base, file));
  const std::size_t max_points = options.max_points;
  const std::string allowed_points = "at most " + std::to_string(max_points) + " points in one sweep";
  if (s.design == Design::lhs) {
    if (n <= 0) r.fail(root.get("points") ? *root.get("points") : root, "points",
                       n < 0 ? "no points or a negative number" : "0", "points = N >= 1 for design = \"lhs\"");
    if (static_cast<std::size_t>(n) > max_points) r.fail(*root.get("points"), "points", std::to_string(n), allowed_points);
    // Unit points, scaled to each axis's range (log axes on the log scale).
    s.points = sim::latin_hypercube(static_cast<std::size_t>(n), s.axes.size(), sim::Stream(s.lhs_seed, purpose_id(Purpose::lhs)));
    for (auto& pt : s.points)
      for (std::size_t j = 0; j < s.axes.size(); ++j) {
        const auto& a = s.axes[j];
        const double u = pt[j];
        pt[j] = a.log ? std::exp(std::log(a.from) + u * (std::log(a.to) - std::log(a.from))) : a.from + u * (a.to - a.from);
      }
  } else if (s.design == Design::list) {
    for (const auto& a : s.axes)
      if (a.values.size() != s.axes[0].values.size())
        throw InputError(file, a.line, "axis.values", std::to_string(a.values.size()) + " values",
                         std::to_string(s.axes[0].values.size()) + " values, as the first axis (design = \"list\")");
    if (s.axes[0].values.size() > max_points)
      throw InputError(file, s.axes[0].line, "axis.values", std::to_string(s.axes[0].values.size()) + " points", allowed_points);
    for (std::size_t i = 0; i < s.axes[0].values.size(); ++i) {
      std::vector<double> p;
      for (const auto& a : s.axes) p.push_back(a.values[i]);
      s.points.push_back(p);
    }
  } else {  // full grid, first axis slowest; its size known (and bounded) before anything is built
    std::size_t total = 1;
    std::string dims;
    long double product = 1;
    for (const auto& a : s.axes) {
      product *= static_cast<long double>(a.values.size());
      dims += (dims.empty() ? "" : " x ") + std::to_string(a.values.size());
    }
    for (const auto& a : s.axes) {
      if (a.values.size() > max_points / total) {
        std::ostringstream found;
        found << "a grid of " << std::setprecision(3) << static_cast<double>(product) << " points (" << dims << ")";
        throw InputError(file, a.line, "axis", found.str(), allowed_points);
      }
      total *= a.values.size();
    }
    s.points.assign(total, std::vector<double>(s.axes.size()));
    for (std::size_t p = 0; p < total; ++p) {
      std::size_t rest = p;
      for (std::size_t j = s.axes.size(); j-- > 0;) {
        const auto& v = s.axes[j].values;
        s.points[p][j] = v[rest % v.size()];
        rest /= v.size();
      }
    }
  }
  // Every point must be a valid scenario (a copy of the base without its text, for speed; Ctrl-C honoured).
  const auto targets = targets_of(s);
  Scenario proto = s.base;
  proto.text.clear();
  proto.catalogue.clear();
  for (std::size_t p = 0; p < s.points.size(); ++p) {
    if (p % 64 == 0 && options.cancel && options.cancel->load()) throw sim::Cancelled();
    point_scenario(s, targets, p, proto);
  }
  return s;
}

Sweep load_sweep(const std::string& path, const SweepOptions& options) {
  return parse_sweep(read_text_file(path, "a path to an existing sweep file (.toml)"), path, options);
}

Scenario scenario_at(const Sweep& s, std::size_t point) { return point_scenario(s, targets_of(s), point, s.base); }

}  // namespace yjsim::input

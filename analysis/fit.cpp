#include "analysis/fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlopt.hpp>

#include "models/simulation.h"
#include "sim/errors.h"

namespace yjsim::analysis {

using namespace models;

namespace {

struct Element {
  const ParamDecl* decl;
  std::size_t first, last;  // elements [first, last]
};

Element element(const std::string& name) {
  const auto bracket = name.find('[');
  const std::string base = name.substr(0, bracket);
  const ParamDecl* decl = nullptr;
  for (const auto& d : parameter_table())
    if (base == d.name) decl = &d;
  const auto fail = [&](const std::string& allowed) {
    throw sim::InputError("", 0, "fit parameter", "\"" + name + "\"", allowed);
  };
  if (!decl) fail("a parameter listed by `yjsim params`, e.g. offending.base_rate or offending.age_rr[3]");
  const std::size_t n = decl->default_value.size();
  if (bracket == std::string::npos) {
    if (n > 1) fail("one element of this array, e.g. " + base + "[0], or a range " + base + "[0:2]");
    return {decl, 0, 0};
  }
  if (name.back() != ']') fail("name[i] or name[i:j]");
  const std::string inside = name.substr(bracket + 1, name.size() - bracket - 2);
  const auto colon = inside.find(':');
  auto index = [&](const std::string& t) -> std::size_t {
    if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos || t.size() > 3) fail("whole-number indices");
    return static_cast<std::size_t>(std::stoul(t));
  };
  const std::size_t a = index(inside.substr(0, colon)), b = colon == std::string::npos ? a : index(inside.substr(colon + 1));
  if (a > b || b >= n) fail("indices 0 .. " + std::to_string(n - 1) + ", first <= last");
  if (decl->check == Check::Probabilities && a != b) fail("one element of a probability row");
  return {decl, a, b};
}

void set_in(Params& p, const Element& e, double value) {
  auto x = e.decl->ref(p);
  if (e.decl->check == Check::Probabilities) {  // scale the rest so that the row still sums to 1
    const double rest = 1.0 - x[e.first];
    for (std::size_t i = 0; i < x.size(); ++i)
      if (i != e.first) x[i] = rest > 0 ? x[i] * (1.0 - value) / rest : (1.0 - value) / static_cast<double>(x.size() - 1);
  }
  for (std::size_t i = e.first; i <= e.last; ++i) x[i] = value;
}

}  // namespace

FitParameter parse_fit_parameter(const std::string& spec) {
  const auto a = spec.find(':', spec.find(']') == std::string::npos ? 0 : spec.find(']'));
  const auto b = a == std::string::npos ? a : spec.find(':', a + 1);
  if (a == std::string::npos || b == std::string::npos)
    throw sim::InputError("", 0, "--fit", "\"" + spec + "\"", "name:low:high, e.g. offending.base_rate:0.02:0.08");
  FitParameter f{spec.substr(0, a), 0, 0};
  try {
    f.low = std::stod(spec.substr(a + 1, b - a - 1));
    f.high = std::stod(spec.substr(b + 1));
  } catch (const std::exception&) {
    throw sim::InputError("", 0, "--fit", "\"" + spec + "\"", "numbers for low and high");
  }
  if (!(f.low < f.high)) throw sim::InputError("", 0, "--fit", "\"" + spec + "\"", "low < high");
  const Element e = element(f.name);  // a parameter element
  if (f.low < e.decl->min || f.high > e.decl->max)
    throw sim::InputError("", 0, "--fit", "\"" + spec + "\"",
                          "a range within the parameter's allowed values (`yjsim params`)");
  return f;
}

void set_parameter(Scenario& s, const std::string& name, double value) {
  const Element e = element(name);
  for (auto& v : s.variants) set_in(v.params, e, value);
}

double get_parameter(const Scenario& s, const std::string& name) {
  const Element e = element(name);
  Params p = s.baseline();
  return e.decl->ref(p)[e.first];
}

FitResult fit_to_targets(const Scenario& base, const std::vector<FitParameter>& params, long budget,
                         const std::function<void(long, double, double)>& progress) {
  const std::size_t n = params.size();
  std::vector<double> x(n), lo(n), hi(n);
  for (std::size_t i = 0; i < n; ++i) {
    lo[i] = params[i].low;
    hi[i] = params[i].high;
    x[i] = std::clamp(get_parameter(base, params[i].name), lo[i], hi[i]);
  }
  long evaluations = 0;
  double best = std::numeric_limits<double>::infinity();
  auto objective = [&](const std::vector<double>& at) {
    Scenario s = base;
    for (std::size_t i = 0; i < n; ++i) set_parameter(s, params[i].name, at[i]);
    validate(s);
    const Results r = run_scenario(s);  // the scenario's seed and replicates every time: common random numbers
    double sum = 0;
    for (const auto& row : compare_with_targets(r, s.baseline().population.size_10_17))
      if (row.tolerance > 0) sum += std::pow((row.simulated - row.target) / (row.tolerance / 2), 2);
    ++evaluations;
    best = std::min(best, sum);
    if (progress) progress(evaluations, sum, best);
    return sum;
  };
  nlopt::opt opt(nlopt::LN_SBPLX, static_cast<unsigned>(n));
  opt.set_lower_bounds(lo);
  opt.set_upper_bounds(hi);
  opt.set_maxeval(static_cast<int>(budget));
  opt.set_xtol_rel(1e-3);
  std::vector<double> step(n);
  for (std::size_t i = 0; i < n; ++i) step[i] = (hi[i] - lo[i]) / 8;
  opt.set_initial_step(step);
  using Fn = decltype(objective);
  opt.set_min_objective(
      [](const std::vector<double>& at, std::vector<double>&, void* data) { return (*static_cast<Fn*>(data))(at); },
      &objective);
  double value = 0;
  try {
    opt.optimize(x, value);
  } catch (const nlopt::roundoff_limited&) {  // converged as far as the objective's noise allows
  }
  return {x, value, evaluations};
}

}  // namespace yjsim::analysis

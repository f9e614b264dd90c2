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

using Element = ParamElement;

Element element(const std::string& name) {
  try {
    return param_element(name);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError("", 0, "fit parameter", "\"" + name + "\"", e.what());
  }
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
  for (auto& v : s.variants) set_element(v.params, e, value);
}

double get_parameter(const Scenario& s, const std::string& name) {
  const Element e = element(name);
  return get_element(s.baseline(), e);
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

#pragma once
// Fitting a scenario's parameters to targets (the national calibration; the home of `yjsim calibrate`):
// a local search by a packaged derivative-free optimiser (NLopt's Subplex) on the sum of squared standardised
// misses, every candidate run with the same seed and replicates (common random numbers), so that the
// objective changes smoothly with the parameters rather than with fresh noise.
#include <functional>
#include <string>
#include <vector>

#include "analysis/calibration.h"
#include "models/scenario.h"

namespace yjsim::analysis {

// A parameter to fit: a parameter-table name with an element ("offending.age_rr[3]") or a range of elements set
// to one value ("court.custody_age_rr[0:5]"), within [low, high]. An element of a probability row is set and
// the row's other entries scaled so that it still sums to 1.
struct FitParameter {
  std::string name;
  double low, high;
};
// Parses "name:low:high" (as `yjsim targets --fit` takes it); throws sim::InputError naming the field.
FitParameter parse_fit_parameter(const std::string& spec);
// Sets the parameter in every variant of `s`; throws sim::InputError if the name is not a parameter element.
void set_parameter(models::Scenario& s, const std::string& name, double value);
double get_parameter(const models::Scenario& s, const std::string& name);

struct FitResult {
  std::vector<double> values;  // fitted, in the order of the parameters
  double objective;            // sum over toleranced targets of ((simulated - target) / (tolerance / 2))^2
  long evaluations;
};

// Minimises the objective of compare_with_targets' toleranced rows (each tolerance taken as two standard
// deviations) over `params`, from the scenario's current values, with at most `budget` runs. `progress` is
// called after each run with (evaluation, objective, best so far).
FitResult fit_to_targets(const models::Scenario& base, const std::vector<FitParameter>& params, long budget,
                         const std::function<void(long, double, double)>& progress = {});

}  // namespace yjsim::analysis

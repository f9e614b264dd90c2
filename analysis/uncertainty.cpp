#include "analysis/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/summary.h"

namespace yjsim::analysis {

UncertaintySplit split_uncertainty(std::span<const double> values, std::span<const std::size_t> group, std::size_t groups) {
  std::vector<double> sum(groups, 0.0), n(groups, 0.0);
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isnan(values[i])) sum[group[i]] += values[i], n[group[i]] += 1;
  double within = 0, defined = 0, used = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isnan(values[i])) {
      const double d = values[i] - sum[group[i]] / n[group[i]];
      within += d * d;
      defined += 1;
    }
  std::vector<double> means;
  for (std::size_t j = 0; j < groups; ++j)
    if (n[j] > 0) means.push_back(sum[j] / n[j]), used += 1;
  UncertaintySplit u{sim::summarise(values).sd, 0.0, NAN, false};
  if (defined - used < 1) return u;  // no group with two values: chance cannot be told from the parameters
  if (used == 1) return {u.sd_total, 0.0, u.sd_total, true};  // one parameter set: all chance
  const double chance_var = within / (defined - used);
  const double between = sim::summarise(means).sd;
  const double per_group = defined / used;
  u.sd_chance = std::sqrt(chance_var);
  u.sd_parameter = std::sqrt(std::max(0.0, between * between - chance_var / per_group));
  u.separable = true;
  return u;
}

}  // namespace yjsim::analysis

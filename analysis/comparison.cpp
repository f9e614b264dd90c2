#include "analysis/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace yjsim::analysis {

using namespace models;

Comparison compare(const Results& r, std::size_t variant, int kpi, std::size_t slot, bool by_year) {
  const auto base = r.values(0, kpi, slot, by_year);
  const auto var = r.values(variant, kpi, slot, by_year);
  const auto diff = r.diffs(variant, kpi, slot, by_year);
  const bool lower = kpi_table()[static_cast<std::size_t>(kpi)].lower_is_better;
  long n = 0, better = 0;
  for (double d : diff) {
    if (std::isnan(d)) continue;
    ++n;
    better += lower ? d < 0 : d > 0;
  }
  const double p = n ? static_cast<double>(better) / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
  return {sim::summarise(base), sim::summarise(var), sim::summarise(diff), p};
}

std::vector<double> horizon_total(const Results& r, std::size_t variant, int kpi) {
  std::vector<double> total(static_cast<std::size_t>(r.replicates), 0.0);
  for (long p = 0; p < r.calendar.periods(); ++p) {
    const auto v = r.values(variant, kpi, static_cast<std::size_t>(p), false);
    for (std::size_t i = 0; i < v.size(); ++i) total[i] += v[i];
  }
  return total;
}

std::vector<CostPerOutcome> cost_per_outcome_avoided(const Results& r, std::size_t variant) {
  const int cost = kpi_index("cost_gbp");
  auto extra = horizon_total(r, variant, cost);
  const auto base_cost = horizon_total(r, 0, cost);
  for (std::size_t i = 0; i < extra.size(); ++i) extra[i] -= base_cost[i];
  std::vector<CostPerOutcome> out;
  const std::pair<const char*, const char*> outcomes[] = {
      {"first time entrant", "fte_count"}, {"proven reoffence", "reoffences"}, {"custodial sentence", "custodial_sentences"}};
  for (const auto& [label, name] : outcomes) {
    auto avoided = horizon_total(r, 0, kpi_index(name));
    const auto var = horizon_total(r, variant, kpi_index(name));
    std::vector<double> ratio;
    for (std::size_t i = 0; i < avoided.size(); ++i) {
      avoided[i] -= var[i];
      if (avoided[i] != 0) ratio.push_back(extra[i] / avoided[i]);
    }
    CostPerOutcome c{label, sim::summarise(avoided), sim::summarise(extra), false,
                     std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::quiet_NaN()};
    c.estimable = c.avoided.defined > 0 && (c.avoided.p5 > 0 || c.avoided.p95 < 0);
    if (c.estimable) {
      c.cost_per_avoided = c.extra_cost.mean / c.avoided.mean;
      std::sort(ratio.begin(), ratio.end());
      c.low = sim::percentile_sorted(ratio, 0.05);
      c.high = sim::percentile_sorted(ratio, 0.95);
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace yjsim::analysis

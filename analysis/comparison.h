#pragma once
// A variant against the baseline (MODEL.md §9): the paired difference with its interval, the probability that
// the variant is better, and the cost per outcome avoided. Used by the command line and the desktop app.
#include <string>
#include <vector>

#include "models/simulation.h"
#include "sim/summary.h"

namespace yjsim::analysis {

using models::Results;

struct Comparison {
  sim::Summary baseline, variant, diff;  // over replicates; diff is paired by replicate
  double p_better;                       // share of replicates where the variant is better (NaN if undefined)
};

// One KPI in one period or horizon year (by_year).
Comparison compare(const Results& r, std::size_t variant, int kpi, std::size_t slot, bool by_year);

struct CostPerOutcome {
  std::string outcome;   // "first time entrant", "proven reoffence", "custodial sentence"
  sim::Summary avoided;  // outcomes avoided over the horizon (baseline minus variant), per replicate
  sim::Summary extra_cost;  // variant cost minus baseline cost over the horizon, GBP
  bool estimable;        // the 90% interval of outcomes avoided excludes 0
  double cost_per_avoided;           // mean extra cost / mean avoided (GBP)
  double low, high;                  // 5th and 95th percentiles of the per-replicate ratio
};
std::vector<CostPerOutcome> cost_per_outcome_avoided(const Results& r, std::size_t variant);

// Sum of a KPI over the whole horizon, per replicate.
std::vector<double> horizon_total(const Results& r, std::size_t variant, int kpi);

}  // namespace yjsim::analysis

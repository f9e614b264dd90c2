#pragma once
// Summaries over replicates: mean, standard deviation and percentiles (type 7, as R's default and numpy's "linear"). NaN values (an
// undefined rate in a replicate) are left out; if every value is NaN the summary is NaN.
#include <span>
#include <vector>

namespace yjsim::sim {

struct Summary {
  double mean;
  double p5;
  double p50;
  double p95;
  long defined;  // replicates with a defined (non-NaN) value
  double sd;     // sample standard deviation (n - 1; 0 for one value)
};

double percentile_sorted(std::span<const double> sorted, double q);  // q in [0, 1]
Summary summarise(std::span<const double> values);
// Share of values strictly below zero (NaN left out); NaN if none defined.
double share_negative(std::span<const double> values);

}  // namespace yjsim::sim

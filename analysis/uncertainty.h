#pragma once
// The spread of a figure over replicates, split into parameter uncertainty and chance. A calibrated scenario runs
// replicate r with posterior draw r mod N (docs/calibration.md), so replicates fall into N groups that share a
// parameter set: the spread within a group is chance, the spread between the groups' means (less what chance alone
// puts there) is the parameters'. One-way analysis of variance with the usual method-of-moments correction.
#include <cstddef>
#include <span>

namespace yjsim::analysis {

struct UncertaintySplit {
  double sd_total;      // of the values
  double sd_parameter;  // between parameter sets: sqrt(max(0, var(group means) - within / replicates per group))
  double sd_chance;     // within a parameter set (pooled); NaN when no group has two values
  bool separable;       // at least two groups and some group with two values
};

// group[i] in [0, groups) is the parameter set of values[i]; NaN values are left out.
UncertaintySplit split_uncertainty(std::span<const double> values, std::span<const std::size_t> group, std::size_t groups);

}  // namespace yjsim::analysis

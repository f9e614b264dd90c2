#pragma once
// Sensitivity of a sweep's results to its parameters: partial rank correlation coefficients (PRCC; Marino et al.
// 2008, J Theor Biol 254:178) between each swept parameter and a KPI over the points, controlling for the others.
#include <vector>

#include "input/sweep.h"
#include "models/simulation.h"

namespace yjsim::analysis {

using models::Results;

// A KPI over the whole horizon, per replicate: sums for counts, means of month-ends for stocks, ratios of the
// horizon's sums for rates (MODEL.md §6 conventions). diff: variant minus baseline, paired.
std::vector<double> horizon_values(const Results& r, std::size_t variant, int kpi, bool diff);

// PRCC of each column of x (points x parameters) with y (points); NaN where undefined (e.g. y constant).
std::vector<double> prcc(const std::vector<std::vector<double>>& x, const std::vector<double>& y);

// PRCC of every axis per variant and KPI over a sweep's points: [variant][kpi][axis]; the baseline's KPI, and
// for variants the paired difference, each as its horizon mean.
using SweepSensitivity = std::vector<std::vector<std::vector<double>>>;
SweepSensitivity sweep_sensitivity(const input::Sweep& s, const std::vector<Results>& points);

// Ranks 1..n, ties given their mean rank.
std::vector<double> ranks(const std::vector<double>& v);

}  // namespace yjsim::analysis

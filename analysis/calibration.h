#pragma once
// The calibration targets of MODEL.md §7 (England and Wales, year ending March 2019) against the first reported
// year of a run. Counts are scaled by the run's population (size_10_17 / 5,360,653), so a borough can be
// compared with the national rates too.
#include <string>
#include <vector>

#include "models/simulation.h"

namespace yjsim::analysis {

using models::Results;

struct TargetRow {
  std::string name;
  double target;      // scaled to the run's population
  double simulated;   // mean over replicates, first reported year
  double sd;          // replicate standard deviation
  double tolerance;   // absolute; 0 = reported only (MODEL.md §7 sets no tolerance)
  bool within;
  std::string source;
};

std::vector<TargetRow> compare_with_targets(const Results& r, double size_10_17);

}  // namespace yjsim::analysis

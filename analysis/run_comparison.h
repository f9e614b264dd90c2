#pragma once
// Two runs of yjsim compared (`yjsim compare A.h5 B.h5`, issue 16): each KPI by horizon year in run A and run B
// and the difference B - A with its 90% interval. With the same seed and replicates the two runs share their
// chance events replicate by replicate, so the difference is paired (as a variant against the baseline);
// otherwise the runs are independent and the interval is that of a difference of two means (normal approximation).
#include <map>
#include <string>
#include <vector>

#include "sim/calendar.h"
#include "sim/summary.h"

namespace yjsim::analysis {

// One variant of a stored run: every KPI as [replicates x periods], row-major (docs/hdf5.md).
struct StoredVariant {
  long replicates = 0;
  std::map<std::string, std::vector<double>> kpi;
};

struct RunDifference {
  std::string kpi, unit;
  long year;  // 1-based
  sim::Summary a, b;
  double diff_mean, diff_low, diff_high;  // B - A: mean and 90% interval
};

// KPI values per replicate for one horizon year, formed from the quarters as docs/kpis.md says (sums of
// quarters, means of month-ends, ratios of the yearly sums; distinct children from the stored yearly matrix).
std::vector<double> yearly_values(const StoredVariant& v, const sim::Calendar& cal, const std::string& kpi, long year0);

// paired: the two runs have the same seed and replicates (replicate r of A and of B share their chance events).
std::vector<RunDifference> compare_runs(const StoredVariant& a, const StoredVariant& b, const sim::Calendar& cal,
                                        bool paired);

}  // namespace yjsim::analysis

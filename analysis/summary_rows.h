#pragma once
// The printed KPI table as tidy rows (issue 16): one row per variant, KPI, period (a horizon year or a quarter)
// and statistic, holding the same numbers `yjsim run` prints, unrounded. Written as CSV and JSON by io/tidy_output.
#include <string>
#include <vector>

#include "models/simulation.h"

namespace yjsim::analysis {

struct SummaryRow {
  std::string variant, kpi;
  std::string period;  // "2018-04..2019-03" for a horizon year, "2018-Q2" for a quarter
  long year;           // horizon year, 1-based as on screen (a quarter's: the year it falls in)
  std::string statistic;  // mean, p5, p50, p95; variants also diff_mean, diff_p5, diff_p50, diff_p95, p_better
  double value;           // NaN where undefined (a rate with no cohort)
  std::string unit;
};

// The statistics in row order, for documentation and readers.
const std::vector<std::string>& summary_statistics();
// by_year: one row set per horizon year (the printed table); otherwise per quarter.
std::vector<SummaryRow> summary_rows(const models::Results& r, bool by_year);
// "2018-04..2019-03": a horizon year's months as printed in the table's header.
std::string year_label(const models::Results& r, long year0);

}  // namespace yjsim::analysis

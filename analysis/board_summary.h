#pragma once
// Page one of the board pack (docs/report.md): each variant against the baseline, by financial year and over the
// whole horizon, on the three national indicators and cost; and when a change can first show in the official
// figures. Paired by replicate (same children, same chance events), as analysis/comparison.h.
#include <string>
#include <vector>

#include "models/scenario.h"
#include "models/simulation.h"
#include "sim/summary.h"

namespace yjsim::analysis {

// The indicators of page one, in order: first time entrants, the binary reoffending rate, custodial sentences
// (the three national youth justice indicators, as counts a board can picture) and cost.
const std::vector<std::string>& board_indicators();

// A KPI's value over the whole horizon, per replicate: sums for counts and costs, the mean over months for a
// population, the ratio of the horizon's sums for a rate (docs/kpis.md).
std::vector<double> horizon_values(const models::Results& r, std::size_t variant, int kpi);

struct BoardPeriod {
  std::string label;  // "2018/19" (an April start) or "2018-05..2019-04"; "2018/19 to 2021/22" for the horizon
  long year;          // horizon year, or -1 for the whole horizon
};

struct IndicatorFigure {
  std::string kpi;
  sim::Summary baseline, variant, diff;  // diff: variant minus baseline, paired by replicate
  double p_better, p_same, p_worse;      // shares of replicates (NaN when no replicate is defined)
  bool can_tell;                         // the 90% interval of the difference excludes no change
};

struct VariantDecision {
  std::string name, description;
  std::vector<std::vector<IndicatorFigure>> figures;  // [period (years, then the horizon)][indicator]
  long change_month;        // first month of the horizon in which the variant differs from the baseline
  long first_cohort;        // the first quarterly cohort followed wholly under the change (period index)
  std::string first_cohort_label;  // quarter_label: "2018/19 Q1"
  std::string first_cohort_months; // "2018-04..2018-06"
  std::string complete_month;      // models::cohort_complete_month, "YYYY-MM"
  std::string publication_month;   // models::cohort_publication_month, "YYYY-MM"
  bool change_after_horizon;       // the change starts after the horizon: nothing can show
};

struct BoardSummary {
  std::vector<BoardPeriod> periods;       // the years, then the whole horizon
  std::vector<std::string> indicators;    // board_indicators()
  std::vector<std::vector<sim::Summary>> baseline;  // [period][indicator]
  std::vector<VariantDecision> variants;  // every variant but the baseline, in the scenario's order
};

BoardSummary board_summary(const models::Results& r, const models::Scenario& s);

// First month of the horizon in which variant v differs from the baseline: a parameter change counts from
// month 0; an intervention added, changed or removed from its start month (the earlier of the two versions').
long change_month(const models::Scenario& s, std::size_t v);

// "2018/19" for a year starting in April, else "2018-05..2019-04".
std::string year_label(const sim::Calendar& cal, long year);
// Below this mean a quarter (the baseline's), a count is too small for quarterly charts (custodial sentences in a
// borough: a flat band and a saw-tooth): the board pack and the app chart its yearly totals instead.
constexpr double kSmallCountPerQuarter = 5;
bool small_count(const models::Results& r, const std::string& kpi);

// A quarter's label, as boards count: "2018/19 Q1" (April to June 2018) in a run that starts in April, else the
// calendar's "2018-Q2". The board pack and the desktop app label quarters with it.
std::string quarter_label(const sim::Calendar& cal, long period);

}  // namespace yjsim::analysis

#pragma once
// What the results panel shows, computed once per new set of results (not every frame): for each chart KPI
// the mean and 90% band per quarter for the baseline and each variant; for the table, each KPI by horizon
// year compared with the baseline; the cost per outcome avoided; and when each reoffending cohort is
// complete.
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "models/simulation.h"

namespace yjsim::gui {

// The KPIs charted and tabulated, in order (docs/kpis.md names).
const std::vector<std::string>& shown_kpis();

struct Band {
  std::vector<double> mean, low, high;  // per period: mean, 5th and 95th percentile over replicates
};

struct KpiView {
  std::string kpi;
  std::vector<Band> variants;     // [variant] per period
  std::vector<Band> differences;  // [variant] per period: paired, variant minus baseline
  std::vector<std::vector<analysis::Comparison>> by_year;  // [variant][year] against the baseline
};

struct CohortMark {
  long period;               // the cohort's quarter
  long complete_month;       // months from the horizon start
  std::string complete_iso;  // that month, "2019-12"
  std::string label;         // "2018-Q2 cohort: complete 2019-12"
};

struct ResultsView {
  long replicates = 0;
  long months = 0;
  std::vector<std::string> variant_names;
  std::vector<std::string> period_labels;  // "2018-Q2"
  std::vector<double> period_x;            // the middle of each period, in months from the start
  std::vector<std::string> year_labels;    // "Year 1 (2018-04 to 2019-03)"
  std::vector<KpiView> kpis;               // as shown_kpis()
  std::vector<CohortMark> cohorts;
  std::vector<std::vector<analysis::CostPerOutcome>> cost_per_outcome;  // [variant]; empty for the baseline
};

ResultsView make_view(const models::Results& r);

}  // namespace yjsim::gui

#pragma once
// What the results panel shows, computed once per new set of results (not every frame): for each chart KPI
// the mean and 90% band per quarter for the baseline and each variant; for the table, each KPI by horizon
// year compared with the baseline; the cost per outcome avoided; and when each reoffending cohort is
// complete.
#include <string>
#include <vector>

#include "analysis/capacity.h"
#include "analysis/comparison.h"
#include "analysis/value_for_money.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::gui {

// The KPIs charted and tabulated, in order (docs/kpis.md names).
const std::vector<std::string>& shown_kpis();

struct Band {
  std::vector<double> mean, low, high;  // per period: mean, 5th and 95th percentile over replicates
};

// Shares of replicates in which the variant does better, the same (a difference of exactly 0) and worse than
// the baseline: ties are not worse (docs/gui.md).
struct Shares {
  double better = 0, same = 0, worse = 0;
  long replicates = 0;  // with a defined difference
};
Shares shares(const models::Results& r, std::size_t variant, int kpi, std::size_t slot, bool by_year);
Shares shares_of(const std::vector<double>& diffs, bool lower_is_better);  // of paired differences
std::string shares_text(const Shares& s);  // "62% / 30% / 8%"; "no change" when every replicate ties
// Places funded in a year: whole when within 0.05 of a whole number (monthly shares of 400 a year sum to
// 399.99...), else one decimal (a ramp-up or a start mid-year: 187.5).
std::string funded_places_text(double places);

// A calibrated area's published figure on a chart (analysis::chart_marks, as the board pack draws it): over
// x0..x1 (months from the start: the middles of its first and last quarter or year) at `value` in the chart's
// unit, with the sentence that says what it is.
struct PublishedMark {
  double x0 = 0, x1 = 0, value = 0;
  std::string label;
};

struct KpiView {
  std::string kpi;
  std::vector<Band> variants;     // [variant] per period
  std::vector<Band> differences;  // [variant] per period: paired, variant minus baseline
  std::vector<std::vector<analysis::Comparison>> by_year;  // [variant][year] against the baseline
  std::vector<std::vector<Shares>> shares_by_year;         // [variant][year]
  // The whole horizon (analysis::horizon_values: sums, a population's mean over months, a rate's ratio of sums).
  std::vector<analysis::Comparison> horizon;  // [variant] against the baseline
  std::vector<Shares> horizon_shares;         // [variant]
  // Few events (custodial sentences in a borough): the chart shows yearly totals of `count_kpi` instead of
  // quarterly rates, with the spread of a year's total as shares ("0: 12%, 1: 25%, ...").
  std::string count_kpi;                  // "" : the quarterly chart
  std::vector<Band> yearly, yearly_diff;  // [variant] per year
  std::vector<std::string> distribution;  // [variant]
  // The area's published figures in the run's months (a calibrated scenario): on the quarterly chart, and on the
  // yearly-count chart (a year's worth of the figure) when that is the one shown.
  std::vector<PublishedMark> published, published_yearly;
};
// "0: 12%, 1: 25%, 2: 31%, 3+: 32%": the shares of `totals` (whole numbers) at each value from about the 10th
// to the 90th percentile, the ends open ("≤4: 8%, 5: 11%, ..., 12+: 9%").
std::string count_distribution(std::vector<double> totals);

struct CohortMark {
  long period;               // the cohort's quarter
  long complete_month;       // months from the horizon start
  std::string complete_iso;  // that month, "2019-12"
  std::string label;         // "2018-Q2 cohort: complete 2019-12"
};

// When the board will see a variant's change: the first quarter's official reoffending figure (binary rate)
// that can show it, the month that figure is complete and the month the MoJ publishes it, and the shares of
// replicates in which that figure is better, the same and worse than the baseline's.
struct BoardView {
  long change_month = -1;  // months from the start when the variant first differs (-1: it does not)
  long period = -1;        // the cohort quarter (-1: none within the horizon)
  std::string figure, complete, published;  // "2019/20 Q1 cohort", "Dec 2021", "Apr 2022"
  Shares shares;
};
// The first month in which variant `v` differs from the baseline: 0 when a parameter differs or a baseline
// intervention is dropped, else the earliest start of an intervention it adds or changes; -1 if none.
long change_start_month(const models::Scenario& s, std::size_t v);

struct ResultsView {
  long replicates = 0;
  long months = 0;
  std::vector<std::string> variant_names;
  std::vector<std::string> period_labels;  // "2018/19 Q1" (a run from April), else "2018-Q2"
  std::vector<double> period_x;            // the middle of each period, in months from the start
  std::vector<std::string> year_labels;    // "2018/19 (Apr 2018 to Mar 2019)", or "Year 1 (...)"
  std::vector<std::string> year_short;     // "2018/19", or "Year 1"
  std::vector<double> year_x;              // the middle of each year, in months from the start
  std::string horizon_label;               // "Whole horizon (Apr 2018 to Mar 2022)"
  std::vector<KpiView> kpis;               // as shown_kpis()
  std::string area;                        // a calibrated scenario's area ("Bromley"), else ""
  std::vector<CohortMark> cohorts;
  std::vector<std::vector<analysis::CostPerOutcome>> cost_per_outcome;  // [variant]; empty for the baseline
  std::vector<BoardView> board;  // [variant]; empty without the scenario
  // Capacity per intervention and variant (analysis/capacity.h; demand only once its run is given) and value for
  // money per variant against the baseline over the horizon (analysis/value_for_money.h), as the board pack has
  // them; empty without the scenario.
  std::vector<analysis::CapacityRow> capacity;
  bool demand_needed = false;  // an intervention has a limited number of places
  std::vector<analysis::ValueForMoney> value;  // [variant - 1]
  // [variant - 1]: the planner's question in a line, over the whole horizon: custodial sentences and cost
  // (paired differences with 90% intervals), the chance of a net saving and the benefit-cost ratio.
  std::vector<std::string> answer;
  // Per capacity row, GBP over the horizon: the contract (places funded at the price per place, and the fixed
  // cost for the months it runs; NaN when places are unlimited) and the spending of the places started (mean),
  // as models/simulation.cpp charges it.
  std::vector<double> contract_cost, spent;
};

// `scenario` (what was run) gives the board view; without it that view is empty.
// `demand` is the unlimited-places run for capacity (Worker), or null (demand "not computed yet").
ResultsView make_view(const models::Results& r, const models::Scenario* scenario = nullptr,
                      const models::Results* demand = nullptr);
// The calibration's published figures on each KPI's chart: a figure of the chart's own KPI as it is; a count
// (first time entrants, custodial sentences) on its rate's chart through the baseline's own ratio of rate to count
// over the figure's quarters (the model's population), said in the label.
void add_published_marks(const models::Results& r, const models::Calibration& c, ResultsView& view);

// A quarter's label: "2018/19 Q1" in a run that starts in April (financial years), else "2018-Q2".
std::string period_label(const sim::Calendar& cal, long p);

}  // namespace yjsim::gui

#include "gui/results_view.h"

#include <algorithm>

#include "models/kpis.h"
#include "sim/summary.h"

namespace yjsim::gui {

const std::vector<std::string>& shown_kpis() {
  static const std::vector<std::string> kpis = {"fte_rate_per_100k",          "reoffending_binary_rate",
                                                "reoffending_frequency_rate", "custody_rate_per_1000",
                                                "custody_population",         "cost_gbp"};
  return kpis;
}

namespace {

void add(Band& b, const sim::Summary& s) {
  b.mean.push_back(s.mean);
  b.low.push_back(s.p5);
  b.high.push_back(s.p95);
}

KpiView kpi_view(const models::Results& r, const std::string& name) {
  KpiView k{name, {}, {}, {}};
  const int kpi = models::kpi_index(name);
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    Band level, diff;
    for (long p = 0; p < r.calendar.periods(); ++p) {
      const auto c = analysis::compare(r, v, kpi, static_cast<std::size_t>(p), false);
      add(level, c.variant);
      add(diff, c.diff);
    }
    k.variants.push_back(std::move(level));
    k.differences.push_back(std::move(diff));
    std::vector<analysis::Comparison> years;
    for (long y = 0; y < r.calendar.years(); ++y)
      years.push_back(analysis::compare(r, v, kpi, static_cast<std::size_t>(y), true));
    k.by_year.push_back(std::move(years));
  }
  return k;
}

std::string year_label(const sim::Calendar& cal, long y) {
  const long first = y * 12, last = std::min(cal.months(), first + 12) - 1;
  (void)last;
  return "Year " + std::to_string(y + 1) + " (" + cal.at(first).iso() + " on)";
}

}  // namespace

ResultsView make_view(const models::Results& r) {
  ResultsView view;
  const sim::Calendar& cal = r.calendar;
  view.replicates = r.replicates;
  view.months = cal.months();
  for (const auto& v : r.variants) view.variant_names.push_back(v.name);
  for (long p = 0; p < cal.periods(); ++p) {
    const sim::Period period = cal.period(p);
    view.period_labels.push_back(period.label);
    view.period_x.push_back(0.5 * static_cast<double>(period.first_month + period.last_month + 1));
    const long complete = models::cohort_complete_month(cal, p);
    view.cohorts.push_back({p, complete, cal.at(complete).iso(),
                            period.label + " cohort: official figure complete " + cal.at(complete).iso()});
  }
  for (long y = 0; y < cal.years(); ++y) view.year_labels.push_back(year_label(cal, y));
  for (const auto& name : shown_kpis()) view.kpis.push_back(kpi_view(r, name));
  view.cost_per_outcome.resize(r.variants.size());
  for (std::size_t v = 1; v < r.variants.size(); ++v)
    view.cost_per_outcome[v] = analysis::cost_per_outcome_avoided(r, v);
  return view;
}

}  // namespace yjsim::gui

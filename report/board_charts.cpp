#include "report/board_charts.h"

#include <algorithm>
#include <cmath>

#include "analysis/board_summary.h"
#include "analysis/funnel.h"
#include "report/chromium.h"
#include "report/format.h"
#include "report/svg_chart.h"
#include "sim/summary.h"

namespace yjsim::report {

namespace {
const char* kColours[] = {"#3b6ea8", "#d9822b", "#7a4fa3", "#2a9d8f", "#b5485d"};

// A percentile of the runs' values that are defined (a rate with no cohort is NaN in that run).
double pct(std::vector<double> x, double q) {
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return std::isnan(v); }), x.end());
  if (x.empty()) return std::nan("");
  std::sort(x.begin(), x.end());
  return sim::percentile_sorted(x, q);
}
// A year on a chart's axis: "2018/19" (a run from April), "2016" (from January), else the year's months.
std::string year_axis_label(const sim::Calendar& cal, long y) {
  const std::string l = analysis::year_label(cal, y);
  return cal.start().month == 1 && l.size() == 16 && l.substr(0, 4) == l.substr(9, 4) ? l.substr(0, 4) : l;
}
}  // namespace

std::string board_unit(const std::string& kpi) {
  if (kpi == "reoffending_binary_rate") return "% of the cohort";
  if (kpi == "cost_gbp") return "GBP";
  return models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))].unit;
}

bool yearly_chart(const models::Results& r, const std::string& kpi) {
  return models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))].yearly == models::Yearly::Sum &&
         analysis::small_count(r, kpi);
}

std::string kpi_fan_chart_svg(const models::Results& r, const models::Calibration& c, const std::string& kpi) {
  const bool yearly = yearly_chart(r, kpi);
  const long points = yearly ? r.calendar.years() : r.calendar.periods();
  std::vector<std::string> labels;
  for (long i = 0; i < points; ++i)
    labels.push_back(yearly ? year_axis_label(r.calendar, i) : analysis::quarter_label(r.calendar, i));
  const int k = models::kpi_index(kpi);
  std::vector<FanSeries> series;
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    FanSeries s{r.variants[v].name, kColours[v % 5], {}, {}, {}, {}, {}};
    for (long i = 0; i < points; ++i) {
      const auto x = r.values(v, k, static_cast<std::size_t>(i), yearly);
      s.p5.push_back(pct(x, 0.05));
      s.p25.push_back(pct(x, 0.25));
      s.p75.push_back(pct(x, 0.75));
      s.p95.push_back(pct(x, 0.95));
      s.mean.push_back(sim::summarise(x).mean);
    }
    series.push_back(std::move(s));
  }
  std::vector<FanMark> marks;  // on a yearly chart: over the years the figure's quarters fall in, a year's worth
  for (const auto& m : analysis::chart_marks(c, kpi, r.calendar))
    if (m.in_run)
      marks.push_back(yearly ? FanMark{static_cast<std::size_t>(m.first_period / 4), static_cast<std::size_t>(m.last_period / 4), m.per_quarter * 4}
                             : FanMark{static_cast<std::size_t>(m.first_period), static_cast<std::size_t>(m.last_period), m.per_quarter});
  const std::string title = kpi_title(kpi) + " (" + board_unit(kpi) +
                            (yearly ? ", each year)" : ", each quarter)");  // why by year: the page says
  return fan_chart_svg(title, labels, yearly ? 1 : 4, series, [&](double y) { return format_value(kpi, y); }, marks);
}

std::string kpi_chart_print_png(const models::Results& r, const models::Calibration& c, const std::string& kpi,
                                const std::atomic<bool>* cancel) {
  return svg_to_png(kpi_fan_chart_svg(r, c, kpi), kPrintWidthPx, cancel);
}

}  // namespace yjsim::report

#include "analysis/summary_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/comparison.h"

namespace yjsim::analysis {

const std::vector<std::string>& summary_statistics() {
  static const std::vector<std::string> s{"mean", "p5", "p50", "p95", "diff_mean", "diff_p5", "diff_p50", "diff_p95", "p_better"};
  return s;
}

std::string year_label(const models::Results& r, long year0) {
  const auto first = r.calendar.at(year0 * 12), last = r.calendar.at(std::min(year0 * 12 + 11, r.calendar.months() - 1));
  return first.iso() + ".." + last.iso();
}

std::vector<SummaryRow> summary_rows(const models::Results& r, bool by_year) {
  std::vector<SummaryRow> rows;
  const auto& defs = models::kpi_table();
  const long slots = by_year ? r.calendar.years() : r.calendar.periods();
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    for (std::size_t k = 0; k < defs.size(); ++k)
      for (long s = 0; s < slots; ++s) {
        const std::string period = by_year ? year_label(r, s) : r.calendar.period(s).label;
        const long year = by_year ? s + 1 : r.calendar.period(s).first_month / 12 + 1;
        auto add = [&](const char* stat, double value) {
          rows.push_back({r.variants[v].name, defs[k].name, period, year, stat, value, defs[k].unit});
        };
        // The baseline has no paired difference: its rows are the four statistics of its values only.
        const auto c = v == 0 ? Comparison{sim::summarise(r.values(0, static_cast<int>(k), static_cast<std::size_t>(s), by_year)),
                                           {}, {}, std::numeric_limits<double>::quiet_NaN()}
                              : compare(r, v, static_cast<int>(k), static_cast<std::size_t>(s), by_year);
        const sim::Summary& own = v == 0 ? c.baseline : c.variant;
        add("mean", own.mean);
        add("p5", own.p5);
        add("p50", own.p50);
        add("p95", own.p95);
        if (v == 0) continue;
        add("diff_mean", c.diff.mean);
        add("diff_p5", c.diff.p5);
        add("diff_p50", c.diff.p50);
        add("diff_p95", c.diff.p95);
        if (defs[k].lower_is_better) add("p_better", c.p_better);  // as printed: only where lower is better
      }
  return rows;
}

}  // namespace yjsim::analysis

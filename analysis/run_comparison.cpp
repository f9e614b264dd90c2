#include "analysis/run_comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/kpis.h"

namespace yjsim::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double at(const StoredVariant& v, const std::string& kpi, long rep, long periods, long p) {
  const auto it = v.kpi.find(kpi);
  if (it == v.kpi.end()) return kNaN;
  return it->second[static_cast<std::size_t>(rep * periods + p)];
}

// A year's value of one KPI in one replicate (recursive for ratios).
double year_value(const StoredVariant& v, const sim::Calendar& cal, const models::KpiDef& d, long rep, long year0) {
  const auto& defs = models::kpi_table();
  const long periods = cal.periods(), p0 = year0 * 4, p1 = std::min(periods, p0 + 4);
  if (std::string(d.name) == "children_cautioned_or_sentenced")  // distinct children in the year, stored as such
    return at(v, "children_cautioned_or_sentenced_yearly", rep, cal.years(), year0);
  if (d.yearly == models::Yearly::Ratio) {
    const double num = year_value(v, cal, defs[static_cast<std::size_t>(d.numerator)], rep, year0);
    const double den = year_value(v, cal, defs[static_cast<std::size_t>(d.denominator)], rep, year0);
    return den > 0 ? num / den * d.scale : kNaN;
  }
  double s = 0, months = 0;
  for (long p = p0; p < p1; ++p) {
    const auto per = cal.period(p);
    const double m = static_cast<double>(per.last_month - per.first_month + 1);
    const double x = at(v, d.name, rep, periods, p);
    s += d.yearly == models::Yearly::MeanOfMonths ? x * m : x;
    months += m;
  }
  return d.yearly == models::Yearly::MeanOfMonths ? (months > 0 ? s / months : 0.0) : s;
}

double variance(const std::vector<double>& x, double mean, long& n) {
  double ss = 0;
  n = 0;
  for (double v : x)
    if (!std::isnan(v)) {
      ss += (v - mean) * (v - mean);
      ++n;
    }
  return n > 1 ? ss / static_cast<double>(n - 1) : kNaN;
}

}  // namespace

std::vector<double> yearly_values(const StoredVariant& v, const sim::Calendar& cal, const std::string& kpi, long year0) {
  const auto& d = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))];
  std::vector<double> out;
  for (long rep = 0; rep < v.replicates; ++rep) out.push_back(year_value(v, cal, d, rep, year0));
  return out;
}

std::vector<RunDifference> compare_runs(const StoredVariant& a, const StoredVariant& b, const sim::Calendar& cal,
                                        bool paired) {
  std::vector<RunDifference> out;
  for (const auto& d : models::kpi_table()) {
    if (!a.kpi.count(d.name) || !b.kpi.count(d.name)) continue;  // a KPI one of the versions does not have
    for (long y = 0; y < cal.years(); ++y) {
      const auto va = yearly_values(a, cal, d.name, y), vb = yearly_values(b, cal, d.name, y);
      RunDifference r{d.name, d.unit, y + 1, sim::summarise(va), sim::summarise(vb), kNaN, kNaN, kNaN};
      if (paired) {
        std::vector<double> diff;
        for (std::size_t i = 0; i < va.size(); ++i) diff.push_back(vb[i] - va[i]);
        const auto s = sim::summarise(diff);
        r.diff_mean = s.mean;
        r.diff_low = s.p5;
        r.diff_high = s.p95;
      } else {
        long na = 0, nb = 0;
        const double sa = variance(va, r.a.mean, na), sb = variance(vb, r.b.mean, nb);
        r.diff_mean = r.b.mean - r.a.mean;
        const double se = std::sqrt(sa / static_cast<double>(na) + sb / static_cast<double>(nb));
        r.diff_low = r.diff_mean - 1.6449 * se;  // 90%: the 5th and 95th percentiles of a normal
        r.diff_high = r.diff_mean + 1.6449 * se;
      }
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace yjsim::analysis

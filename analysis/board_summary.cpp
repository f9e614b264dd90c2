#include "analysis/board_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "models/interventions.h"
#include "models/kpis.h"
#include "models/parameters.h"

namespace yjsim::analysis {

using namespace models;

const std::vector<std::string>& board_indicators() {
  static const std::vector<std::string> v = {"fte_count", "reoffending_binary_rate", "custodial_sentences", "cost_gbp"};
  return v;
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> horizon_sum(const Results& r, std::size_t v, int kpi, bool by_months) {
  std::vector<double> total(static_cast<std::size_t>(r.replicates), 0.0);
  for (long p = 0; p < r.calendar.periods(); ++p) {
    const auto x = r.values(v, kpi, static_cast<std::size_t>(p), false);
    const double w = by_months ? static_cast<double>(r.months_in_period[static_cast<std::size_t>(p)]) : 1.0;
    for (std::size_t i = 0; i < x.size(); ++i) total[i] += x[i] * w;
  }
  return total;
}

IndicatorFigure figure(const std::string& kpi, const std::vector<double>& base, const std::vector<double>& var,
                       bool lower_is_better) {
  std::vector<double> diff(base.size());
  long n = 0, better = 0, same = 0;
  for (std::size_t i = 0; i < base.size(); ++i) {
    diff[i] = var[i] - base[i];
    if (std::isnan(diff[i])) continue;
    ++n;
    same += diff[i] == 0;
    better += lower_is_better ? diff[i] < 0 : diff[i] > 0;
  }
  IndicatorFigure f{kpi, sim::summarise(base), sim::summarise(var), sim::summarise(diff), kNaN, kNaN, kNaN, false};
  if (n > 0) {
    const double dn = static_cast<double>(n);
    f.p_better = static_cast<double>(better) / dn;
    f.p_same = static_cast<double>(same) / dn;
    f.p_worse = 1.0 - f.p_better - f.p_same;
  }
  f.can_tell = f.diff.defined > 0 && (f.diff.p5 > 0 || f.diff.p95 < 0);
  return f;
}

bool same_numbers(std::span<double> a, std::span<double> b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

bool same_params(Params a, Params b) {  // copies: ParamDecl::ref takes a mutable Params
  for (const auto& d : parameter_table())
    if (!same_numbers(d.ref(a), d.ref(b))) return false;
  return true;
}

bool same_intervention(const Intervention& a, const Intervention& b) {
  if (a.needs != b.needs) return false;
  for (const auto& f : intervention_fields()) {
    if (f.value && !(a.*f.value == b.*f.value)) return false;
    if (f.high && !(a.*f.high == b.*f.high)) return false;
    if (f.get && f.get(a) != f.get(b)) return false;
  }
  return true;
}
}  // namespace

std::vector<double> horizon_values(const Results& r, std::size_t v, int kpi) {
  const auto& d = kpi_table()[static_cast<std::size_t>(kpi)];
  if (d.yearly == Yearly::Sum) return horizon_sum(r, v, kpi, false);
  if (d.yearly == Yearly::MeanOfMonths) {
    auto x = horizon_sum(r, v, kpi, true);
    for (auto& e : x) e /= static_cast<double>(r.calendar.months());
    return x;
  }
  const auto num = horizon_values(r, v, d.numerator), den = horizon_values(r, v, d.denominator);
  std::vector<double> x(num.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = den[i] > 0 ? num[i] / den[i] * d.scale : kNaN;
  return x;
}

long change_month(const Scenario& s, std::size_t v) {
  const auto& base = s.variants.front();
  const auto& var = s.variants[v];
  if (!same_params(base.params, var.params)) return 0;
  long first = std::numeric_limits<long>::max();
  auto consider = [&](const Intervention& iv) { first = std::min(first, static_cast<long>(iv.start_month)); };
  for (const auto& iv : var.interventions) {
    auto it = std::find_if(base.interventions.begin(), base.interventions.end(),
                           [&](const Intervention& b) { return b.name == iv.name; });
    if (it == base.interventions.end()) consider(iv);
    else if (!same_intervention(iv, *it)) {
      consider(iv);
      consider(*it);
    }
  }
  for (const auto& b : base.interventions)
    if (std::none_of(var.interventions.begin(), var.interventions.end(), [&](const Intervention& iv) { return iv.name == b.name; }))
      consider(b);
  return first == std::numeric_limits<long>::max() ? 0 : first;
}

std::string year_label(const sim::Calendar& cal, long year) {
  const auto first = cal.at(year * 12);
  const long last = std::min(cal.months(), year * 12 + 12) - 1;
  if (first.month == 4 && last == year * 12 + 11) {
    char b[16];
    std::snprintf(b, sizeof b, "%d/%02d", first.year, (first.year + 1) % 100);
    return b;
  }
  return first.iso() + ".." + cal.at(last).iso();
}

bool small_count(const Results& r, const std::string& kpi) {
  double sum = 0;
  long n = 0;
  for (long p = 0; p < r.calendar.periods(); ++p)
    for (double x : r.values(0, kpi_index(kpi), static_cast<std::size_t>(p), false))
      if (!std::isnan(x)) sum += x, ++n;
  return n > 0 && sum / static_cast<double>(n) < kSmallCountPerQuarter;
}

std::string quarter_label(const sim::Calendar& cal, long period) {
  const sim::Period q = cal.period(period);
  if (cal.start().month != 4) return q.label;
  // Quarters of a run starting in April are the financial year's: April to June is Q1.
  const sim::YearMonth m = cal.at(q.first_month);
  const int fy = m.month >= 4 ? m.year : m.year - 1;
  char b[24];
  std::snprintf(b, sizeof b, "%d/%02d Q%d", fy, (fy + 1) % 100, ((m.month + 8) % 12) / 3 + 1);
  return b;
}

BoardSummary board_summary(const Results& r, const Scenario& s) {
  BoardSummary b;
  b.indicators = board_indicators();
  const long years = r.calendar.years();
  for (long y = 0; y < years; ++y) b.periods.push_back({year_label(r.calendar, y), y});
  b.periods.push_back({year_label(r.calendar, 0) + " to " + year_label(r.calendar, years - 1), -1});
  auto values = [&](std::size_t v, int k, long year) {
    return year < 0 ? horizon_values(r, v, k) : r.values(v, k, static_cast<std::size_t>(year), true);
  };
  for (const auto& per : b.periods) {
    b.baseline.emplace_back();
    for (const auto& kpi : b.indicators) b.baseline.back().push_back(sim::summarise(values(0, kpi_index(kpi), per.year)));
  }
  for (std::size_t v = 1; v < r.variants.size(); ++v) {
    VariantDecision d;
    d.name = r.variants[v].name;
    d.description = r.variants[v].description;
    for (const auto& per : b.periods) {
      d.figures.emplace_back();
      for (const auto& kpi : b.indicators) {
        const int k = kpi_index(kpi);
        d.figures.back().push_back(figure(kpi, values(0, k, per.year), values(v, k, per.year),
                                          kpi_table()[static_cast<std::size_t>(k)].lower_is_better));
      }
    }
    d.change_month = change_month(s, v);
    d.change_after_horizon = d.change_month >= r.calendar.months();
    d.first_cohort = r.calendar.period_of(std::min(d.change_month, r.calendar.months() - 1));
    // A cohort is followed wholly under the change when its first month is on or after the change's first month.
    if (r.calendar.period(d.first_cohort).first_month < d.change_month && !d.change_after_horizon) ++d.first_cohort;
    if (d.first_cohort >= r.calendar.periods()) {
      d.change_after_horizon = true;
      d.first_cohort = r.calendar.periods() - 1;
    }
    const auto per = r.calendar.period(d.first_cohort);
    d.first_cohort_label = quarter_label(r.calendar, d.first_cohort);
    d.first_cohort_months = r.calendar.at(per.first_month).iso() + ".." + r.calendar.at(per.last_month).iso();
    d.complete_month = r.calendar.at(cohort_complete_month(r.calendar, d.first_cohort)).iso();
    d.publication_month = r.calendar.at(cohort_publication_month(r.calendar, d.first_cohort)).iso();
    b.variants.push_back(std::move(d));
  }
  return b;
}

}  // namespace yjsim::analysis

#include "analysis/published_check.h"

#include <algorithm>

#include "sim/errors.h"
#include "sim/summary.h"

namespace yjsim::analysis {

input::Target as_target(const models::PublishedFigure& f) {
  input::Target g;
  g.kpi = f.kpi;
  g.breakdown = f.breakdown;
  g.category = f.category;
  g.value = f.value;
  g.period = f.period;
  g.holdout = f.holdout;
  g.source = f.source;
  if (f.cohort_size > 0) g.cohort_size = f.cohort_size;
  const auto dots = f.period.find("..");
  const auto a = dots == std::string::npos ? std::nullopt : sim::YearMonth::parse(f.period.substr(0, dots));
  const auto b = dots == std::string::npos ? std::nullopt : sim::YearMonth::parse(f.period.substr(dots + 2));
  if (!a || !b) throw sim::InputError("", 0, "calibration.published.period", "\"" + f.period + "\"", "\"YYYY-MM..YYYY-MM\"");
  g.first = *a;
  g.last = *b;
  return g;
}

bool in_run_quarters(const input::Target& g, const models::Results& r) {
  const long a = sim::months_between(r.calendar.start(), g.first), b = sim::months_between(r.calendar.start(), g.last);
  return a >= 0 && a % 3 == 0 && (b + 1) % 3 == 0 && b < r.calendar.months() && b >= a;
}

CalibrationCheck check_calibration(const models::Scenario& s, const models::Results& r, int threads,
                                   const std::atomic<bool>* cancel) {
  CalibrationCheck out;
  const models::Calibration& c = s.calibration;
  if (c.empty()) return out;
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    std::vector<double> column;
    for (const auto& d : c.draws) column.push_back(d[i]);
    if (column.empty()) column.push_back(c.values[i]);  // no draws: the fitted value alone
    const auto [lo, hi] = std::minmax_element(column.begin(), column.end());
    out.parameters.push_back(posterior_of(c.parameters[i], *lo, *hi, column, c.values[i]));
  }
  std::vector<input::Target> targets;
  for (const auto& f : c.published) targets.push_back(as_target(f));
  if (targets.empty()) return out;
  const bool all_in = std::all_of(targets.begin(), targets.end(), [&](const auto& g) { return in_run_quarters(g, r); });
  std::optional<models::Results> check;
  if (!all_in) {
    // The baseline as calibrated, over the figures' months: the fit's run (its start is the first figure's month).
    models::Scenario b = s;
    b.variants.resize(1);
    sim::YearMonth first = targets.front().first, last = targets.front().last;
    for (const auto& g : targets) {
      if (sim::months_between(g.first, first) > 0) first = g.first;
      if (sim::months_between(last, g.last) > 0) last = g.last;
    }
    auto& run = b.variants[0].params.run;
    run.start = first;
    run.months = static_cast<double>(sim::months_between(first, last) + 1);
    run.replicates = static_cast<double>(r.replicates);
    models::RunOptions o;
    o.threads = threads;
    o.cancel = cancel;
    check = models::run_scenario(b, o);
    out.from_check_run = true;
    out.check_start = first.iso();
    out.check_months = check->calendar.months();
  }
  const models::Results& m = check ? *check : r;
  out.runs = m.replicates;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& g = targets[i];
    if (!in_run_quarters(g, m))
      throw sim::InputError("", 0, "calibration.published.period", "\"" + g.period + "\"",
                            "whole quarters from the calibration's first figure's month");
    const auto sm = target_summary(m, g);
    out.figures.push_back({c.published[i], sm.mean, sm.p5, sm.p95, g.value >= sm.p5 && g.value <= sm.p95});
  }
  return out;
}

}  // namespace yjsim::analysis

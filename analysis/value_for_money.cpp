#include "analysis/value_for_money.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/board_summary.h"
#include "models/kpis.h"
#include "models/parameters.h"

namespace yjsim::analysis {

using namespace models;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string source_of(const char* parameter) {
  for (const auto& d : parameter_table())
    if (std::string(d.name) == parameter) return d.source;
  return "";
}

// Per replicate, the sum over the horizon of a KPI's value x months of its period (month-end counts).
std::vector<double> month_ends(const Results& r, std::size_t v, const char* kpi) {
  std::vector<double> total(static_cast<std::size_t>(r.replicates), 0.0);
  for (long p = 0; p < r.calendar.periods(); ++p) {
    const auto x = r.values(v, kpi_index(kpi), static_cast<std::size_t>(p), false);
    for (std::size_t i = 0; i < x.size(); ++i) total[i] += x[i] * static_cast<double>(r.months_in_period[static_cast<std::size_t>(p)]);
  }
  return total;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  return d;
}

double share_below_zero(const std::vector<double>& x) {
  if (x.empty()) return kNaN;
  return static_cast<double>(std::count_if(x.begin(), x.end(), [](double e) { return e < 0; })) / static_cast<double>(x.size());
}

VfmView view(std::string name, std::string counts, const std::vector<double>& avoided, const std::vector<double>& spending) {
  VfmView w{std::move(name), std::move(counts), sim::summarise(avoided), sim::summarise(minus(spending, avoided)), 0, kNaN,
            kNaN, kNaN, kNaN};
  w.p_net_saving = share_below_zero(minus(spending, avoided));
  std::vector<double> ratio;
  for (std::size_t i = 0; i < avoided.size(); ++i)
    if (spending[i] > 0) ratio.push_back(avoided[i] / spending[i]);
  const double spent = sim::summarise(spending).mean;
  if (spent > 0 && !ratio.empty()) {
    w.bcr = w.avoided.mean / spent;
    std::sort(ratio.begin(), ratio.end());
    w.bcr_low = sim::percentile_sorted(ratio, 0.05);
    w.bcr_high = sim::percentile_sorted(ratio, 0.95);
  }
  if (spent > 0 && w.avoided.mean > 0) w.break_even_multiple = spent / w.avoided.mean;
  return w;
}
}  // namespace

std::vector<UnitCost> unit_costs(const Params& p) {
  return {
      {"costs.custody_place_year_gbp", "Custody place, a year (sentenced; young offender institution)", "GBP per place-year",
       p.costs.custody_place_year_gbp, "fully loaded", source_of("costs.custody_place_year_gbp")},
      {"costs.remand_night_gbp", "Remand to youth detention, a night", "GBP per night", p.costs.remand_night_gbp,
       "marginal", source_of("costs.remand_night_gbp")},
      {"costs.court_case_gbp", "Court case (sentencing occasion), court costs only", "GBP per sentencing occasion",
       p.costs.court_case_gbp, "fully loaded", source_of("costs.court_case_gbp")},
  };
}

CostParts cost_parts(const Results& r, const Scenario& s, std::size_t v) {
  const Params& p = s.variants[v].params;
  const auto n = static_cast<std::size_t>(r.replicates);
  CostParts c{std::vector<double>(n, 0.0), {}, {}, {}};
  const auto custody = month_ends(r, v, "custody_population"), remand = month_ends(r, v, "remand_population");
  const auto total = horizon_values(r, v, kpi_index("cost_gbp"));
  c.custody.resize(n);
  c.remand.resize(n);
  c.court.resize(n);
  // As models/simulation.cpp charges them: each place started at its price, fixed costs for every month run.
  const auto& list = s.variants[v].interventions;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& starts = r.variants[v].replicates[i].starts_period;
    for (std::size_t k = 0; k < list.size(); ++k) {
      double started = 0;
      for (double x : starts[k]) started += x;
      const double months_run = std::max(0.0, static_cast<double>(r.calendar.months()) - std::max(0.0, std::ceil(list[k].start_month)));
      c.interventions[i] += started * list[k].cost_per_place_gbp + months_run * list[k].fixed_cost_per_year_gbp / 12.0;
    }
    c.custody[i] = (custody[i] - remand[i]) * p.costs.custody_place_year_gbp / 12.0;
    c.remand[i] = remand[i] * p.costs.remand_night_gbp * 365.25 / 12.0;
    c.court[i] = total[i] - c.interventions[i] - c.custody[i] - c.remand[i];
  }
  return c;
}

ValueForMoney value_for_money(const Results& r, const Scenario& s, std::size_t v) {
  const auto base = cost_parts(r, s, 0), var = cost_parts(r, s, v);
  const int cost = kpi_index("cost_gbp");
  ValueForMoney m;
  m.variant = r.variants[v].name;
  m.years = static_cast<double>(r.calendar.months()) / 12.0;
  m.extra_cost = sim::summarise(minus(horizon_values(r, v, cost), horizon_values(r, 0, cost)));
  const auto spending = minus(var.interventions, base.interventions);
  m.extra_spending = sim::summarise(spending);
  const auto custody = minus(base.custody, var.custody), remand = minus(base.remand, var.remand),
             court = minus(base.court, var.court);
  m.custody_avoided = sim::summarise(custody);
  m.remand_avoided = sim::summarise(remand);
  m.court_avoided = sim::summarise(court);
  std::vector<double> all(custody.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = custody[i] + remand[i] + court[i];
  m.fully_loaded = view("fully loaded", "custody, remand and court costs avoided at the scenario's unit costs", all, spending);
  m.marginal = view("marginal (local cash)", "remand charges avoided only (a local authority pays them per night)", remand, spending);
  m.per_outcome = cost_per_outcome_avoided(r, v);
  const auto& basev = s.variants.front().interventions;
  for (const auto& iv : s.variants[v].interventions) {
    if (!(iv.offending_rr < 1)) continue;
    if (std::any_of(basev.begin(), basev.end(), [&](const Intervention& b) { return b.name == iv.name && b.offending_rr == iv.offending_rr && b.places_per_year == iv.places_per_year; }))
      continue;  // unchanged from the baseline: not this variant's effect
    const double mult = m.fully_loaded.break_even_multiple;
    const double be = std::isnan(mult) ? kNaN : 1.0 - (1.0 - iv.offending_rr) * mult;
    m.break_even.push_back({iv.name, iv.offending_rr, be > 0 ? be : kNaN});
  }
  return m;
}

}  // namespace yjsim::analysis

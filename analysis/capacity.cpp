#include "analysis/capacity.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "models/interventions.h"

namespace yjsim::analysis {

using namespace models;

namespace {
std::string whole(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", x);
  return b;
}

// Per replicate starts of intervention k of variant v over months [0, months) by year (year -1: the horizon).
std::vector<double> starts_of(const Results& r, std::size_t v, std::size_t k, long year) {
  std::vector<double> x;
  for (const auto& rep : r.variants[v].replicates) {
    double s = 0;
    const auto& per = rep.starts_period[k];
    for (std::size_t p = 0; p < per.size(); ++p)
      if (year < 0 || static_cast<long>(p) / 4 == year) s += per[p];
    x.push_back(s);
  }
  return x;
}

}  // namespace

Scenario unlimited_places(const Scenario& s) {
  Scenario u = s;
  for (auto& v : u.variants)
    for (auto& iv : v.interventions) iv.places_per_year = std::numeric_limits<double>::infinity();
  return u;
}

bool any_limited(const Scenario& s) {
  for (const auto& v : s.variants)
    for (const auto& iv : v.interventions)
      if (iv.limited()) return true;
  return false;
}

std::vector<CapacityRow> capacity(const Results& r, const Scenario& s, const Results* demand) {
  std::vector<CapacityRow> rows;
  const long months = r.calendar.months(), years = r.calendar.years();
  for (std::size_t v = 0; v < s.variants.size(); ++v)
    for (std::size_t k = 0; k < s.variants[v].interventions.size(); ++k) {
      const auto& iv = s.variants[v].interventions[k];
      CapacityRow c;
      c.variant = s.variants[v].name;
      c.intervention = iv.name;
      c.target = target_name(iv.target);
      c.limited = iv.limited();
      c.start_month = iv.start_month;
      c.places_funded = 0;
      c.places_funded_year.assign(static_cast<std::size_t>(years), 0.0);
      for (long t = 0; t < months; ++t) {
        const double m = iv.monthly_places(t);
        c.places_funded += m;
        c.places_funded_year[static_cast<std::size_t>(t / 12)] += m;
      }
      c.starts = sim::summarise(starts_of(r, v, k, -1));
      for (long y = 0; y < years; ++y) c.starts_year.push_back(sim::summarise(starts_of(r, v, k, y)));
      c.demand_known = demand != nullptr && !demand->variants[v].replicates.empty() &&
                       k < demand->variants[v].replicates.front().starts_period.size();
      if (c.demand_known) {
        c.demand = sim::summarise(starts_of(*demand, v, k, -1));
        for (long y = 0; y < years; ++y) c.demand_year.push_back(sim::summarise(starts_of(*demand, v, k, y)));
      }
      c.unused = c.limited ? c.places_funded - c.starts.mean : std::numeric_limits<double>::quiet_NaN();
      if (iv.start_month >= static_cast<double>(months))
        c.warnings.push_back(iv.name + " starts in month " + whole(iv.start_month + 1) + " of the horizon, after it ends (" +
                             whole(static_cast<double>(months)) + " months): no place is used and no effect can show.");
      if (c.limited && c.demand_known && c.places_funded > 0 && c.demand.mean < c.places_funded)
        c.warnings.push_back(iv.name + ": " + whole(c.places_funded) + " places are funded over the horizon but only about " +
                             whole(c.demand.mean) + " children would take one even with unlimited places; about " +
                             whole(c.places_funded - c.starts.mean) + " places stay unused, and more places would change nothing.");
      if (c.limited && c.demand_known && c.demand.mean > c.starts.mean * 1.1 + 1)
        c.warnings.push_back(iv.name + ": about " + whole(c.demand.mean) + " children would take a place over the horizon but only " +
                             whole(c.starts.mean) + " start one: about " + whole(c.demand.mean - c.starts.mean) + " go without.");
      rows.push_back(std::move(c));
    }
  return rows;
}

}  // namespace yjsim::analysis

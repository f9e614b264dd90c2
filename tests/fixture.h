#pragma once
// Helpers for tests: a context for stepping single phases on hand-built people, and tolerances of k standard
// errors with k from Boost.Math (STYLE.md 7).
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstring>
#include <vector>
#include <memory>

#include "models/pathway/phases.h"
#include "input/scenario_reader.h"
#include "input/sweep.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::test {

// Two-sided tolerance multiplier for a false-alarm probability of 1e-6 per check (about 4.9 standard errors).
inline double k_sigma() {
  static const double k = boost::math::quantile(boost::math::complement(boost::math::normal(), 0.5e-6));
  return k;
}

// One person of a given age (in months) at month t, stepped through single phases.
struct Lab {
  models::Params p;
  std::unique_ptr<models::Derived> d;
  models::EntrySchedule schedule;
  std::unique_ptr<models::Context> c;
  models::People people;
  models::Block block;
  models::InterventionRun none;

  explicit Lab(models::Params params, std::size_t n = 1) : p(std::move(params)) {
    p.run.months = 48;
    d = std::make_unique<models::Derived>(p);
    schedule = models::make_entry_schedule(p);
    c = std::make_unique<models::Context>(models::Context{p, *d, schedule, 0, 48, 65, models::kNever, &none});
    people.resize(n);
    block.tally.resize(16, 4, 0);
    for (std::size_t i = 0; i < n; ++i) people.propensity[i] = 1.0f;
  }
  models::PersonMonth at(std::size_t id, long t, long age_months) {
    people.birth[id] = static_cast<std::int16_t>(t - age_months);
    people.career_end[id] = models::kNever;
    return models::PersonMonth{people, block, id, t, age_months};
  }
  std::int64_t count(long period, models::Counter k) const { return block.tally.get(period, k); }
  std::int64_t cell(long period, const char* dimension, std::size_t kpi, std::size_t category) const {
    const int at = models::breakdown(dimension).cell(kpi, category);
    return block.tally.cells[static_cast<std::size_t>(period)][static_cast<std::size_t>(at)];
  }
};

// Equal to the last bit (NaN equals NaN): "bit-identical" as the reproducibility tests mean it.
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Sample standard deviation.
inline double sd(const std::vector<double>& v) {
  double m = 0, ss = 0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

inline models::Scenario scenario(const std::string& toml) { return input::parse_scenario(toml, "test.toml"); }

inline double kpi(const models::Results& r, const char* name, std::size_t slot, bool by_year, std::size_t v = 0) {
  double s = 0;
  for (double x : r.values(v, models::kpi_index(name), slot, by_year)) s += x;
  return s / static_cast<double>(r.replicates);
}

// A 2x2 grid over base_rate and detection with an inline base scenario and one variant.
inline input::Sweep grid_sweep() {
  std::string text = "design = \"grid\"\n[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.035, 0.045]\n"
                     "[[axis]]\nparameter = \"detection.probability\"\nfrom = 0.08\nto = 0.12\nsteps = 2\n";
  // The base scenario inline: the scenario's tables nested under [scenario].
  const std::string base = "[scenario.run]\nreplicates = 3\nmonths = 12\n[scenario.population]\nsize_10_17 = 8000\n"
         "[[scenario.variant]]\nname = \"fewer_charges\"\n[scenario.variant.outcome]\nnone = [0.47, 0.31, 0.11, 0.10, 0.01]\n";
  return input::parse_sweep(text + base, "grid.toml");
}

}  // namespace yjsim::test

// Whole-model statistics against analytic expectations (tolerance: k standard errors, k from Boost.Math).
#include <doctest/doctest.h>

#include <cmath>

#include "fixture.h"

using namespace yjsim::models;
using yjsim::test::k_sigma;

namespace {
// Everyone has z = 1 and no multipliers, and nothing is ever detected: offences are Poisson with a known mean.
const char* kFixedRate = R"(
[run]
replicates = 40
months = 12
[population]
size_10_17 = 5000
[offending]
propensity_sigma = 0
girl_rr = 1
[desistance]
monthly_hazard = 0
[detection]
probability = 0
[needs.ete_need]
prevalence = 0
[needs.care_experienced]
prevalence = 0
[needs.slcn]
prevalence = 0
[needs.mental_health]
prevalence = 0
)";
}  // namespace

TEST_CASE("offences committed per quarter are Poisson with the mean from base_rate and age_rr") {
  const auto s = yjsim::test::scenario(kFixedRate);
  const auto& p = s.baseline();
  const auto sched = make_entry_schedule(p);
  const auto r = run_scenario(s);
  for (long q = 0; q < 4; ++q) {
    double expected = 0;  // incidents by children aged 10-17 in the quarter
    for (long t = 3 * q; t < 3 * q + 3; ++t)
      for (std::size_t id = 0; id < static_cast<std::size_t>(sched.entered(t)); ++id) {
        const long age = t - sched.birth[id];
        if (age >= 120 && age < 216)
          expected += p.offending.base_rate * p.offending.age_rr[static_cast<std::size_t>(age / 12 - 10)];
      }
    const double per_incident = 1 + p.detection.extra_offences_mean;
    const double observed = yjsim::test::kpi(r, "offences_committed", static_cast<std::size_t>(q), false) / per_incident;
    // Mean of R replicates of a Poisson count: standard error sqrt(mean / R).
    const double se = std::sqrt(expected / static_cast<double>(r.replicates));
    CAPTURE(q);
    CHECK(std::fabs(observed - expected) <= k_sigma() * se);
    CHECK(yjsim::test::kpi(r, "fte_count", static_cast<std::size_t>(q), false) == 0);
  }
}

TEST_CASE("girls' share of offences follows girl_rr and male_share") {
  // With detection and every outcome a YC, FTEs are first detections: girls' share = g x rr / (g x rr + b).
  const auto s = yjsim::test::scenario(R"(
[run]
replicates = 20
months = 12
[population]
size_10_17 = 20000
[offending]
girl_rr = 0.5
[detection]
serious_share = 0
[outcome]
none = [0, 0, 1, 0, 0]
)");
  const auto r = run_scenario(s);
  const double girls = yjsim::test::kpi(r, "fte_girls", 0, true) * static_cast<double>(r.replicates);
  const double all = yjsim::test::kpi(r, "fte_count", 0, true) * static_cast<double>(r.replicates);
  const double g = 1 - s.baseline().population.male_share;
  const double expected = g * 0.5 / (g * 0.5 + (1 - g));
  // Propensity and needs are independent of sex, so the share of first detections is exactly this in expectation.
  CHECK(std::fabs(girls / all - expected) <= k_sigma() * std::sqrt(expected * (1 - expected) / all) * 2);
}

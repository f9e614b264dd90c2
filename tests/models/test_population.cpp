#include <doctest/doctest.h>

#include <cmath>

#include "fixture.h"
#include "models/entry_schedule.h"

using namespace yjsim::models;

TEST_CASE("at month 0 the population is size_10_17 with the ages in age_shares") {
  const auto s = yjsim::test::scenario("[population]\nsize_10_17 = 100000\n");
  const auto sched = make_entry_schedule(s.baseline());
  CHECK(std::labs(sched.population_10_17(0) - 100000) <= 1);
  // Count of age 10 (born months -131..-120) against its share.
  double sum = 0;
  for (double a : s.baseline().population.age_shares) sum += a;
  long age10 = 0;
  for (auto b : sched.birth) age10 += (b <= -120 && b >= -131);
  CHECK(std::fabs(static_cast<double>(age10) - 100000.0 * 730400.0 / sum) <= 1.0);
  // From month 1, size/96 a month enter (no growth): at month 47 the children are those aged 10-13 and one
  // month of 14 at month 0, plus 47 months of intake.
  const auto& a = s.baseline().population.age_shares;
  const double expected = 100000.0 * ((a[0] + a[1] + a[2] + a[3]) / sum + a[4] / sum / 12) + 47 * 100000.0 / 96;
  CHECK(std::fabs(static_cast<double>(sched.population_10_17(47)) - expected) <= 2.0);
  // The oldest at month 0 (17 years 11 months) entered at 10 in month -95.
  CHECK(sched.entered(-96) == 0);
  CHECK(sched.entered(-95) > 0);
}

TEST_CASE("growth raises the intake and a short burn-in enters older children at its first month") {
  const auto g = make_entry_schedule(yjsim::test::scenario("[population]\nannual_growth = 0.1\n").baseline());
  CHECK(g.population_10_17(47) > g.population_10_17(0));
  const auto s = make_entry_schedule(yjsim::test::scenario("[run]\nburn_in_months = 12\n").baseline());
  CHECK(s.first_month == -12);
  CHECK(std::labs(s.population_10_17(0) - 20000) <= 1);
  CHECK(s.entry_month(0) == -12);
}

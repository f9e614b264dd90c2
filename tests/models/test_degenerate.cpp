// Degenerate parameters give exact answers.
#include <doctest/doctest.h>

#include <cmath>

#include "fixture.h"
#include "io/writers.h"
#include "report/tables.h"

using namespace yjsim::models;
using namespace yjsim::analysis;
using namespace yjsim::input;

namespace {
Results run(const std::string& toml) { return run_scenario(yjsim::test::scenario("[run]\nreplicates = 4\n" + toml)); }
double total(const Results& r, const char* kpi) {
  double s = 0;
  for (long p = 0; p < r.calendar.periods(); ++p)
    for (double x : r.values(0, kpi_index(kpi), static_cast<std::size_t>(p), false)) s += x;
  return s;
}
}  // namespace

TEST_CASE("detection 0: no first time entrants, no cohort, undefined rates are NaN") {
  const auto r = run("[detection]\nprobability = 0\n");
  CHECK(total(r, "fte_count") == 0);
  CHECK(total(r, "reoffending_cohort_size") == 0);
  CHECK(total(r, "proven_offences") == 0);
  CHECK(total(r, "custody_population") == 0);
  CHECK(total(r, "offences_committed") > 0);
  CHECK(std::isnan(r.values(0, kpi_index("reoffending_binary_rate"), 0, false)[0]));
  CHECK(std::isnan(r.values(0, kpi_index("reoffences_per_reoffender"), 0, true)[0]));
}

TEST_CASE("every outcome NFA: nothing is proven") {
  const auto r = run(R"(
[detection]
serious_share = 0
[outcome]
none = [1, 0, 0, 0, 0]
cautioned = [1, 0, 0, 0, 0]
convicted = [1, 0, 0, 0, 0]
adult = [1, 0, 0, 0]
)");
  CHECK(total(r, "proven_offences") == 0);
  CHECK(total(r, "fte_count") == 0);
  CHECK(total(r, "children_cautioned_or_sentenced") == 0);
  CHECK(total(r, "remand_episodes") == 0);
}

TEST_CASE("base rate 0: no offences at all") {
  const auto r = run("[offending]\nbase_rate = 0\n");
  CHECK(total(r, "offences_committed") == 0);
  CHECK(total(r, "fte_count") == 0);
}

TEST_CASE("horizon 0: no periods, no years, and the outputs still work") {
  const auto z = run_scenario(yjsim::test::scenario("[run]\nreplicates = 2\nmonths = 0\n"));
  CHECK(z.calendar.periods() == 0);
  CHECK(z.calendar.years() == 0);
  CHECK(z.variants[0].replicates[0].period[0].empty());
  CHECK_NOTHROW(yjsim::report::text_table(z));
}

TEST_CASE("population 0: zero counts and NaN rates, no crash") {
  const auto r = run("[population]\nsize_10_17 = 0\n");
  CHECK(total(r, "population_10_17") == 0);
  CHECK(total(r, "fte_count") == 0);
  CHECK(std::isnan(r.values(0, kpi_index("fte_rate_per_100k"), 0, false)[0]));
}

TEST_CASE("certain, total desistance after the first formal outcome: a cohort but no reoffending at all") {
  // Every index event follows a formal outcome, after which the propensity is 0: no offence can follow it.
  const auto r = run("[desistance]\nper_outcome = 1\nfactor = 0\n");
  CHECK(total(r, "reoffending_cohort_size") > 0);
  CHECK(total(r, "reoffenders") == 0);
  CHECK(total(r, "reoffences") == 0);
}

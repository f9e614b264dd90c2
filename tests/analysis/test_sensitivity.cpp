// Sensitivity (PRCC): a driving parameter near 1, a null one near 0 within its sampling error.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "fixture.h"
#include "analysis/fit.h"
#include "analysis/sensitivity.h"
#include "sim/errors.h"
#include "input/sweep.h"
#include "sim/summary.h"

using namespace yjsim::models;
using namespace yjsim::analysis;
using namespace yjsim::input;

TEST_CASE("PRCC: a driving parameter near 1, an irrelevant one near 0") {
  std::mt19937_64 g(1);  // test data only
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  const std::size_t n = 400;
  for (std::size_t i = 0; i < n; ++i) {
    x.push_back({u(g), u(g), u(g)});
    y.push_back(3 * x.back()[0] - x.back()[1] + 0.1 * u(g));
  }
  const auto r = prcc(x, y);
  CHECK(r[0] > 0.9);
  CHECK(r[1] < -0.5);
  // Under no effect, atanh(PRCC) sqrt(n - k - 3) is about standard normal (Fisher).
  CHECK(std::fabs(std::atanh(r[2])) * std::sqrt(static_cast<double>(n - 2 - 3)) <= yjsim::test::k_sigma());
  CHECK(ranks({3, 1, 1, 2}) == std::vector<double>{4, 1.5, 1.5, 3});
}

TEST_CASE("sensitivity on a Latin hypercube sweep ranks a parameter with no effect last, near 0") {
  const auto s = parse_sweep(R"(
design = "lhs"
points = 120
replicates = 2
[[axis]]
parameter = "offending.base_rate"
from = 0.02
to = 0.06
[[axis]]
parameter = "costs.court_case_gbp"
from = 100
to = 2000
[[axis]]
parameter = "detection.probability"
from = 0.05
to = 0.15
[scenario.run]
months = 12
[scenario.population]
size_10_17 = 3000
)", "lhs.toml");
  REQUIRE(s.points.size() == 120);
  // Latin hypercube: each axis has exactly one point in each of the N strata.
  std::vector<int> strata(120, 0);
  for (const auto& p : s.points) ++strata[static_cast<std::size_t>((p[0] - 0.02) / 0.04 * 120)];
  for (int c : strata) CHECK(c == 1);
  std::vector<double> y;
  for (std::size_t p = 0; p < s.points.size(); ++p)
    y.push_back(yjsim::sim::summarise(horizon_values(run_scenario(scenario_at(s, p)), 0, kpi_index("fte_count"), false)).mean);
  const auto r = prcc(s.points, y);
  MESSAGE("PRCC on fte_count: base_rate " << r[0] << ", court cost " << r[1] << ", detection " << r[2]);
  CHECK(std::fabs(r[1]) < std::fabs(r[0]));
  CHECK(std::fabs(r[1]) < std::fabs(r[2]));
  CHECK(std::fabs(std::atanh(r[1])) * std::sqrt(120.0 - 3 - 3) <= yjsim::test::k_sigma());
  // base_rate drives FTEs: its PRCC is far from 0 by the same test (Fisher z, k standard errors under no effect).
  CHECK(r[0] > 0);
  CHECK(std::atanh(r[0]) * std::sqrt(120.0 - 3 - 3) > yjsim::test::k_sigma());
}

TEST_CASE("PRCC of a perfectly monotone response is +-1, not undefined") {
  const std::vector<std::vector<double>> x{{1, 5}, {2, 3}, {3, 9}, {4, 1}, {5, 7}, {6, 2}};
  const std::vector<double> y{60, 50, 40, 30, 20, 10};
  const auto r = prcc(x, y);
  CHECK(r[0] == doctest::Approx(-1).epsilon(1e-6));
}

TEST_CASE("fit parameters: elements, ranges of elements, probability rows kept summing to 1, bad names refused") {
  auto s = yjsim::test::scenario("");
  set_parameter(s, "offending.age_rr[3]", 0.3);
  CHECK(s.baseline().offending.age_rr[3] == 0.3);
  const auto before = s.baseline();
  set_parameter(s, "court.custody_age_rr[0:5]", 0.2);
  for (std::size_t i = 0; i < 8; ++i)
    CHECK(s.baseline().court.custody_age_rr[i] == (i <= 5 ? 0.2 : before.court.custody_age_rr[i]));
  set_parameter(s, "outcome.cautioned[4]", 0.7);  // charge share down; the others scaled up in proportion
  double sum = 0;
  for (double x : s.baseline().outcome.cautioned) sum += x;
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
  const auto& c = before.outcome.cautioned;
  CHECK(s.baseline().outcome.cautioned[2] == doctest::Approx(c[2] * 0.3 / (1 - c[4])));
  CHECK(get_parameter(s, "outcome.cautioned[4]") == 0.7);
  CHECK_NOTHROW(validate(s));
  const auto f = parse_fit_parameter("offending.age_rr[2]:0.03:0.3");
  CHECK(f.name == "offending.age_rr[2]");
  CHECK(f.high == 0.3);
  CHECK_THROWS_AS(parse_fit_parameter("offending.base_rat:0:1"), yjsim::sim::InputError);
  CHECK_THROWS_AS(parse_fit_parameter("offending.age_rr:0:1"), yjsim::sim::InputError);  // an array needs [i]
  CHECK_THROWS_AS(parse_fit_parameter("offending.age_rr[20]:0:1"), yjsim::sim::InputError);
  CHECK_THROWS_AS(parse_fit_parameter("offending.base_rate:1:0"), yjsim::sim::InputError);
  CHECK_THROWS_AS(parse_fit_parameter("offending.base_rate:-1:1"), yjsim::sim::InputError);  // below its range
}

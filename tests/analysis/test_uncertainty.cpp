// The split of a spread into parameter uncertainty and chance (analysis/uncertainty.h).
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "analysis/uncertainty.h"
#include "input/scenario_reader.h"
#include "models/simulation.h"
#include "report/tables.h"

using yjsim::analysis::split_uncertainty;

TEST_CASE("uncertainty split: degenerate cases are exact") {
  // Each parameter set gives the same value every time: all the spread is the parameters'.
  const std::vector<double> v{1, 3, 1, 3, 1, 3};
  const std::vector<std::size_t> g{0, 1, 0, 1, 0, 1};
  auto u = split_uncertainty(v, g, 2);
  CHECK(u.separable);
  CHECK(u.sd_chance == 0);
  CHECK(u.sd_parameter == doctest::Approx(std::sqrt(2.0)));  // sd of {1, 3}
  // One parameter set: all chance.
  const std::vector<std::size_t> one(6, 0);
  u = split_uncertainty(v, one, 1);
  CHECK(u.sd_parameter == 0);
  CHECK(u.sd_chance == doctest::Approx(u.sd_total));
  // One value per set: chance cannot be told from the parameters.
  const std::vector<std::size_t> own{0, 1, 2, 3, 4, 5};
  CHECK_FALSE(split_uncertainty(v, own, 6).separable);
}

TEST_CASE("uncertainty split: recovers the two variances of a random-effects sample within 4 standard errors") {
  constexpr std::size_t J = 400, n = 5;
  std::mt19937_64 rng(20261202);
  std::normal_distribution<double> between(0.0, 1.0), within(0.0, 2.0);  // variances 1 and 4
  std::vector<double> v;
  std::vector<std::size_t> g;
  for (std::size_t j = 0; j < J; ++j) {
    const double mu = between(rng);
    for (std::size_t i = 0; i < n; ++i) v.push_back(mu + within(rng)), g.push_back(j);
  }
  const auto u = split_uncertainty(v, g, J);
  REQUIRE(u.separable);
  // Var of a sample variance with df degrees of freedom: 2 sigma^4 / df.
  const double se_chance = std::sqrt(2.0 * 16.0 / static_cast<double>(J * (n - 1)));
  const double se_param = std::sqrt(2.0 / static_cast<double>(J - 1)) * (1.0 + 4.0 / n);
  CHECK(std::fabs(u.sd_chance * u.sd_chance - 4.0) <= 4 * se_chance);
  CHECK(std::fabs(u.sd_parameter * u.sd_parameter - 1.0) <= 4 * se_param);
}

TEST_CASE("yjsim run's uncertainty table: a calibrated scenario's spread split by posterior draw, none without draws") {
  auto s = yjsim::input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley.toml");
  for (auto& v : s.variants) v.params.run.replicates = 6, v.params.run.months = 12;
  s.calibration.draws.resize(3);  // replicates 0..5 run draws 0, 1, 2, 0, 1, 2
  yjsim::models::RunOptions o;
  o.threads = 2;
  const auto r = yjsim::models::run_scenario(s, o);
  const std::string t = yjsim::report::uncertainty_table(r, s);
  CHECK(t.find("between the 3 posterior draws used") != std::string::npos);
  CHECK(t.find("Reoffending rate (points)") != std::string::npos);
  CHECK(t.find("(parameters ") != std::string::npos);
  s.calibration = {};
  CHECK(yjsim::report::uncertainty_table(r, s).empty());
}

// Issue 16: the tidy summary rows, the yearly values `yjsim compare` forms from stored quarters, PRCC intervals by
// Fisher's z, and the Morris design and its elementary effects.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "analysis/comparison.h"
#include "analysis/morris.h"
#include "analysis/prcc_interval.h"
#include "analysis/run_comparison.h"
#include "analysis/sobol.h"
#include "analysis/summary_rows.h"
#include "input/scenario_reader.h"
#include "models/simulation.h"

using namespace yjsim;

namespace {
const models::Results& golden_run() {
  static const models::Results r = [] {
    auto s = input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/tests/fixtures/golden.toml");
    return models::run_scenario(s, models::RunOptions{});
  }();
  return r;
}
}  // namespace

TEST_CASE("summary rows: the printed statistics, 1-based years, no difference rows for the baseline") {
  const auto& r = golden_run();
  const auto rows = analysis::summary_rows(r, true);
  std::set<std::string> base_stats, var_stats;
  std::set<long> years;
  for (const auto& row : rows) {
    (row.variant == "baseline" ? base_stats : var_stats).insert(row.statistic);
    years.insert(row.year);
  }
  CHECK(base_stats == std::set<std::string>{"mean", "p5", "p50", "p95"});
  CHECK(var_stats.count("diff_mean") == 1);
  CHECK(var_stats.count("p_better") == 1);
  CHECK(years == std::set<long>{1, 2});
  // Every value is the analysis's own: the mean and interval of the values, the paired difference, P(better).
  const int k = models::kpi_index("reoffences");
  const auto c = analysis::compare(r, 1, k, 1, true);
  int seen = 0;
  for (const auto& row : rows) {
    if (row.kpi != "reoffences" || row.year != 2) continue;
    double want = std::nan("");
    if (row.variant == "baseline" && row.statistic == "mean") want = c.baseline.mean;
    if (row.variant != "baseline" && row.statistic == "p95") want = c.variant.p95;
    if (row.variant != "baseline" && row.statistic == "diff_p5") want = c.diff.p5;
    if (row.variant != "baseline" && row.statistic == "p_better") want = c.p_better;
    if (std::isnan(want)) continue;
    CHECK(row.value == want);
    ++seen;
  }
  CHECK(seen == 4);
  const auto quarters = analysis::summary_rows(r, false);
  CHECK(quarters.size() == rows.size() * 4);  // 8 quarters against 2 years
}

TEST_CASE("compare: yearly values formed from the stored quarters equal the run's own yearly values") {
  const auto& r = golden_run();
  const long periods = r.calendar.periods(), years = r.calendar.years();
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    analysis::StoredVariant s{r.replicates, {}};
    for (const auto& d : models::kpi_table()) {
      auto& m = s.kpi[d.name];
      for (long rep = 0; rep < r.replicates; ++rep)
        for (long p = 0; p < periods; ++p)
          m.push_back(r.values(v, models::kpi_index(d.name), static_cast<std::size_t>(p), false)[static_cast<std::size_t>(rep)]);
    }
    auto& ccs = s.kpi["children_cautioned_or_sentenced_yearly"];
    for (long rep = 0; rep < r.replicates; ++rep)
      for (long y = 0; y < years; ++y)
        ccs.push_back(r.values(v, models::kpi_index("children_cautioned_or_sentenced"), static_cast<std::size_t>(y), true)[static_cast<std::size_t>(rep)]);
    for (const auto& d : models::kpi_table())
      for (long y = 0; y < years; ++y) {
        const auto got = analysis::yearly_values(s, r.calendar, d.name, y);
        const auto want = r.values(v, models::kpi_index(d.name), static_cast<std::size_t>(y), true);
        for (std::size_t i = 0; i < want.size(); ++i) {
          INFO(d.name, " year ", y, " replicate ", i);
          if (std::isnan(want[i])) CHECK(std::isnan(got[i]));
          else CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
        }
      }
    // A run against itself: paired differences of exactly 0.
    for (const auto& row : analysis::compare_runs(s, s, r.calendar, true))
      if (!std::isnan(row.diff_mean)) CHECK(row.diff_mean == 0);
  }
}

TEST_CASE("PRCC intervals by Fisher's z") {
  // r = 0.5 from 50 points and 3 axes: z = atanh(0.5), se = 1 / sqrt(50 - 3 - 2), 90%: z -+ 1.6449 se.
  const auto i = analysis::prcc_interval(0.5, 50, 3);
  const double z = std::atanh(0.5), se = 1 / std::sqrt(45.0);
  CHECK(i.low == doctest::Approx(std::tanh(z - 1.6448536 * se)).epsilon(1e-6));
  CHECK(i.high == doctest::Approx(std::tanh(z + 1.6448536 * se)).epsilon(1e-6));
  CHECK(i.low < 0.5);
  CHECK(i.high > 0.5);
  // More axes (fewer degrees of freedom) widen it; too few points leave it undefined.
  const auto wider = analysis::prcc_interval(0.5, 50, 10);
  CHECK(wider.high - wider.low > i.high - i.low);
  CHECK(std::isnan(analysis::prcc_interval(0.5, 5, 3).low));
  CHECK(std::isnan(analysis::prcc_interval(std::nan(""), 50, 3).low));
}

TEST_CASE("Morris design: trajectories of single-axis steps of delta, in range, fixed by the seed") {
  const std::vector<analysis::MorrisAxis> axes{{0, 10, false}, {1, 100, true}, {-1, 1, false}};
  const auto d = analysis::morris_design(axes, 20, 4, 7);
  REQUIRE(d.points.size() == 20 * 4);
  const double delta = 4.0 / 6.0;
  for (std::size_t t = 0; t < 20; ++t)
    for (std::size_t s = 0; s < 3; ++s) {
      const auto& a = d.points[t * 4 + s];
      const auto& b = d.points[t * 4 + s + 1];
      int moved = 0;
      for (std::size_t i = 0; i < 3; ++i)
        if (std::fabs(a[i] - b[i]) > 1e-12) {
          ++moved;
          const double ua = axes[i].log ? std::log(a[i] / axes[i].from) / std::log(axes[i].to / axes[i].from) : (a[i] - axes[i].from) / (axes[i].to - axes[i].from);
          const double ub = axes[i].log ? std::log(b[i] / axes[i].from) / std::log(axes[i].to / axes[i].from) : (b[i] - axes[i].from) / (axes[i].to - axes[i].from);
          CHECK(ub - ua == doctest::Approx(delta));
        }
      CHECK(moved == 1);
    }
  for (const auto& p : d.points)
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(p[i] >= axes[i].from - 1e-12);
      CHECK(p[i] <= axes[i].to + 1e-12);
    }
  CHECK(analysis::morris_design(axes, 20, 4, 7).points == d.points);
  CHECK(analysis::morris_design(axes, 20, 4, 8).points != d.points);
  // y = 2 x0 + x2^2: axis 0's effect is 2 x its range (20) everywhere; axis 1 has none; axis 2's varies (sigma > 0).
  std::vector<double> y;
  for (const auto& p : d.points) y.push_back(2 * p[0] + p[2] * p[2]);
  const auto e = analysis::morris_effects(d, axes, y);
  CHECK(e[0].mu_star == doctest::Approx(20));
  CHECK(e[0].sigma == doctest::Approx(0).epsilon(1e-9));
  CHECK(e[1].mu_star == 0);
  CHECK(e[2].sigma > 0);
  CHECK_THROWS(analysis::morris_design(axes, 5, 3, 1));  // odd levels
}

TEST_CASE("Sobol indices from a Saltelli design: y = x0 + 2 x1 on [0, 1]^2 plus an inert axis") {
  // Var(x0) = 1/12, Var(2 x1) = 4/12: S = ST = 0.2 and 0.8, the inert axis 0. With N = 20000 the estimators'
  // standard deviations over 30 seeds are at most 0.0055 (centred estimator): a tolerance of 0.03 is 5.5 of them.
  const std::vector<analysis::MorrisAxis> axes{{0, 1, false}, {0, 1, false}, {1, 10, true}};
  const auto d = analysis::sobol_design(axes, 20000, 11);
  REQUIRE(d.points.size() == 20000 * 5);
  // AB_i is A with column i from B.
  CHECK(d.points[2 * 20000 + 7][0] == d.points[20000 + 7][0]);
  CHECK(d.points[2 * 20000 + 7][1] == d.points[7][1]);
  std::vector<double> y;
  for (const auto& p : d.points) y.push_back(p[0] + 2 * p[1]);
  const auto s = analysis::sobol_indices(d, y);
  MESSAGE("S " << s[0].first << " " << s[1].first << " " << s[2].first << "; ST " << s[0].total << " " << s[1].total << " " << s[2].total);
  CHECK(std::fabs(s[0].first - 0.2) < 0.03);
  CHECK(std::fabs(s[1].first - 0.8) < 0.03);
  CHECK(std::fabs(s[2].first) < 0.03);
  CHECK(std::fabs(s[0].total - 0.2) < 0.03);
  CHECK(std::fabs(s[1].total - 0.8) < 0.03);
  CHECK(s[2].total == 0);  // AB_2 leaves y unchanged exactly
  CHECK(analysis::sobol_design(axes, 100, 3).points == analysis::sobol_design(axes, 100, 3).points);
}

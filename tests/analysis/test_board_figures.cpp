// The board pack's computations (analysis/board_summary, value_for_money, capacity) on a small run of the
// Tri-borough scenario: every figure checked against what it is made of.
#include <doctest/doctest.h>

#include <cmath>

#include "analysis/board_summary.h"
#include "analysis/capacity.h"
#include "analysis/value_for_money.h"
#include "input/scenario_reader.h"
#include "models/simulation.h"

using namespace yjsim;

namespace {
models::Scenario tri(double replicates) {
  auto s = input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/scenarios/tri_borough_mentoring.toml");
  for (auto& v : s.variants) v.params.run.replicates = replicates;
  return s;
}

struct Run {
  models::Scenario s;
  models::Results r, demand;
  Run() : s(tri(6)), r(models::run_scenario(s)), demand(models::run_scenario(analysis::unlimited_places(s))) {}
};
const Run& run() {
  static const Run x;
  return x;
}
}  // namespace

// One test case: its subcases share the one small run.
TEST_CASE("board pack figures: summary, value for money and capacity of a small Tri-borough run") {
  SUBCASE("board summary: the horizon is the sum of its years, and pairing gives no change where none can be") {
    const auto& [s, r, d] = run();
    const auto b = analysis::board_summary(r, s);
    REQUIRE(b.variants.size() == 1);
    REQUIRE(b.periods.size() == 5);
    CHECK(b.periods[0].label == "2018/19");
    CHECK(b.periods[4].label == "2018/19 to 2021/22");
    const auto& v = b.variants[0];
    // Mentoring starts after a sentence: no first time entrant can change, in any run.
    CHECK(v.figures[4][0].kpi == "fte_count");
    CHECK(v.figures[4][0].p_same == 1.0);
    CHECK(v.figures[4][0].diff.p5 == 0.0);
    // Costs and custodial sentences over the horizon are the sums of the years, replicate by replicate.
    for (const char* kpi : {"cost_gbp", "custodial_sentences"}) {
      const int k = models::kpi_index(kpi);
      const auto h = analysis::horizon_values(r, 1, k);
      for (long i = 0; i < r.replicates; ++i) {
        double sum = 0;
        for (long y = 0; y < 4; ++y) sum += r.values(1, k, static_cast<std::size_t>(y), true)[static_cast<std::size_t>(i)];
        CHECK(h[static_cast<std::size_t>(i)] == doctest::Approx(sum).epsilon(1e-12));
      }
    }
    // The binary rate over the horizon is reoffenders over cohort, not a mean of yearly rates.
    const auto rate = analysis::horizon_values(r, 0, models::kpi_index("reoffending_binary_rate"));
    const auto num = analysis::horizon_values(r, 0, models::kpi_index("reoffenders"));
    const auto den = analysis::horizon_values(r, 0, models::kpi_index("reoffending_cohort_size"));
    CHECK(rate[0] == doctest::Approx(num[0] / den[0]));
    for (const auto& f : v.figures[4]) {
      CHECK(f.p_better + f.p_same + f.p_worse == doctest::Approx(1.0));
      CHECK(f.can_tell == (f.diff.p5 > 0 || f.diff.p95 < 0));
    }
    // From month 0: the first cohort is the first quarter, complete 18 and published 22 months after it ends.
    CHECK(v.change_month == 0);
    CHECK(v.first_cohort_label == "2018/19 Q1");  // a run from April: financial-year quarters, as the app labels them
    CHECK(v.complete_month == "2019-12");
    CHECK(v.publication_month == "2020-04");
  }

  SUBCASE("board summary: a change from month 7 is first seen in the cohort of the quarter after") {
    auto s = tri(1);
    for (auto& iv : s.variants[1].interventions) iv.start_month = 6;
    CHECK(analysis::change_month(s, 1) == 6);
    s.variants[1].interventions[0].start_month = 4;
    CHECK(analysis::change_month(s, 1) == 4);
    auto same = tri(1);
    same.variants[1].interventions.clear();
    same.variants[1].params.offending.base_rate *= 1.01;
    CHECK(analysis::change_month(same, 1) == 0);  // a parameter change counts from month 0
  }

  SUBCASE("value for money: the parts of cost add up, and intervention spending is places started at their price") {
    const auto& [s, r, d] = run();
    const auto parts = analysis::cost_parts(r, s, 1);
    const auto base = analysis::cost_parts(r, s, 0);
    const auto& list = s.variants[1].interventions;
    for (long i = 0; i < r.replicates; ++i) {
      const auto n = static_cast<std::size_t>(i);
      CHECK(base.interventions[n] == 0.0);
      double spent = 0;
      for (std::size_t k = 0; k < list.size(); ++k)
        for (double x : r.variants[1].replicates[n].starts_period[k]) spent += x * list[k].cost_per_place_gbp;
      CHECK(parts.interventions[n] == doctest::Approx(spent));
      // What is left of cost_gbp is court cases: a whole number of them at the court rate.
      const double cases = parts.court[n] / s.baseline().costs.court_case_gbp;
      CHECK(cases >= 0);
      CHECK(std::fabs(cases - std::round(cases)) < 1e-6);
      CHECK(parts.custody[n] >= 0);
      CHECK(parts.remand[n] >= 0);
    }
    const auto v = analysis::value_for_money(r, s, 1);
    CHECK(v.extra_spending.mean > 0);
    CHECK(v.fully_loaded.net_cost.mean == doctest::Approx(v.extra_spending.mean - v.fully_loaded.avoided.mean));
    CHECK(v.extra_cost.mean == doctest::Approx(v.fully_loaded.net_cost.mean));  // all of cost_gbp is counted
    CHECK(v.marginal.avoided.mean == doctest::Approx(v.remand_avoided.mean));
    if (v.fully_loaded.avoided.mean > 0)
      CHECK(v.fully_loaded.break_even_multiple == doctest::Approx(v.extra_spending.mean / v.fully_loaded.avoided.mean));
    CHECK(analysis::unit_costs(s.baseline()).size() == 3);
  }

  SUBCASE("capacity: places funded from the contract, starts per intervention add up, warnings where they belong") {
    const auto& [s, r, d] = run();
    const auto rows = analysis::capacity(r, s, &d);
    REQUIRE(rows.size() == 3);  // the baseline has none; the variant three
    // 12 a year ramped over 3 months, for 48 months: 1/3 + 2/3 + 1 + 45 x 1.
    CHECK(rows[0].intervention == "mentoring_custody");
    CHECK(rows[0].places_funded == doctest::Approx(47.0));
    CHECK(rows[1].places_funded == doctest::Approx(94.0));
    double starts = 0, total = 0;
    for (const auto& c : rows) starts += c.starts.mean;
    for (double x : analysis::horizon_values(r, 1, models::kpi_index("intervention_starts"))) total += x;
    CHECK(starts == doctest::Approx(total / static_cast<double>(r.replicates)));
    for (const auto& c : rows) {
      CHECK(c.demand_known);
      CHECK(c.demand.mean >= c.starts.mean);  // unlimited places never start fewer
      CHECK(c.starts.mean <= c.places_funded);
    }
    // About 4 children a year enter custody here: 12 places a year exceed the demand (the scenario's own note).
    CHECK(!rows[0].warnings.empty());
    auto late = tri(1);
    late.variants[1].interventions[2].start_month = 60;
    const auto r1 = models::run_scenario(late);
    const auto rows1 = analysis::capacity(r1, late, nullptr);
    bool past = false;
    for (const auto& w : rows1[2].warnings) past |= w.find("after it ends") != std::string::npos;
    CHECK(past);
    CHECK(rows1[2].starts.mean == 0.0);
  }
}

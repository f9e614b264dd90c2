// The live tracker (docs/tracker.md): the measure to date on hand-built extracts, a complete extract's projection,
// reproducibility at any thread count, and the back-test's calibration.
#include <doctest/doctest.h>

#include <string>

#include "analysis/tracker.h"
#include "input/cohort.h"
#include "input/scenario_reader.h"
#include "tests/fixture.h"

using namespace yjsim;

namespace {
const analysis::ReferencePool& small_pool() {
  static const auto pool = analysis::make_reference(
      input::parse_scenario("[run]\nreplicates = 4\n", "small.toml"), 7, 4, 0);
  return pool;
}

const std::string kChildren =
    "child_id,sex,age_at_index,index_date,index_disposal,previous_offences\n"
    "A,M,15,2019-04-10,youth_caution,0\n"
    "B,F,16,2019-04-15,referral_order,2\n"
    "B,F,16,2019-07-20,yro,4\n"
    "C,M,14,2019-05-01,discharge,1\n";

analysis::TrackResult track_text(const std::string& events, input::Date as_of, long draws = 200) {
  const auto x = input::parse_cohort(kChildren, "c.csv", "child_id,offence_date,offences,outcome,outcome_date\n" + events,
                                     "e.csv", as_of);
  analysis::TrackOptions o;
  o.draws = draws;
  return analysis::track(x, small_pool(), o);
}
}  // namespace

TEST_CASE("measure to date - the index month does not count, pending does not count yet, two cohorts both count") {
  const std::string events =
      "A,2019-04-20,3,conviction,2019-06-01\n"   // in A's index month: not a reoffence
      "A,2019-05-05,2,youth_caution,2019-05-20\n"  // month +1: counts
      "C,2019-06-10,1,nfa,2019-06-20\n"          // not proven
      "B,2019-09-01,4,conviction,2019-10-01\n";  // in the window of both of B's cohorts
  const auto t = track_text(events + "C,2019-08-01,5,pending,\n", {2019, 12, 31});
  REQUIRE(t.cohorts.size() == 2);
  const auto& q2 = t.cohorts[0];
  const auto& q3 = t.cohorts[1];
  CHECK(q2.label == "2019-Q2");
  CHECK(q3.label == "2019-Q3");
  CHECK(q2.size == 3);
  CHECK(q2.reoffenders == 2);  // A and B
  CHECK(q2.reoffences == 6);   // 2 + 4
  CHECK(q2.pending_offences == 5);
  CHECK(q2.binary == doctest::Approx(2.0 / 3));
  CHECK(q2.frequency == doctest::Approx(2.0));
  CHECK(q3.size == 1);
  CHECK(q3.reoffenders == 1);
  CHECK(q3.reoffences == 4);
  CHECK(input::month_iso(q2.complete_month) == "2020-12");  // June 2019 + 18
  CHECK(input::month_iso(q2.publication_month) == "2021-04");  // + 22
  // The same case later, now proven: it counts.
  const auto later = track_text(events + "C,2019-08-01,5,conviction,2020-01-15\n", {2020, 1, 31});
  CHECK(later.cohorts[0].reoffenders == 3);
  CHECK(later.cohorts[0].reoffences == 11);
  CHECK(later.cohorts[0].pending_offences == 0);
  // Top 10% of 3 children is one child: B's 4 of the 6 reoffences.
  CHECK(q2.concentration == doctest::Approx(4.0 / 6));
}

TEST_CASE("an offence proven after index month + 18 never counts") {
  const auto t = track_text("A,2019-05-05,2,conviction,2020-11-02\n", {2021, 1, 31});
  CHECK(t.cohorts[0].reoffences == 0);  // April 2019 + 18 = October 2020
}

TEST_CASE("a complete extract projects exactly its measure to date, with a zero-width interval") {
  const auto t = track_text("A,2019-05-05,2,youth_caution,2019-05-20\nB,2019-09-01,4,conviction,2019-10-01\n",
                            {2021, 3, 31});  // Q3 2019 + 18 = March 2021
  for (const auto& c : t.cohorts) {
    CHECK(c.complete);
    CHECK(c.binary_final.summary.mean == c.binary);
    CHECK(c.frequency_final.summary.mean == c.frequency);
    CHECK(c.binary_final.sd_stochastic == 0.0);
    CHECK(c.binary_final.summary.p5 == c.binary_final.summary.p95);
    CHECK(c.frequency_final.summary.p5 == c.frequency_final.summary.p95);
    CHECK(c.frequency_final.summary.p50 == doctest::Approx(c.frequency));
  }
}

TEST_CASE("an open cohort's projection is at least what is proven, and never depends on the thread count") {
  const auto x = input::parse_cohort(kChildren, "c", "child_id,offence_date,offences,outcome,outcome_date\n"
                                     "A,2019-05-05,2,youth_caution,2019-05-20\n", "e", {2019, 8, 31});
  analysis::TrackOptions o;
  o.draws = 300;
  o.target_binary = 0.5;
  o.threads = 1;
  const auto one = analysis::track(x, small_pool(), o);
  o.threads = 2;
  const auto two = analysis::track(x, small_pool(), o);
  REQUIRE(one.binary_draws == two.binary_draws);
  CHECK(one.frequency_draws == two.frequency_draws);
  const auto& c = one.cohorts[0];
  CHECK_FALSE(c.complete);
  CHECK(c.binary_final.summary.p5 >= c.binary - 1e-12);  // A has reoffended for certain
  CHECK(c.frequency_final.summary.p5 >= c.frequency - 1e-12);
  CHECK(c.p_binary_below >= 0.0);
  CHECK(c.p_binary_below <= 1.0);
}

TEST_CASE("back-test - the 90% interval covers the final figure 80-97% of the time at every offset") {
  // Default scenario, a smaller reference than the command's default to stay fast. 256 cohorts per
  // offset: the standard error of a 90% coverage is about 1.9 points, so the band 80-97% is -5.3 / +3.7 se
  // (cohorts of one service share children, so the real error is larger). Coverage is by randomised PIT.
  const auto s = input::parse_scenario("", "default");
  analysis::BacktestOptions o;
  o.truth_replicates = 16;
  o.reference_replicates = 60;
  o.draws = 200;
  const auto rows = analysis::backtest(s, o);
  REQUIRE(rows.size() == 5);
  for (const auto& r : rows) {
    INFO("offset " << r.offset << ": binary coverage " << r.coverage_binary << ", frequency " << r.coverage_frequency);
    CHECK(r.cohorts >= 200);
    CHECK(r.coverage_binary >= 0.80);
    CHECK(r.coverage_binary <= 0.97);
    CHECK(r.coverage_frequency >= 0.80);
    CHECK(r.coverage_frequency <= 0.97);
    CHECK(r.mae_binary < r.mae_naive_binary);  // the projection beats the figure proven to date
    CHECK(r.mae_frequency < r.mae_naive_frequency);
  }
}

// KPI concordance (STYLE.md 7): the quarterly KPIs recomputed from the per-person event log equal the aggregates;
// yearly figures are sums of quarters; rates are counts over denominators.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>

#include "fixture.h"

using namespace yjsim::models;

TEST_CASE("KPIs recomputed from the event log equal the aggregated KPIs") {
  // No burn-in, so that the log holds every event of everyone's history.
  const auto s = yjsim::test::scenario("[run]\nreplicates = 3\nburn_in_months = 0\nmonths = 24\n"
                                       "[population]\nsize_10_17 = 20000\n");
  RunOptions o;
  o.keep_event_log = true;
  const auto r = run_scenario(s, o);
  const long periods = r.calendar.periods();
  for (long rep = 0; rep < r.replicates; ++rep) {
    const auto& log = r.variants[0].logs[static_cast<std::size_t>(rep)];
    std::vector<double> fte(static_cast<std::size_t>(periods)), custodial(fte), remand(fte), transitions(fte),
        ccs(fte), cohort(fte), reoffenders(fte), reoffences(fte), proven(fte);
    std::set<std::uint32_t> formal_seen;
    std::set<std::pair<std::uint32_t, long>> ccs_seen, cohort_seen;
    std::map<std::uint32_t, std::vector<long>> index_months;
    for (const auto& e : log) {
      const long p = e.month / 3;
      if (e.kind == LogEvent::Formal) {
        if (formal_seen.insert(e.person).second) ++fte[static_cast<std::size_t>(p)];
        if (ccs_seen.insert({e.person, p}).second) ++ccs[static_cast<std::size_t>(p)];
      }
      if (e.kind == LogEvent::Custodial) ++custodial[static_cast<std::size_t>(p)];
      if (e.kind == LogEvent::RemandStart) ++remand[static_cast<std::size_t>(p)];
      if (e.kind == LogEvent::Transition) ++transitions[static_cast<std::size_t>(p)];
      if (e.kind == LogEvent::Index && cohort_seen.insert({e.person, p}).second) {
        ++cohort[static_cast<std::size_t>(p)];
        index_months[e.person].push_back(e.month);
      }
    }
    for (const auto& [person, months] : index_months)
      for (long m : months) {
        bool reoffended = false;
        for (const auto& e : log) {
          if (e.kind != LogEvent::Proof || e.person != person) continue;
          if (e.commit_month >= m + 1 && e.commit_month <= m + 12 && e.month <= m + 18 && e.count > 0) {
            reoffences[static_cast<std::size_t>(m / 3)] += e.count;
            reoffended = true;
          }
        }
        reoffenders[static_cast<std::size_t>(m / 3)] += reoffended;
      }
    for (const auto& e : log)
      if (e.kind == LogEvent::Proof && e.month < r.calendar.months() && e.age_months >= 120 && e.age_months < 216)
        proven[static_cast<std::size_t>(e.month / 3)] += e.count;
    const auto& k = r.variants[0].replicates[static_cast<std::size_t>(rep)];
    auto at = [&](const char* name) { return k.period[static_cast<std::size_t>(kpi_index(name))]; };
    CHECK(at("fte_count") == fte);
    CHECK(at("custodial_sentences") == custodial);
    CHECK(at("remand_episodes") == remand);
    CHECK(at("transitions") == transitions);
    CHECK(at("children_cautioned_or_sentenced") == ccs);
    CHECK(at("reoffending_cohort_size") == cohort);
    CHECK(at("reoffenders") == reoffenders);
    CHECK(at("reoffences") == reoffences);
    CHECK(at("proven_offences") == proven);
    double fte_total = 0;
    for (double x : fte) fte_total += x;
    CHECK(fte_total > 50);  // the check above compared something real
  }
}

TEST_CASE("yearly figures are sums of quarters - rates are counts over denominators") {
  const auto r = run_scenario(yjsim::test::scenario("[run]\nreplicates = 2\nmonths = 24\n"));
  const auto& defs = kpi_table();
  for (const auto& rep : r.variants[0].replicates) {
    for (std::size_t k = 0; k < defs.size(); ++k) {
      if (defs[k].yearly != Yearly::Sum || std::string(defs[k].name) == "children_cautioned_or_sentenced") continue;
      for (std::size_t y = 0; y < 2; ++y) {
        double s = 0;
        for (std::size_t q = 4 * y; q < 4 * y + 4; ++q) s += rep.period[k][q];
        CHECK(rep.year[k][y] == doctest::Approx(s).epsilon(1e-12));
      }
    }
    auto col = [&](const char* n) { return rep.period[static_cast<std::size_t>(kpi_index(n))]; };
    auto ycol = [&](const char* n) { return rep.year[static_cast<std::size_t>(kpi_index(n))]; };
    for (std::size_t q = 0; q < 8; ++q) {
      CHECK(col("fte_rate_per_100k")[q] == doctest::Approx(col("fte_count")[q] / col("population_10_17")[q] * 1e5));
      CHECK(col("custody_rate_per_1000")[q] ==
            doctest::Approx(col("custodial_sentences")[q] / col("population_10_17")[q] * 1e3));
      CHECK(col("reoffending_binary_rate")[q] ==
            doctest::Approx(col("reoffenders")[q] / col("reoffending_cohort_size")[q]));
      CHECK(col("reoffending_frequency_rate")[q] ==
            doctest::Approx(col("reoffences")[q] / col("reoffending_cohort_size")[q]));
    }
    for (std::size_t y = 0; y < 2; ++y) {
      CHECK(ycol("reoffending_binary_rate")[y] == doctest::Approx(ycol("reoffenders")[y] / ycol("reoffending_cohort_size")[y]));
      // Distinct children over a year are at most the sum of the distinct children per quarter.
      double s = 0;
      for (std::size_t q = 4 * y; q < 4 * y + 4; ++q) s += col("children_cautioned_or_sentenced")[q];
      CHECK(ycol("children_cautioned_or_sentenced")[y] <= s);
      CHECK(ycol("children_cautioned_or_sentenced")[y] > 0);
    }
  }
}

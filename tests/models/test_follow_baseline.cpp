// A variant that follows its baseline (models/simulation.cpp follow_baseline: only the children who could take a
// place are simulated) gives exactly the full simulation's results, for every intervention target, with places
// limited (children compete) and unlimited, and a mix of targets in one variant.
#include <doctest/doctest.h>

#include <string>

#include "fixture.h"

using namespace yjsim::models;
using yjsim::test::same_bits;

namespace {
// Bit for bit: every KPI and breakdown cell of every replicate of every variant.
bool identical(const Results& a, const Results& b) {
  if (a.variants.size() != b.variants.size()) return false;
  for (std::size_t v = 0; v < a.variants.size(); ++v) {
    const auto& x = a.variants[v].replicates;
    const auto& y = b.variants[v].replicates;
    if (x.size() != y.size()) return false;
    for (std::size_t r = 0; r < x.size(); ++r) {
      const auto same = [](const auto& p, const auto& q) {
        if (p.size() != q.size()) return false;
        for (std::size_t k = 0; k < p.size(); ++k) {
          if (p[k].size() != q[k].size()) return false;
          for (std::size_t i = 0; i < p[k].size(); ++i)
            if (!same_bits(p[k][i], q[k][i])) return false;
        }
        return true;
      };
      if (!same(x[r].period, y[r].period) || !same(x[r].year, y[r].year) || !same(x[r].cells_period, y[r].cells_period) ||
          !same(x[r].cells_year, y[r].cells_year))
        return false;
    }
  }
  return true;
}

std::string variant(const std::string& name, const std::string& target, const std::string& extra) {
  return "[[variant]]\nname = \"" + name + "\"\n[[variant.intervention]]\nname = \"" + name + "\"\ntarget = \"" +
         target + "\"\n" + extra;
}

// Every target, each with few places (so children compete and some are turned away) in one variant and unlimited
// in another; pathway targets with their shares; a mix of four targets sharing a variant.
std::string scenario_text() {
  std::string s = "[run]\nreplicates = 3\nmonths = 24\n[population]\nsize_10_17 = 40000\n";
  const char* effect = "[variant.intervention.effect]\noffending_rr = 0.7\nrr_low = 0.6\nrr_high = 0.8\n";
  for (const char* target : {"custody", "released", "transition", "caseload", "court_order"}) {
    s += variant(std::string(target) + "_few", target, std::string("places_per_year = 3\nduration_months = 6\n") + effect);
    s += variant(std::string(target) + "_all", target, std::string("duration_months = 4\n") + effect);
  }
  s += variant("diversion_few", "diversion", "places_per_year = 4\n[variant.intervention.effect]\ndivert_share = 0.6\n");
  s += variant("diversion_all", "diversion", "[variant.intervention.effect]\ndivert_share = 0.6\noffending_rr = 0.8\nrr_low = 0.7\nrr_high = 0.9\n");
  s += variant("cusp_few", "cusp_of_custody", "places_per_year = 2\n[variant.intervention.effect]\ncustody_to_community_share = 0.8\nbreach_rr = 2\n");
  s += variant("cusp_enrol", "cusp_of_custody", "places_per_year = 6\nduration_months = 6\n" + std::string(effect));
  s += variant("remand_few", "remand", "places_per_year = 2\n[variant.intervention.effect]\nryda_to_bail_share = 0.9\n");
  s += variant("at_risk", "at_risk", "places_per_year = 20\nrisk_share = 0.05\n" + std::string(effect));
  s += variant("mix", "diversion", "places_per_year = 6\nneeds = [\"ete_need\"]\n[variant.intervention.effect]\ndivert_share = 0.5\n") +
       "[[variant.intervention]]\nname = \"m2\"\ntarget = \"custody\"\nplaces_per_year = 2\nduration_months = 12\n" + effect +
       "[[variant.intervention]]\nname = \"m3\"\ntarget = \"remand\"\n[variant.intervention.effect]\nryda_to_bail_share = 0.5\n" +
       "[[variant.intervention]]\nname = \"m4\"\ntarget = \"caseload\"\nplaces_per_year = 5\nstart_month = 7\nduration_months = 3\n" + effect;
  s += "[[variant]]\nname = \"other_rate\"\n[variant.offending]\nbase_rate = 0.05\n[[variant.intervention]]\nname = \"o\"\n"
       "target = \"custody\"\n";
  return s;
}
}  // namespace

TEST_CASE("variants that follow the baseline give the full simulation's results bit for bit, for every target") {
  const auto s = yjsim::test::scenario(scenario_text());
  RunOptions o;
  o.block_size = 8192;  // several blocks, as in a national run
  o.threads = 2;
  const auto followed = run_scenario(s, o);
  o.follow_baseline = false;
  const auto full = run_scenario(s, o);
  CHECK(identical(followed, full));
  // One thread reuses the followers' states (FollowerStates) for every replicate, two threads in another order.
  o.follow_baseline = true;
  o.threads = 1;
  CHECK(identical(run_scenario(s, o), full));
  // The scenario is not idle: places were started in every variant, and the few places turned children away.
  const int starts = kpi_index("intervention_starts");
  std::vector<double> total(s.variants.size(), 0.0);
  for (std::size_t v = 1; v < s.variants.size(); ++v) {
    for (double x : full.values(v, starts, 0, true)) total[v] += x;
    CAPTURE(s.variants[v].name);
    CHECK(total[v] > 0);
  }
  for (std::size_t v = 1; v + 1 < s.variants.size(); ++v)
    if (s.variants[v].name == "caseload_few" || s.variants[v].name == "custody_few") CHECK(total[v] < total[v + 1]);
}

TEST_CASE("a baseline not asked for (skip_variants) still runs for the variants that follow it: the same results") {
  const auto s = yjsim::test::scenario(scenario_text());
  RunOptions o;
  o.replicate_count = 1;
  o.follow_baseline = false;
  const auto all = run_scenario(s, o);
  o.follow_baseline = true;
  o.skip_variants = {true};
  const auto without = run_scenario(s, o);
  auto copy = all;
  copy.variants[0].replicates = without.variants[0].replicates;  // the skipped baseline stays empty
  CHECK(identical(copy, without));
}

TEST_CASE("interventions in the baseline too: the variants run in full, with the same results") {
  const auto s = yjsim::test::scenario(
      "[run]\nreplicates = 2\nmonths = 12\n[population]\nsize_10_17 = 20000\n"
      "[[intervention]]\nname = \"a\"\ntarget = \"custody\"\nplaces_per_year = 4\n" +
      variant("b", "caseload", "places_per_year = 10\n[variant.intervention.effect]\noffending_rr = 0.7\nrr_low = 0.6\nrr_high = 0.8\n"));
  RunOptions o;
  const auto followed = run_scenario(s, o);
  o.follow_baseline = false;
  CHECK(identical(followed, run_scenario(s, o)));
}

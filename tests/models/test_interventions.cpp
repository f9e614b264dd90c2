// Interventions (MODEL.md §8) and paired comparison (§9).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "fixture.h"
#include "analysis/comparison.h"
#include "sim/errors.h"

using namespace yjsim::models;
using namespace yjsim::analysis;
using namespace yjsim::input;
using yjsim::test::k_sigma;
using yjsim::test::same_bits;
using yjsim::test::sd;

namespace {
std::string with_variant(const std::string& base, const std::string& intervention) {
  return base + "\n[[variant]]\nname = \"v\"\n" + intervention;
}

// Every KPI of variant v equals the baseline's, bit for bit (cost_gbp left out when asked).
bool unchanged(const Results& r, std::size_t v, bool except_cost) {
  const auto& defs = kpi_table();
  for (std::size_t rep = 0; rep < r.variants[0].replicates.size(); ++rep)
    for (std::size_t k = 0; k < defs.size(); ++k) {
      const std::string name = defs[k].name;
      if (except_cost && (name == "cost_gbp" || name == "intervention_starts")) continue;
      const auto& a = r.variants[0].replicates[rep].period[k];
      const auto& b = r.variants[v].replicates[rep].period[k];
      for (std::size_t p = 0; p < a.size(); ++p)
        if (!same_bits(a[p], b[p])) return false;
    }
  return true;
}

const char* kBase = "[run]\nreplicates = 8\nmonths = 24\n[population]\nsize_10_17 = 20000\n";
}  // namespace

TEST_CASE("an intervention with offending_rr = 1 and no pathway effect changes nothing: difference exactly 0") {
  for (const char* target : {"at_risk", "caseload", "custody", "released", "court_order", "cusp_of_custody",
                             "transition", "diversion"}) {
    CAPTURE(target);
    const auto s = yjsim::test::scenario(with_variant(
        kBase, std::string("[[variant.intervention]]\nname = \"null\"\ntarget = \"") + target +
                   "\"\nplaces_per_year = 500\ncost_per_place_gbp = 100\nrisk_share = 0.5\nduration_months = 6\n"));
    const auto r = run_scenario(s);
    CHECK(unchanged(r, 1, true));
    CHECK(yjsim::test::kpi(r, "intervention_starts", 0, true, 1) > 0);  // places were really taken
  }
}

TEST_CASE("unlimited places, uptake 1: an offending effect RR on everyone eligible scales their offences by RR") {
  // Nothing is detected, so no child ever has a formal outcome and every child is at risk and enrolled.
  const std::string base = R"(
[run]
replicates = 30
months = 12
[population]
size_10_17 = 10000
[detection]
probability = 0
)";
  const double rr = 0.7;
  const auto s = yjsim::test::scenario(with_variant(base, R"(
[[variant.intervention]]
name = "everyone"
target = "at_risk"
risk_share = 1
screen_accuracy = 1
duration_months = 120
[variant.intervention.effect]
offending_rr = 0.7
rr_low = 0.7
rr_high = 0.7
)"));
  const auto r = run_scenario(s);
  const int k = kpi_index("offences_committed");
  for (std::size_t q = 0; q < 4; ++q) {
    const auto b = r.values(0, k, q, false), v = r.values(1, k, q, false);
    std::vector<double> d;
    for (std::size_t i = 0; i < b.size(); ++i) d.push_back(v[i] - rr * b[i]);
    double mean = 0;
    for (double x : d) mean += x;
    mean /= static_cast<double>(d.size());
    CAPTURE(q);
    CHECK(std::fabs(mean) <= k_sigma() * sd(d) / std::sqrt(static_cast<double>(d.size())));
  }
}

TEST_CASE("places per year are never exceeded and are used when children are waiting") {
  const auto s = yjsim::test::scenario(with_variant(kBase, R"(
[[variant.intervention]]
name = "mentoring"
target = "at_risk"
places_per_year = 12
duration_months = 3
)"));
  const auto r = run_scenario(s);
  for (std::size_t y = 0; y < 2; ++y)
    for (double starts : r.values(1, kpi_index("intervention_starts"), y, true)) CHECK(starts == 12);
  // A ramp-up and a later start: fewer places in the first year, never more than the year's capacity.
  const auto ramp = run_scenario(yjsim::test::scenario(with_variant(kBase, R"(
[[variant.intervention]]
name = "mentoring"
target = "at_risk"
places_per_year = 24
start_month = 3
ramp_up_months = 6
duration_months = 3
)")));
  for (double starts : ramp.values(1, kpi_index("intervention_starts"), 0, true)) CHECK(starts < 24 * 0.75);
  for (double starts : ramp.values(1, kpi_index("intervention_starts"), 1, true)) CHECK(starts == 24);
}

TEST_CASE("allocation is deterministic at any thread count") {
  const auto s = yjsim::test::scenario(with_variant(kBase, R"(
[[variant.intervention]]
name = "mentoring"
target = "custody"
places_per_year = 3
priority = "risk"
[variant.intervention.effect]
offending_rr = 0.8
rr_low = 0.6
rr_high = 0.95
[[variant.intervention]]
name = "panel"
target = "diversion"
places_per_year = 20
[variant.intervention.effect]
divert_share = 0.5
)"));
  RunOptions o;
  o.block_size = 2048;
  o.threads = 1;
  const auto a = run_scenario(s, o);
  o.threads = 3;
  const auto b = run_scenario(s, o);
  for (std::size_t rep = 0; rep < a.variants[1].replicates.size(); ++rep)
    for (std::size_t k = 0; k < kpi_table().size(); ++k)
      for (std::size_t p = 0; p < 8; ++p)
        CHECK(same_bits(a.variants[1].replicates[rep].period[k][p], b.variants[1].replicates[rep].period[k][p]));
}

TEST_CASE("diversion turns would-be formal outcomes of first-time children into community resolutions") {
  // At the police station: history none, not serious, a child. With divert_share s, the YC share falls to (1-s).
  Params p = default_params();
  std::vector<Intervention> list(1);
  list[0].name = "panel";
  list[0].target = Target::diversion;
  list[0].divert_share = 0.4;
  constexpr std::size_t n = 100000;
  yjsim::test::Lab lab(p, n);
  lab.none = make_intervention_run(list, p, 0);
  lab.block.tally.resize(16, 4, list.size());
  long diverted = 0;
  for (std::size_t id = 0; id < n; ++id) {
    auto pm = lab.at(id, 0, 14 * 12);
    police_outcome(*lab.c, pm, Detected{1, 1, false});
    diverted += pm.rec()->ever_enrolled & 1u;
  }
  const double formal = p.outcome.none[2] + p.outcome.none[3] + p.outcome.none[4];
  const double expected = 0.4 * formal;
  CHECK(std::fabs(static_cast<double>(diverted) / n - expected) <= k_sigma() * std::sqrt(expected * (1 - expected) / n));
  const double yc = static_cast<double>(lab.count(0, Counter::youth_cautions)) / n;
  CHECK(std::fabs(yc - 0.6 * p.outcome.none[2]) <= k_sigma() * std::sqrt(0.6 * 0.11 / n));
}

TEST_CASE("diversion lowers first time entrants in a whole run") {
  const auto r = run_scenario(yjsim::test::scenario(with_variant(kBase, R"(
[[variant.intervention]]
name = "panel"
target = "diversion"
[variant.intervention.effect]
divert_share = 0.5
)")));
  for (double d : r.diffs(1, kpi_index("fte_count"), 0, true)) CHECK(d < 0);
}

TEST_CASE("custody to community replaces custodial sentences - remand to bail replaces remands") {
  const auto r = run_scenario(yjsim::test::scenario(with_variant(kBase, R"(
[[variant.intervention]]
name = "iss"
target = "cusp_of_custody"
[variant.intervention.effect]
custody_to_community_share = 1
breach_rr = 2.25
[[variant.intervention]]
name = "bail_support"
target = "remand"
[variant.intervention.effect]
ryda_to_bail_share = 1
)")));
  CHECK(yjsim::test::kpi(r, "custodial_sentences", 0, true, 1) == 0);
  CHECK(yjsim::test::kpi(r, "remand_episodes", 0, true, 1) == 0);
  CHECK(yjsim::test::kpi(r, "custodial_sentences", 0, true, 0) > 0);
}

TEST_CASE("the paired difference has a much smaller spread than the difference of two independent runs") {
  const std::string iv = R"(
[[variant.intervention]]
name = "mentoring"
target = "caseload"
[variant.intervention.effect]
offending_rr = 0.8
rr_low = 0.8
rr_high = 0.8
)";
  const std::string base = "[run]\nreplicates = 40\nmonths = 12\n";
  const auto paired = run_scenario(yjsim::test::scenario(with_variant(base, iv)));
  const auto other = run_scenario(yjsim::test::scenario(with_variant(base + "seed = 777\n", iv)));
  const int k = kpi_index("reoffences");
  auto independent = other.values(1, k, 0, true);
  const auto b = paired.values(0, k, 0, true);
  for (std::size_t i = 0; i < b.size(); ++i) independent[i] -= b[i];
  const double ratio = sd(paired.diffs(1, k, 0, true)) / sd(independent);
  MESSAGE("spread of paired / independent difference in reoffences: " << ratio);
  CHECK(ratio < 0.5);
}

TEST_CASE("the effect interval is propagated: fixing the effect at its median narrows the KPI interval") {
  auto make = [](const char* low, const char* high) {
    return yjsim::test::scenario(with_variant("[run]\nreplicates = 60\nmonths = 12\n", std::string(R"(
[[variant.intervention]]
name = "everyone"
target = "at_risk"
risk_share = 1
screen_accuracy = 1
duration_months = 120
[variant.intervention.effect]
offending_rr = 0.8
rr_low = )") + low + "\nrr_high = " + high + "\n"));
  };
  const auto wide = run_scenario(make("0.5", "1.28"));
  const auto fixed = run_scenario(make("0.8", "0.8"));
  const int k = kpi_index("offences_committed");
  const auto w = compare(wide, 1, k, 0, true).diff, f = compare(fixed, 1, k, 0, true).diff;
  MESSAGE("90% interval width of the difference: wide effect " << w.p95 - w.p5 << ", fixed effect " << f.p95 - f.p5);
  CHECK(f.p95 - f.p5 < 0.5 * (w.p95 - w.p5));
}

TEST_CASE("effects are drawn once per replicate, log-normally around the median, the same for any variant") {
  Intervention iv;
  iv.name = "x";
  iv.offending_rr = 0.8;
  iv.rr_low = 0.6;
  iv.rr_high = 1.0667;
  int below = 0;
  const int n = 4000;
  for (int r = 0; r < n; ++r) below += draw_offending_rr(iv, 1, static_cast<std::uint64_t>(r)) < 0.8;
  CHECK(std::fabs(below / double(n) - 0.5) <= k_sigma() * std::sqrt(0.25 / n));
  CHECK(draw_offending_rr(iv, 1, 3) == draw_offending_rr(iv, 1, 3));
  CHECK(draw_offending_rr(iv, 1, 3) != draw_offending_rr(iv, 1, 4));
}

TEST_CASE("bad intervention definitions name file, line and field") {
  auto error_of = [](const std::string& iv) -> std::string {
    try {
      yjsim::test::scenario("[[intervention]]\nname = \"x\"\n" + iv);
    } catch (const yjsim::sim::InputError& e) {
      return e.what();
    }
    return "";
  };
  CHECK(error_of("target = \"everyone\"\n").find("test.toml:3") != std::string::npos);
  CHECK(error_of("target = \"everyone\"\n").find("at_risk, diversion") != std::string::npos);
  CHECK(error_of("[intervention.effect]\noffending_rr = 0\n").find("0.01 .. 10") != std::string::npos);  // the field table's range
  CHECK(error_of("[intervention.effect]\noffending_rr = -1\n").find("intervention.effect.offending_rr") != std::string::npos);
  CHECK(error_of("[intervention.effect]\noffending_rr = 0.5\nrr_low = 0.6\nrr_high = 0.9\n").find("contain the median") !=
        std::string::npos);
  CHECK(error_of("[intervention.effect]\noffending_rr = 0.5\n").find("interval") != std::string::npos);
  CHECK(error_of("places_per_year = -3\n").find("intervention.places_per_year") != std::string::npos);
  CHECK(error_of("needs = [\"unknown_flag\"]\n").find("needs flag") != std::string::npos);
  CHECK(error_of("target = \"custody\"\n[intervention.effect]\ndivert_share = 0.3\n").find("diversion") != std::string::npos);
  CHECK(error_of("use = \"nothing\"\n").find("catalogue") != std::string::npos);
  CHECK(error_of("colour = \"red\"\n").find("unknown key") != std::string::npos);
}

TEST_CASE("variants add, change and remove interventions") {
  const auto s = yjsim::test::scenario(R"(
[[intervention]]
name = "a"
target = "custody"
places_per_year = 10
[[intervention]]
name = "b"
target = "caseload"
[[variant]]
name = "resize"
[[variant.intervention]]
name = "a"
places_per_year = 20
start_month = 6
[[variant]]
name = "cut"
remove_interventions = ["b"]
[[variant]]
name = "add"
[[variant.intervention]]
name = "c"
target = "released"
)");
  REQUIRE(s.variants.size() == 4);
  CHECK(s.variants[0].interventions.size() == 2);
  CHECK(s.variants[1].interventions[0].places_per_year == 20);
  CHECK(s.variants[1].interventions[0].start_month == 6);
  CHECK(s.variants[1].interventions[0].target == Target::custody);
  CHECK(s.variants[2].interventions.size() == 1);
  CHECK(s.variants[3].interventions.size() == 3);
}

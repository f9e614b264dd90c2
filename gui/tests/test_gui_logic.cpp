// The GUI's logic without a window: edits and how variants follow the baseline, names, and number formats.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "gui/app_state.h"
#include "gui/chart.h"
#include "report/format.h"
#include "sim/errors.h"

using namespace yjsim;
using namespace yjsim::gui;
using namespace yjsim::report;

namespace {

AppState bundled() { return open_scenario(bundled_scenario()); }

const models::Intervention& entry(const AppState& s, const std::string& name) {
  for (const auto& iv : s.catalogue)
    if (iv.name == name) return iv;
  FAIL("no catalogue entry " << name);
  return s.catalogue.front();
}

}  // namespace

TEST_CASE("the bundled scenario opens with the bundled catalogue") {
  const AppState s = bundled();
  REQUIRE(s.scenario.variants.size() == 1);
  CHECK(!s.catalogue.empty());
  CHECK(!s.modified);
}

TEST_CASE("a bad file is an InputError naming the field") {
  CHECK_THROWS_AS(open_scenario(YJSIM_SOURCE_DIR "/gui/tests/bad_scenario.toml"), sim::InputError);
  CHECK_THROWS_AS(open_scenario("/no/such/file.toml"), sim::InputError);
}

TEST_CASE("a baseline intervention carries over to the variants that had not changed it") {
  AppState s = bundled();
  const std::size_t a = add_variant(s), b = add_variant(s);
  const auto& panel = entry(s, "out_of_court_panel");
  set_enabled(s, b, panel, true);
  edit_intervention(s, b, panel.name, [](models::Intervention& iv) { iv.places_per_year = 10; });
  set_enabled(s, 0, panel, true);  // b has its own settings: it keeps them
  REQUIRE(find_intervention(s.scenario.variants[a], panel.name));
  CHECK(std::isinf(find_intervention(s.scenario.variants[a], panel.name)->places_per_year));
  CHECK(find_intervention(s.scenario.variants[b], panel.name)->places_per_year == 10);
  edit_intervention(s, 0, panel.name, [](models::Intervention& iv) { iv.places_per_year = 24; });
  CHECK(find_intervention(s.scenario.variants[a], panel.name)->places_per_year == 24);
  CHECK(find_intervention(s.scenario.variants[b], panel.name)->places_per_year == 10);
  set_enabled(s, 0, panel, false);
  CHECK(!find_intervention(s.scenario.variants[a], panel.name));
  CHECK(find_intervention(s.scenario.variants[b], panel.name));
  CHECK(s.modified);
}

TEST_CASE("unticking and ticking again restores the settings") {
  AppState s = bundled();
  const std::size_t v = add_variant(s);
  const auto& m = entry(s, "mentoring_custody");
  set_enabled(s, v, m, true);
  edit_intervention(s, v, m.name, [](models::Intervention& iv) { iv.places_per_year = 12; });
  set_enabled(s, v, m, false);
  set_enabled(s, v, m, true);
  CHECK(find_intervention(s.scenario.variants[v], m.name)->places_per_year == 12);
}

TEST_CASE("baseline parameters carry over; baseline-only ones cannot change in a variant") {
  AppState s = bundled();
  const std::size_t v = add_variant(s);
  const auto* detection = find_parameter("detection.probability");
  const auto* size = find_parameter("population.size_10_17");
  REQUIRE((detection && size));
  set_parameter(s, 0, *detection, 0, 0.2);
  CHECK(s.scenario.variants[v].params.detection.probability == 0.2);
  set_parameter(s, v, *detection, 0, 0.3);
  set_parameter(s, 0, *detection, 0, 0.25);
  CHECK(s.scenario.variants[v].params.detection.probability == 0.3);
  set_parameter(s, v, *size, 0, 5000);  // refused: drawn at entry
  CHECK(s.scenario.variants[v].params.population.size_10_17 == 20000);
  set_parameter(s, 0, *size, 0, -5);  // clamped to the allowed range
  CHECK(s.scenario.variants[0].params.population.size_10_17 == 0);
  CHECK(s.scenario.variants[v].params.population.size_10_17 == 0);
}

TEST_CASE("variant names are checked") {
  AppState s = bundled();
  const std::size_t v = add_variant(s), w = duplicate_variant(s, v);
  CHECK(rename_variant(s, v, "mentoring") == "");
  CHECK(rename_variant(s, w, "mentoring") != "");
  CHECK(rename_variant(s, w, "baseline") != "");
  CHECK(rename_variant(s, w, "bad name") != "");
  CHECK(rename_variant(s, 0, "other") != "");
  const std::string kept = s.scenario.variants[w].name;
  remove_variant(s, v);
  REQUIRE(s.scenario.variants.size() == 2);
  CHECK(s.scenario.variants[1].name == kept);
}

TEST_CASE("what the app runs is what the command line would read") {
  AppState s = bundled();
  const std::size_t v = add_variant(s);
  set_enabled(s, v, entry(s, "mentoring_cusp"), true);
  const models::Scenario r = runnable(s);
  REQUIRE(r.variants.size() == 2);
  CHECK(r.variants[1].interventions.size() == 1);
  CHECK(r.baseline().offending.post_event_rr == s.scenario.baseline().offending.post_event_rr);
  const auto* none = find_parameter("outcome.none");
  set_parameter(s, 0, *none, 0, 0.9);  // probabilities no longer sum to 1
  CHECK_THROWS_AS(runnable(s), models::Invalid);  // the same validate() as a scenario file's
}

TEST_CASE("numbers as planners read them") {
  CHECK(format_number(1234567.891, 2) == "1,234,567.89");
  CHECK(format_number(-0.0001, 2) == "0.00");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN(), 1) == "n/a");
  CHECK(format_value("reoffending_binary_rate", 0.3912) == "39.1%");
  CHECK(format_diff("reoffending_binary_rate", -0.012) == "-1.2 pts");
  CHECK(format_interval("reoffending_binary_rate", -0.028, 0.038, true) == "[-2.8, +3.8]");
  CHECK(format_value("cost_gbp", 362285) == "£362k");
  CHECK(format_value("cost_gbp", 2822) == "£2.8k");
  CHECK(format_value("cost_gbp", 534) == "£534");
  CHECK(format_diff("cost_gbp", -1250000) == "-£1.25m");
  CHECK(format_diff("fte_rate_per_100k", 0.01) == "0.0");
  CHECK(format_gbp(20000) == "£20,000");
  CHECK(format_probability(0.734) == "73%");
}

TEST_CASE("chart ticks are round numbers covering the range") {
  const auto t = chart::nice_ticks(0, 0.21, 4);
  REQUIRE(t.size() >= 3);
  CHECK(t.front() == 0);
  CHECK(t.back() <= 0.21 + 1e-12);
  CHECK(chart::nice_ticks(1, 1, 4).empty());
}

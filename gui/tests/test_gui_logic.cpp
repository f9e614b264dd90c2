// The GUI's logic without a window: edits and how variants follow the baseline, names, and number formats.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <limits>
#include <thread>

#include "analysis/board_summary.h"
#include "gui/app_state.h"
#include "gui/chart.h"
#include "gui/results_view.h"
#include "gui/text_wrap.h"
#include "gui/summary_csv.h"
#include "gui/worker.h"
#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "report/format.h"
#include "sim/errors.h"
#include "sim/summary.h"

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
  // A year's places are monthly shares summed: 12 x 400/12 is not exactly 400, and must read "400", not "400.0".
  double year = 0;
  for (int m = 0; m < 12; ++m) year += 400.0 / 12;
  CHECK(funded_places_text(year) == "400");
  CHECK(funded_places_text(187.5) == "187.5");
  CHECK(funded_places_text(700) == "700");
}

TEST_CASE("text wraps at spaces only, never inside a number") {
  // One unit a character: ImGui's own wrap would break after the '.' of 1.35 at this width.
  const auto chars = [](std::string_view t) { return static_cast<float>(t.size()); };
  const std::string line = "benefit-cost ratio 0.27 [-0.64, 1.35]";
  CHECK(wrap_at_spaces(line, 34, chars) == "benefit-cost ratio 0.27 [-0.64,\n1.35]");
  CHECK(wrap_at_spaces(line, 100, chars) == line);
  // A word wider than the line stays whole on a line of its own; breaks already there stay.
  CHECK(wrap_at_spaces("+£47.8k] x", 3, chars) == "+£47.8k]\nx");
  CHECK(wrap_at_spaces("a b\nc d", 100, chars) == "a b\nc d");
}

TEST_CASE("chart ticks are round numbers covering the range") {
  const auto t = chart::nice_ticks(0, 0.21, 4);
  REQUIRE(t.size() >= 3);
  CHECK(t.front() == 0);
  CHECK(t.back() <= 0.21 + 1e-12);
  CHECK(chart::nice_ticks(1, 1, 4).empty());
}

// ---- issue 15 ----

TEST_CASE("start months are calendar months: 2019-04 is month 12, not 600") {
  const sim::YearMonth start{2018, 4};
  CHECK(month_label(start) == "Apr 2018");
  CHECK(parse_start_month("2019-04", start).month == 12L);
  CHECK(parse_start_month("Apr 2019", start).month == 12L);
  CHECK(parse_start_month(" jul 2018 ", start).month == 3L);
  CHECK(!parse_start_month("600", start).month);
  CHECK(!parse_start_month("2019-4", start).month);
  const auto before = parse_start_month("2018-03", start);
  CHECK(!before.month);
  CHECK(before.why.find("before the run starts") != std::string::npos);
  models::Params p = models::default_params();
  p.run.start = start;
  p.run.months = 24;
  CHECK(start_month_warning(23, p).empty());
  CHECK(start_month_warning(24, p).find("after the horizon (it ends Mar 2020)") != std::string::npos);
}

TEST_CASE("undoing an edit by hand leaves the scenario unchanged") {
  AppState s = bundled();
  const auto& panel = entry(s, "out_of_court_panel");
  set_enabled(s, 0, panel, true);
  CHECK(s.modified);
  set_enabled(s, 0, panel, false);
  CHECK(!s.modified);
}

TEST_CASE("a run from April is labelled in financial years") {
  const sim::Calendar april({2018, 4}, 24), jan({2018, 1}, 12);
  CHECK(period_label(april, 0) == "2018/19 Q1");
  CHECK(period_label(april, 3) == "2018/19 Q4");  // January to March 2019
  CHECK(period_label(april, 4) == "2019/20 Q1");
  CHECK(period_label(jan, 1) == "2018-Q2");
}

namespace {

// A quick scenario: the small test borough cut down to 3,000 children, 12 months and 6 replicates, with a
// variant that changes the offending rate (so the burn-in walks differently) and one with an intervention.
AppState quick_scenario() {
  AppState s = open_scenario(YJSIM_SOURCE_DIR "/gui/tests/small_borough.toml");
  auto& p = s.scenario.variants[0].params;
  p.population.size_10_17 = 3000;
  p.run.months = 12;
  p.run.replicates = 6;
  const std::size_t a = add_variant(s), b = add_variant(s);
  s.scenario.variants[a].params.offending.base_rate *= 0.9;
  set_enabled(s, b, entry(s, "mentoring_cusp"), true);
  return s;
}

Snapshot finished(Worker& w, long job) {
  for (;;) {
    const Snapshot snap = w.snapshot();
    if (snap.job == job && !snap.running) return snap;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Bit for bit (a KPI with no cohort is NaN in both, and NaN == NaN is false).
bool same_bits(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].size() != b[i].size() || std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(double)) != 0)
      return false;
  return true;
}

void check_identical(const models::Results& a, const models::Results& b) {
  REQUIRE(a.variants.size() == b.variants.size());
  REQUIRE(a.replicates == b.replicates);
  CHECK(a.state_bytes == b.state_bytes);
  for (std::size_t v = 0; v < a.variants.size(); ++v)
    for (std::size_t r = 0; r < a.variants[v].replicates.size(); ++r) {
      INFO("variant " << v << ", replicate " << r);
      const auto &x = a.variants[v].replicates[r], &y = b.variants[v].replicates[r];
      CHECK(same_bits(x.period, y.period));
      CHECK(same_bits(x.year, y.year));
      CHECK(same_bits(x.cells_period, y.cells_period));
      CHECK(same_bits(x.cells_year, y.cells_year));
    }
}

}  // namespace

TEST_CASE("a variant changed alone reuses the baseline and the other variants, identically") {
  AppState s = quick_scenario();
  Worker w(nullptr, 2);
  const Snapshot first = finished(w, w.submit(runnable(s)));
  REQUIRE(first.error.empty());
  CHECK(first.reused == 0);
  // Only the second variant changes: the baseline and the first are not run again.
  edit_intervention(s, 2, "mentoring_cusp", [](models::Intervention& iv) { iv.places_per_year = 10; });
  const models::Scenario changed = runnable(s);
  const Snapshot second = finished(w, w.submit(changed));
  REQUIRE(second.error.empty());
  CHECK(second.reused == 2 * 6);
  // ... and the merged results are exactly those of one run of the whole scenario.
  check_identical(*second.results, models::run_scenario(changed, models::RunOptions{}));
  // Going back to the first scenario runs nothing at all.
  edit_intervention(s, 2, "mentoring_cusp", [](models::Intervention& iv) {
    iv.places_per_year = std::numeric_limits<double>::infinity();
  });
  const Snapshot third = finished(w, w.submit(runnable(s)));
  CHECK(third.reused == 3 * 6);
  check_identical(*third.results, *first.results);
}

TEST_CASE("better / same / worse: ties are not worse") {
  AppState s = quick_scenario();
  // Places that start after the horizon change nothing: every replicate ties.
  edit_intervention(s, 2, "mentoring_cusp", [](models::Intervention& iv) { iv.start_month = 30; });
  const models::Results r = models::run_scenario(runnable(s), models::RunOptions{});
  const int kpi = models::kpi_index("custody_rate_per_1000");
  const Shares none = shares(r, 2, kpi, 0, true);
  CHECK(none.same == 1);
  CHECK(none.worse == 0);
  CHECK(shares_text(none) == "no change");
  const Shares rate = shares(r, 1, models::kpi_index("offences_committed"), 0, true);
  CHECK(rate.better + rate.same + rate.worse == doctest::Approx(1));
  CHECK(rate.better > 0.5);  // a lower offending rate: fewer offences in most replicates
  const models::Scenario run = runnable(s);
  const ResultsView view = make_view(r, &run);
  REQUIRE(view.board.size() == 3);
  CHECK(view.board[1].change_month == 0);  // a parameter: from the first month
  CHECK(view.board[1].figure == "2018/19 Q1 cohort");
  CHECK(view.board[1].complete == "Dec 2019");  // June 2018 + 18 months
  CHECK(view.board[1].published == "Apr 2020");
  CHECK(view.board[2].change_month == 30);
  CHECK(view.board[2].period == -1);  // after the horizon: no figure within it
}

TEST_CASE("a small count's spread as shares, the last value open") {
  CHECK(count_distribution({0, 0, 1, 1, 1, 2, 2, 3, 5, 9}) == "0: 20%, 1: 30%, 2: 20%, 3: 10%, 4: 0%, 5: 10%, 6+: 10%");
  CHECK(count_distribution({0, 0, 0, 1}) == "0: 75%, 1: 25%, 2+: 0%");
  CHECK(count_distribution({}) == "n/a");
  // Larger counts: from about the 10th percentile, the lowest values together.
  CHECK(count_distribution({3, 4, 5, 5, 6, 7, 8, 9, 10, 12}).rfind("\u22644: 20%, 5: 20%, 6: 10%", 0) == 0);
}

TEST_CASE("a saved scenario has the shortest numbers and keeps the file's comments on unchanged values") {
  AppState s = bundled();
  set_parameter(s, 0, *find_parameter("population.size_10_17"), 0, 15000);
  const std::string path = (std::filesystem::temp_directory_path() / "yjsim_gui_saved_comments.toml").string();
  save_scenario(s, path);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const models::Scenario back = input::load_scenario(path);
  std::filesystem::remove(path);
  // Unchanged: the comment above stays, and the number is as the file had it.
  CHECK(text.find("# offences per month at age 17, z = 1; source: version 2: calibrated") != std::string::npos);
  CHECK(text.find("base_rate = 0.05859\n") != std::string::npos);
  CHECK(text.find("# yjsim default scenario") == 0);  // the file's opening comment
  CHECK(text.find("size_10_17 = 15000") != std::string::npos);
  // Changed: its old comment (the default's source) is not kept.
  CHECK(text.find("issue 3: a borough of 20,000") == std::string::npos);
  // No 17-digit numbers anywhere; and the file reads back as the same scenario.
  CHECK(!std::regex_search(text, std::regex("[0-9]\\.[0-9]{14,}")));
  CHECK(input::scenario_to_toml(back) == input::scenario_to_toml(s.scenario));
}

TEST_CASE("a calibrated scenario says what it is calibrated to, and Save keeps its calibration") {
  const std::string dir = std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/";
  const AppState own = open_scenario(dir + "bromley.toml");
  AppState s = open_scenario(dir + "bromley_mentoring.toml");  // calibration = "bromley.toml"
  const models::Calibration& c = s.scenario.calibration;
  REQUIRE(!c.empty());
  CHECK(c.area == "Bromley");
  CHECK(!c.fitted_to.empty());
  CHECK(calibration_summary(c) == "Calibrated to Bromley (" + c.targets + ", " + c.date + "), " +
                                      std::to_string(c.draws.size()) + " posterior draws");
  CHECK(calibration_summary(own.scenario.calibration) == calibration_summary(c));
  CHECK(bundled().scenario.calibration.empty());
  // Saved (with the comment-keeping writer) after an edit, and read back: the same calibration, every number.
  set_parameter(s, 1, *find_parameter("costs.court_case_gbp"), 0, 1234);
  const std::string path = (std::filesystem::temp_directory_path() / "yjsim_gui_saved_calibration.toml").string();
  save_scenario(s, path);
  const models::Scenario back = input::load_scenario(path);
  std::filesystem::remove(path);
  CHECK(back.calibration.area == c.area);
  CHECK(back.calibration.date == c.date);
  CHECK(back.calibration.targets == c.targets);
  CHECK(back.calibration.fitted_to == c.fitted_to);
  CHECK(back.calibration.parameters == c.parameters);
  CHECK(back.calibration.values == c.values);
  CHECK(back.calibration.draws == c.draws);
  CHECK(input::scenario_to_toml(back) == input::scenario_to_toml(s.scenario));
  // The worker's cache tells a calibrated baseline from the same parameters without the draws.
  models::Scenario plain = s.scenario;
  plain.calibration = {};
  CHECK(Worker::variant_key(plain, 0) != Worker::variant_key(s.scenario, 0));
}

TEST_CASE("Save keeps the comments inside [[variant]] and [[variant.intervention]] where the value is unchanged") {
  const std::string path = std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley_mentoring.toml";
  models::Scenario s = input::load_scenario(path);
  REQUIRE(s.variants.size() == 2);
  for (auto& iv : s.variants[1].interventions)
    if (iv.name == "mentoring_cusp") iv.places_per_year = 30;
  const std::string text = input::scenario_to_toml(s, s.text);
  // mentoring_custody's and resettlement_support's places (12, "1 a month") and the ramp-up's reason are kept;
  // mentoring_cusp's changed places lose theirs ("2 a month").
  CHECK(text.find("# 1 a month") != std::string::npos);
  CHECK(text.find("# assumed: mentors recruited over the first quarter") != std::string::npos);
  CHECK(text.find("# 2 a month") == std::string::npos);
  std::size_t kept = 0;
  for (std::size_t at = 0; (at = text.find("places_per_year = 12.0  # 1 a month", at)) != std::string::npos; ++at) ++kept;
  CHECK(kept == 2);
  CHECK(text.find("places_per_year = 30.0\n") != std::string::npos);
  // The comment sits in the right block: the ramp-up's reason under mentoring_custody, not another intervention.
  const auto custody = text.find("name = \"mentoring_custody\""), cusp = text.find("name = \"mentoring_cusp\"");
  const auto reason = text.find("# assumed: mentors recruited");
  REQUIRE(custody != std::string::npos);
  REQUIRE(cusp != std::string::npos);
  CHECK(((reason > custody) && (reason < cusp || cusp < custody)));
  // The file reads back as the same scenario.
  CHECK(input::scenario_to_toml(input::parse_scenario(text, path)) == input::scenario_to_toml(s));
}

TEST_CASE("the whole horizon's row of the by-year table is the paired horizon totals") {
  models::Scenario s = input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/gui/tests/small_borough.toml");
  for (auto& v : s.variants) v.params.run.replicates = 4;
  if (s.variants.size() < 2) {
    s.variants.push_back(s.variants.front());
    s.variants.back().name = "more";
    s.variants.back().params.costs.court_case_gbp *= 2;
  }
  const auto r = models::run_scenario(s);
  const ResultsView view = make_view(r, &s);
  CHECK(view.horizon_label.rfind("Whole horizon (", 0) == 0);
  REQUIRE(view.answer.size() == s.variants.size() - 1);
  CHECK(view.answer[0].find("custodial sentences") != std::string::npos);
  // The CSV export's table_as_shown.csv: a row per KPI and year and the horizon, the numbers and the texts as shown.
  const std::string csv = summary_csv(view);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(1 + view.kpis.size() * (view.year_labels.size() + 1)));
  const auto& cost = view.kpis.back();
  REQUIRE(cost.kpi == "cost_gbp");
  char mean[32];
  const auto end = std::to_chars(mean, mean + sizeof mean, cost.horizon[1].diff.mean).ptr;
  CHECK(csv.find("," + std::string(mean, end) + ",") != std::string::npos);
  CHECK(csv.find(report::difference_text("cost_gbp", cost.horizon[1].diff)) != std::string::npos);
  for (const auto& k : view.kpis) {
    const int kpi = models::kpi_index(k.kpi);
    const auto base = analysis::horizon_values(r, 0, kpi), var = analysis::horizon_values(r, 1, kpi);
    double sum = 0;
    for (std::size_t i = 0; i < base.size(); ++i) sum += var[i] - base[i];
    REQUIRE(k.horizon.size() == s.variants.size());
    CHECK(k.horizon[1].baseline.mean == doctest::Approx(sim::summarise(base).mean).epsilon(1e-12));
    CHECK(k.horizon[1].diff.mean == doctest::Approx(sum / static_cast<double>(base.size())).epsilon(1e-9));
    if (k.kpi == "cost_gbp") {  // a sum: the years' totals add up to the horizon's
      double years = 0;
      for (const auto& y : k.by_year[1]) years += y.baseline.mean;
      CHECK(k.horizon[1].baseline.mean == doctest::Approx(years).epsilon(1e-9));
    }
  }
}

TEST_CASE("a calibrated scenario's published figures are on the charts, at their quarters and in the chart's unit") {
  // Bromley runs from its first figure's month (January 2016): all four figures fall in the run.
  models::Scenario s = input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley.toml");
  for (auto& v : s.variants) v.params.run.replicates = 4;
  const auto r = models::run_scenario(s);
  const ResultsView view = make_view(r, &s);
  auto kpi = [&](const std::string& name) -> const KpiView& {
    for (const auto& k : view.kpis)
      if (k.kpi == name) return k;
    FAIL("no chart " << name);
    return view.kpis.front();
  };
  // The binary rate of the January-December 2016 cohort: 46.1% over the first four quarters, as published.
  const auto& binary = kpi("reoffending_binary_rate").published;
  REQUIRE(binary.size() == 1);
  CHECK(binary[0].value == 0.461);
  CHECK(binary[0].x0 == view.period_x[0]);
  CHECK(binary[0].x1 == view.period_x[3]);
  CHECK(binary[0].label.find("Bromley published 46.1% for January to December 2016") == 0);
  REQUIRE(kpi("reoffending_frequency_rate").published.size() == 1);
  CHECK(kpi("reoffending_frequency_rate").published[0].value == 1.82);
  // 88 first time entrants from July 2017 to June 2018 (quarters 6-9) are 22 a quarter, shown per 100,000 of the
  // model's 31,000 children aged 10-17 (the rate is the count per 100,000 of them: about 71).
  const auto& fte = kpi("fte_rate_per_100k").published;
  REQUIRE(fte.size() == 1);
  CHECK(fte[0].x0 == view.period_x[6]);
  CHECK(fte[0].x1 == view.period_x[9]);
  CHECK(fte[0].value == doctest::Approx(22.0 / 31000 * 100000).epsilon(0.03));
  CHECK(fte[0].label.find("22.0 a quarter") != std::string::npos);
  // Custodial sentences, 7 from October 2017 to September 2018: on the quarterly rate chart through the model's
  // population, and a year's worth (7) over years 2 and 3 on the yearly chart that a small area gets.
  const auto& custody = kpi("custody_rate_per_1000");
  REQUIRE(custody.published.size() == 1);
  CHECK(custody.published[0].x0 == view.period_x[7]);
  if (!custody.count_kpi.empty()) {
    REQUIRE(custody.published_yearly.size() == 1);
    CHECK(custody.published_yearly[0].value == 7);
    CHECK(custody.published_yearly[0].x0 == view.year_x[1]);
    CHECK(custody.published_yearly[0].x1 == view.year_x[2]);
  }
  CHECK(kpi("cost_gbp").published.empty());
  // An uncalibrated scenario has none.
  models::Scenario plain = input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/gui/tests/small_borough.toml");
  for (auto& v : plain.variants) v.params.run.replicates = 2;
  const auto rp = models::run_scenario(plain);
  for (const auto& k : make_view(rp, &plain).kpis) CHECK(k.published.empty());
}

// The funnel plot's figures (analysis/funnel.h): national rates as data/published_figures.csv holds them, the
// binomial control limits, and where a calibrated area's published figures fall on the run's charts.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <fstream>
#include <sstream>
#include <string>

#include "analysis/funnel.h"
#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "input/targets.h"
#include "sim/errors.h"

using namespace yjsim;

namespace {
// The value of the CSV row whose quantity starts with `quantity` and whose period is `period` (NaN: none).
double csv_value(const std::string& quantity, const std::string& period) {
  std::ifstream in(std::string(YJSIM_SOURCE_DIR) + "/data/published_figures.csv");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(quantity, 0) != 0 || line.find("," + period + ",") == std::string::npos) continue;
    std::stringstream ss(line.substr(line.find(',', quantity.size()) + 1));
    std::string v;
    std::getline(ss, v, ',');
    return std::stod(v);
  }
  return std::nan("");
}

std::string short_month(const sim::YearMonth& m) {
  static const char* k[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::string(k[m.month - 1]) + " " + std::to_string(m.year);
}
}  // namespace

TEST_CASE("funnel: the national binary rates are data/published_figures.csv's") {
  REQUIRE(analysis::national_binary_rates().size() >= 7);
  for (const auto& n : analysis::national_binary_rates()) {
    const std::string period = "cohort " + short_month(n.first) + "-" + short_month(n.last) + " (sum of four 3-month cohorts)";
    CHECK_MESSAGE(n.rate * 100 == doctest::Approx(csv_value("Binary proven reoffending rate (all children)", period)), period);
    CHECK_MESSAGE(n.cohort_size == csv_value("Proven reoffending cohort size", period), period);
    CHECK(sim::months_between(n.first, n.last) == 11);
  }
}

TEST_CASE("funnel: the nearest national cohort and the binomial limits") {
  const auto bromley = analysis::national_rate_for({2016, 1}, {2016, 12});  // calendar 2016: 9 months of 2016/17
  REQUIRE(bromley);
  CHECK(bromley->national.cohort == "April 2016 to March 2017");
  CHECK(bromley->overlap_months == 9);
  CHECK(bromley->period_months == 12);
  const auto westminster = analysis::national_rate_for({2016, 4}, {2017, 3});
  REQUIRE(westminster);
  CHECK(westminster->overlap_months == 12);
  CHECK(westminster->national.rate == 0.409);
  CHECK(!analysis::national_rate_for({2030, 1}, {2030, 12}));

  // The limits bracket the national rate, widen with the confidence and narrow with the cohort; for a large
  // cohort they are the normal approximation's p0 +- z sqrt(p0 (1 - p0) / n) to within a count.
  const double p0 = 0.409;
  for (double n : {50.0, 200.0, 1000.0}) {
    CHECK(analysis::binomial_limit(p0, n, 0.001) < analysis::binomial_limit(p0, n, 0.025));
    CHECK(analysis::binomial_limit(p0, n, 0.025) < p0);
    CHECK(analysis::binomial_limit(p0, n, 0.975) > p0);
    CHECK(analysis::binomial_limit(p0, n, 0.999) > analysis::binomial_limit(p0, n, 0.975));
    CHECK(analysis::binomial_limit(p0, 4 * n, 0.975) < analysis::binomial_limit(p0, n, 0.975));
  }
  const double n = 20000, sd = std::sqrt(p0 * (1 - p0) / n);
  CHECK(std::fabs(analysis::binomial_limit(p0, n, 0.975) - (p0 + 1.959964 * sd)) < 1.0 / n);
  CHECK(std::fabs(analysis::binomial_limit(p0, n, 0.001) - (p0 - 3.090232 * sd)) < 2.0 / n);
  // Exactly: a count at the limit has the limit's probability below it, between two whole counts.
  const double N = 150;
  double cdf = 0, r = 0;
  for (; cdf < 0.975; ++r) cdf += std::exp(std::lgamma(N + 1) - std::lgamma(r + 1) - std::lgamma(N - r + 1) + r * std::log(p0) + (N - r) * std::log1p(-p0));
  const double limit = analysis::binomial_limit(p0, N, 0.975) * N;
  CHECK(limit > r - 2);
  CHECK(limit <= r - 1);
}

TEST_CASE("funnel: a calibrated scenario carries its targets, and they fall on the run's quarters") {
  const std::string dir = std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/";
  for (const char* area : {"bromley", "westminster"}) {
    const auto t = input::load_targets(dir + area + ".targets.toml");
    const auto s = input::load_scenario(dir + area + ".toml");
    const auto& pub = s.calibration.published;
    REQUIRE(pub.size() == t.targets.size());
    for (std::size_t i = 0; i < pub.size(); ++i) {
      CHECK(pub[i].kpi == t.targets[i].kpi);
      CHECK(pub[i].value == t.targets[i].value);
      CHECK(pub[i].period == t.targets[i].period);
      CHECK(pub[i].holdout == t.targets[i].holdout);
      CHECK(pub[i].source == t.targets[i].source);
    }
  }
  const auto s = input::load_scenario(dir + "bromley.toml");  // starts 2016-01, as its figures do
  const sim::Calendar cal(s.baseline().run.start, static_cast<long>(s.baseline().run.months));
  const auto binary = analysis::chart_marks(s.calibration, "reoffending_binary_rate", cal);
  REQUIRE(binary.size() == 1);
  CHECK(binary[0].in_run);
  CHECK(binary[0].first_period == 0);
  CHECK(binary[0].last_period == 3);
  CHECK(binary[0].per_quarter == 0.461);  // a rate as it is
  const auto fte = analysis::chart_marks(s.calibration, "fte_count", cal);  // July 2017 - June 2018: 88 a year
  REQUIRE(fte.size() == 1);
  CHECK(fte[0].first_period == 6);
  CHECK(fte[0].last_period == 9);
  CHECK(fte[0].per_quarter == doctest::Approx(22.0));
  // A plan starting in April 2019 holds none of Bromley's months.
  const auto later = analysis::chart_marks(s.calibration, "fte_count", sim::Calendar({2019, 4}, 48));
  REQUIRE(later.size() == 1);
  CHECK(!later[0].in_run);
  CHECK(later[0].before);
}

TEST_CASE("funnel: the published figures survive a save, and a bad one names its line and field") {
  const std::string path = std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/bromley.toml";
  const auto s = input::load_scenario(path);
  const auto again = input::parse_scenario(input::scenario_to_toml(s), path);
  REQUIRE(again.calibration.published.size() == s.calibration.published.size());
  for (std::size_t i = 0; i < s.calibration.published.size(); ++i) {
    CHECK(again.calibration.published[i].kpi == s.calibration.published[i].kpi);
    CHECK(again.calibration.published[i].value == s.calibration.published[i].value);
    CHECK(again.calibration.published[i].period == s.calibration.published[i].period);
    CHECK(again.calibration.published[i].holdout == s.calibration.published[i].holdout);
    CHECK(again.calibration.published[i].source == s.calibration.published[i].source);
  }
  // A file written before `published` existed still reads (backward compatible): remove the key.
  std::string text = s.text;
  const auto at = text.find("published = [");
  REQUIRE(at != std::string::npos);
  std::string old = text;
  old.erase(at, text.find("]\n", at) + 2 - at);
  CHECK(input::parse_scenario(old, path).calibration.published.empty());
  // Bad entries: the file, line and field.
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1;
  for (const auto& [from, to, field] : {std::tuple{"period = \"2016-01..2016-12\"", "period = \"2016\"", "calibration.published[0].period"},
                                        std::tuple{"kpi = \"reoffending_binary_rate\"", "kpi = \"binary\"", "calibration.published[0].kpi"},
                                        std::tuple{"value = 0.461, ", "", "calibration.published[0]"}}) {
    std::string bad = text;
    bad.replace(bad.find(from, at), std::string(from).size(), to);
    try {
      (void)input::parse_scenario(bad, path);
      FAIL("accepted: " << to);
    } catch (const sim::InputError& e) {
      const std::string msg = e.what();
      CHECK_MESSAGE(msg.find(field) != std::string::npos, msg);
      CHECK_MESSAGE(e.line() == line, msg);
    }
  }
}

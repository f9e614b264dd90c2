// Targets files (input/targets.h): what they hold, and every error naming the file, line and field.
#include <doctest/doctest.h>

#include <string>

#include "input/targets.h"
#include "sim/errors.h"

using namespace yjsim;

namespace {

const std::string kDir = std::string(YJSIM_SOURCE_DIR) + "/tests/fixtures/calibration/";

std::string with_target(const std::string& target, const std::string& extra = "") {
  return "scenario = \"tiny.toml\"\narea = \"Test\"\n" + extra + "[[target]]\n" + target;
}

const char* const kGood =
    "kpi = \"reoffending_binary_rate\"\nvalue = 0.4\nperiod = \"2018-04..2019-03\"\nsource = \"test\"\n";

// The error of a bad file: its text, which must name the file, the line and the field.
std::string error_of(const std::string& text) {
  try {
    input::parse_targets(text, kDir + "bad.targets.toml");
  } catch (const sim::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("targets file: the scenario, its run and population, targets and fit ranges") {
  const auto t = input::parse_targets(with_target(kGood, "start = \"2018-04\"\n[population]\nsize_10_17 = 7000\n") +
                                          "[[fit]]\nparameter = \"offending.base_rate\"\nlow = 0.02\nhigh = 0.06\n",
                                      kDir + "good.targets.toml");
  CHECK(t.area == "Test");
  REQUIRE(t.targets.size() == 1);
  CHECK(t.targets[0].value == 0.4);
  CHECK(t.targets[0].first == sim::YearMonth{2018, 4});
  CHECK(t.targets[0].last == sim::YearMonth{2019, 3});
  CHECK(t.base.baseline().population.size_10_17 == 7000);
  CHECK(t.base.baseline().run.months == 12);  // the run covers the targets
  REQUIRE(t.fit.size() == 1);
  CHECK(t.fit[0].high == 0.06);
}

TEST_CASE("targets file: the run starts at the earliest target when no start is given") {
  const auto t = input::parse_targets(
      with_target("kpi = \"fte_count\"\nvalue = 10\nperiod = \"2019-01..2019-06\"\nsource = \"s\"\n") +
          "[[target]]\nkpi = \"fte_count\"\nvalue = 5\nperiod = \"2018-10..2018-12\"\nsource = \"s\"\n",
      kDir + "good.targets.toml");
  CHECK(t.start == sim::YearMonth{2018, 10});
  CHECK(t.base.baseline().run.months == 9);
}

TEST_CASE("targets file: bad files name the file, line and field") {
  struct Case {
    std::string text, field;
    long line;
  };
  const std::vector<Case> cases = {
      {with_target("kpi = \"reoffending\"\nvalue = 0.4\nperiod = \"2018-04..2019-03\"\nsource = \"s\"\n"), "target.kpi", 4},
      {with_target("kpi = \"reoffending_binary_rate\"\nvalue = 46.1\nperiod = \"2018-04..2019-03\"\nsource = \"s\"\n"), "target.value", 5},
      {with_target("kpi = \"fte_count\"\nvalue = 4\nperiod = \"2018-04..2018-05\"\nsource = \"s\"\n"), "target.period", 3},
      {with_target("kpi = \"fte_count\"\nvalue = 4\nperiod = \"2018-04\"\nsource = \"s\"\n"), "target.period", 6},
      {with_target("kpi = \"fte_count\"\nvalue = 4\nperiod = \"2018-04..2018-06\"\n"), "target.source", 3},
      {with_target("kpi = \"fte_count\"\nvalue = 4\nperiod = \"2018-04..2018-06\"\nsource = \"s\"\ncolour = 1\n"), "target.colour", 8},
      {with_target(kGood) + "[[fit]]\nparameter = \"offending.base\"\nlow = 0.02\nhigh = 0.06\n", "fit.parameter", 9},
      {with_target(kGood) + "[[fit]]\nparameter = \"offending.base_rate\"\nlow = 0.06\nhigh = 0.02\n", "fit.high", 11},
      {with_target(kGood) + "[[fit]]\nparameter = \"desistance.per_outcome\"\nlow = 0.5\nhigh = 2\n", "fit.high", 11},
      {with_target(kGood, "[population]\nsize_10_17 = -5\n"), "population.size_10_17", 3},
      {with_target(kGood, "[population]\nsizes = 5\n"), "population.sizes", 4},
      {with_target(kGood, "start = \"2018-05\"\n"), "target.period", 4},
      {with_target("kpi = \"reoffenders\"\nbreakdown = \"index_disposal\"\ncategory = \"fine\"\nvalue = 4\n"
                   "period = \"2018-04..2018-06\"\nsource = \"s\"\n"), "target.category", 6},
      {"area = \"x\"\n[[target]]\n" + std::string(kGood), "scenario", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const std::string e = error_of(c.text);
    CHECK(e.find("bad.targets.toml:" + std::to_string(c.line) + ":") != std::string::npos);
    CHECK(e.find("'" + c.field + "'") != std::string::npos);
    CHECK(e.find("allowed:") != std::string::npos);
  }
}

TEST_CASE("targets file: every bundled targets file reads") {
  for (const char* name : {"bromley", "westminster", "london_top", "london_bottom", "england_wales_2018"}) {
    CAPTURE(name);
    const auto t = input::load_targets(std::string(YJSIM_SOURCE_DIR) + "/scenarios/calibration/" + name + ".targets.toml");
    CHECK_FALSE(t.targets.empty());
    CHECK_FALSE(t.area.empty());
    for (const auto& g : t.targets) CHECK_FALSE(g.source.empty());
  }
}

#include <doctest/doctest.h>

#include <string>

#include "fixture.h"
#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "sim/errors.h"

using yjsim::sim::InputError;
using yjsim::test::scenario;

namespace {
// The InputError message for a scenario text (fails the test if it parses).
std::string error_of(const std::string& toml) {
  try {
    scenario(toml);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError");
  return "";
}
}  // namespace

TEST_CASE("an empty scenario is the parameter table's defaults") {
  const auto s = scenario("");
  const auto& p = s.baseline();
  const auto d = yjsim::models::default_params();
  CHECK(p.offending.base_rate == d.offending.base_rate);
  CHECK(p.offending.propensity_sigma == d.offending.propensity_sigma);
  CHECK(p.outcome.none == d.outcome.none);
  CHECK(p.desistance.per_outcome == 0.4903);  // version 2.1 (scripts/calibrate_national.sh)
  CHECK(p.court.ryda[2] == 0.1035);
  CHECK(p.run.months == 48);
  CHECK(p.run.start.iso() == "2018-04");
  CHECK(p.needs.size() == 4);
  CHECK(s.variants.size() == 1);
}

TEST_CASE("parameters are set by their MODEL.md names and variants copy the baseline and change it") {
  const auto s = scenario(R"(
[run]
months = 12
start = "2020-01"
seed = 7
[offending]
base_rate = 0.05
[needs.ete_need]
prevalence = 0.2
[needs.gang_affiliation]
prevalence = 0.02
multiplier = 2.0
source = "assumption for a test"
[[variant]]
name = "more_diversion"
description = "more community resolutions"
[variant.outcome]
none = [0.47, 0.40, 0.06, 0.05, 0.02]
)");
  CHECK(s.baseline().run.start.iso() == "2020-01");
  CHECK(s.baseline().run.seed == 7);
  CHECK(s.baseline().offending.base_rate == 0.05);
  CHECK(s.baseline().needs[0].prevalence == 0.2);
  CHECK(s.baseline().needs.back().name == "gang_affiliation");
  REQUIRE(s.variants.size() == 2);
  CHECK(s.variants[1].name == "more_diversion");
  CHECK(s.variants[1].params.offending.base_rate == 0.05);
  CHECK(s.variants[1].params.outcome.none[1] == 0.40);
  CHECK(s.baseline().outcome.none[1] == yjsim::models::default_params().outcome.none[1]);
}

TEST_CASE("bad input names file, line, field, what was found and what is allowed") {
  SUBCASE("unknown key") {
    const auto m = error_of("[offending]\nbase_rate = 0.04\nbase_rat = 0.05\n");
    CHECK(m.find("test.toml:3") != std::string::npos);
    CHECK(m.find("offending.base_rat") != std::string::npos);
    CHECK(m.find("unknown parameter") != std::string::npos);
    CHECK(m.find("base_rate") != std::string::npos);  // the allowed keys are listed
  }
  SUBCASE("unknown section") { CHECK(error_of("[ofending]\nx = 1\n").find("unknown section") != std::string::npos); }
  SUBCASE("out of range") {
    const auto m = error_of("[detection]\n\nprobability = 1.5\n");
    CHECK(m.find("test.toml:3") != std::string::npos);
    CHECK(m.find("found 1.5") != std::string::npos);
    CHECK(m.find("0 .. 1") != std::string::npos);
  }
  SUBCASE("probabilities that do not sum to 1") {
    CHECK(error_of("[outcome]\nnone = [0.5, 0.5, 0.1, 0, 0]\n").find("summing to 1") != std::string::npos);
  }
  SUBCASE("wrong array length") {
    CHECK(error_of("[outcome]\nnone = [0.5, 0.5]\n").find("array of 5") != std::string::npos);
  }
  SUBCASE("malformed TOML") {
    const auto m = error_of("[run]\nmonths = = 4\n");
    CHECK(m.find("test.toml:2") != std::string::npos);
    CHECK(m.find("malformed TOML") != std::string::npos);
  }
  SUBCASE("a whole number is required") { CHECK(error_of("[run]\nmonths = 4.5\n").find("whole number") != std::string::npos); }
  SUBCASE("a string where a number is needed") { CHECK(error_of("[run]\nmonths = \"x\"\n").find("a number") != std::string::npos); }
  SUBCASE("bad start month") { CHECK(error_of("[run]\nstart = \"2018-13\"\n").find("YYYY-MM") != std::string::npos); }
  SUBCASE("a variant may not change what is drawn at entry") {
    const auto m = error_of("[[variant]]\nname = \"v\"\n[variant.offending]\npropensity_sigma = 2\n");
    CHECK(m.find("test.toml:4") != std::string::npos);
    CHECK(m.find("drawn when a child enters") != std::string::npos);
  }
  SUBCASE("variant names") {
    CHECK(error_of("[[variant]]\ndescription = \"x\"\n").find("variant.name") != std::string::npos);
    CHECK(error_of("[[variant]]\nname = \"a\"\n[[variant]]\nname = \"a\"\n").find("again") != std::string::npos);
    CHECK(error_of("[[variant]]\nname = \"baseline\"\n").find("again") != std::string::npos);
    CHECK(error_of("[[variant]]\nname = \"a/b\"\n").find("letters") != std::string::npos);
  }
  SUBCASE("a new needs flag must cite its source") {
    CHECK(error_of("[needs.new_flag]\nprevalence = 0.1\nmultiplier = 2\n").find("source") != std::string::npos);
  }
}

TEST_CASE("a missing file is bad input") {
  try {
    yjsim::input::load_scenario("/nonexistent/x.toml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/x.toml") != std::string::npos);
  }
}

TEST_CASE("the bundled scenarios are valid") {
  for (const char* f : {"default.toml", "england_wales_2018.toml"})
    CHECK_NOTHROW(yjsim::input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/scenarios/" + f));
}

TEST_CASE("a scenario written back to TOML reads as the same scenario") {
  const auto s = scenario(R"(
[run]
months = 24
seed = 5
[offending]
base_rate = 0.05
[needs.gang_affiliation]
prevalence = 0.02
multiplier = 2.0
source = "assumption \"quoted\" for a test"
[[intervention]]
name = "mentoring"
target = "custody"
places_per_year = 10
[intervention.effect]
offending_rr = 0.8
rr_low = 0.6
rr_high = 0.95
[[variant]]
name = "more"
description = "more mentoring, cheaper charges"
[variant.outcome]
none = [0.47, 0.31, 0.11, 0.10, 0.01]
[[variant.intervention]]
name = "mentoring"
places_per_year = 20
[[variant]]
name = "none"
remove_interventions = ["mentoring"]
)");
  const std::string text = yjsim::input::scenario_to_toml(s);
  const auto back = yjsim::input::parse_scenario(text, "written.toml");
  CHECK(yjsim::input::scenario_to_toml(back) == text);
  REQUIRE(back.variants.size() == 3);
  CHECK(back.baseline().offending.base_rate == 0.05);
  CHECK(back.baseline().needs.back().source == "assumption \"quoted\" for a test");
  CHECK(back.variants[1].params.outcome.none[4] == 0.01);
  CHECK(back.variants[1].interventions[0].places_per_year == 20);
  CHECK(back.variants[2].interventions.empty());
  CHECK(back.variants[0].interventions[0].rr_low == 0.6);
}

// Issue 14, item 9: the scenario writer's TOML reads back identically for every valid scenario, strings with
// newlines and ''' included (toml++ 3.3 wrote those as literal strings it could not read back).
#include <string>

#include "fixture.h"
#include "input/scenario_writer.h"
#include "input/sweep.h"
#include "tests/hardening/cli.h"

using namespace yjsim::hardening;

namespace {
// Written, read back and written again: the same text, and the same description in every variant.
void round_trip(const yjsim::models::Scenario& s, const std::string& name) {
  const std::string once = yjsim::input::scenario_to_toml(s);
  yjsim::models::Scenario back;
  REQUIRE_NOTHROW(back = yjsim::input::parse_scenario(once, name + " (written)"));
  CHECK(yjsim::input::scenario_to_toml(back) == once);
  REQUIRE(back.variants.size() == s.variants.size());
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    CHECK(back.variants[v].name == s.variants[v].name);
    CHECK(back.variants[v].description == s.variants[v].description);
    REQUIRE(back.variants[v].interventions.size() == s.variants[v].interventions.size());
    for (std::size_t i = 0; i < s.variants[v].interventions.size(); ++i)
      CHECK(back.variants[v].interventions[i].description == s.variants[v].interventions[i].description);
  }
}

// Strings that toml++'s default formatter cannot write back, and a few more edge cases.
const char* const kStrings[] = {
    "line one\nline two ''' three",  // the fuzzer's finding: a newline and '''
    "'''",
    "ends with a quote'",
    "\nstarts with a newline",
    "tab\there \"quoted\" back\\slash",
    "control \x01 character",
    "unicode: £ → ≥",
    "\r\n windows line end",
};
}  // namespace

TEST_CASE("item 9: a scenario whose strings hold newlines and ''' is written back as TOML that reads back identically") {
  for (const char* text : kStrings) {
    CAPTURE(text);
    // As a file would give it: a basic string with escapes.
    std::string escaped;
    for (char c : std::string(text)) {
      if (c == '\n') escaped += "\\n";
      else if (c == '\r') escaped += "\\r";
      else if (c == '\t') escaped += "\\t";
      else if (c == '"') escaped += "\\\"";
      else if (c == '\\') escaped += "\\\\";
      else if (c == '\x01') escaped += "\\u0001";
      else escaped += c;
    }
    const std::string file = "[run]\nmonths = 12\n[[variant]]\nname = \"v\"\ndescription = \"" + escaped + "\"\n"
                             "[needs.extra]\nprevalence = 0.1\nmultiplier = 1.5\nsource = \"" + escaped + "\"\n";
    const auto s = yjsim::test::scenario(file);
    REQUIRE(s.variants[1].description == text);
    round_trip(s, "strings.toml");
  }
}

TEST_CASE("item 9: every bundled scenario round-trips through the writer") {
  for (const char* f : {"scenarios/default.toml", "scenarios/tri_borough_mentoring.toml", "scenarios/out_of_court_panel.toml",
                        "scenarios/ete_and_speech_language.toml", "scenarios/iss_alternative_to_custody.toml",
                        "scenarios/cut_prevention.toml", "scenarios/england_wales_2018.toml", "tests/fixtures/golden.toml"}) {
    CAPTURE(f);
    const std::string path = std::string(YJSIM_SOURCE_DIR) + "/" + f;
    if (!fs::exists(path)) continue;
    round_trip(yjsim::input::load_scenario(path), f);
  }
}

TEST_CASE("item 9: a sweep on a scenario with such strings (inline or as a file) is valid") {
  const std::string axis = "[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.03, 0.04]\n";
  const std::string inline_base = "[scenario.run]\nmonths = 12\nreplicates = 2\n[[scenario.variant]]\nname = \"v\"\n"
                                  "description = \"a\\nb ''' c\"\n";
  const auto s = yjsim::input::parse_sweep(axis + inline_base, "inline.toml");
  CHECK(s.points.size() == 2);
  CHECK(s.base.variants[1].description == "a\nb ''' c");
  write("quoted_base.toml", "[run]\nmonths = 12\nreplicates = 2\n[[variant]]\nname = \"v\"\ndescription = '''a\nb \"\"\" c'''\n");
  const auto sw = write("quoted_sweep.toml", "base = \"quoted_base.toml\"\n" + axis);
  CHECK(run_yjsim("check " + q(sw)).code == 0);
}

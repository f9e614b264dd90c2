#pragma once
// What both fuzz targets check on a scenario that was read: written back (input::scenario_to_toml) it reads back
// (input::parse_scenario) and writes the very same TOML again. A failure prints both texts and aborts, which
// libFuzzer reports as a crash with the input that caused it.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "models/scenario.h"
#include "sim/errors.h"

namespace yjsim::fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& text, const std::string& detail) {
  std::fprintf(stderr, "\n==== yjsim fuzz: %s ====\n%s\n---- written TOML ----\n%s\n", what, detail.c_str(), text.c_str());
  std::abort();
}

inline void check_round_trip(const models::Scenario& s, const std::string& file) {
  const std::string once = input::scenario_to_toml(s);
  models::Scenario back;
  try {
    back = input::parse_scenario(once, file);
  } catch (const sim::InputError& e) {
    fail("the written scenario does not read back", once, e.what());
  }
  const std::string twice = input::scenario_to_toml(back);
  if (twice != once) fail("written, read and written again: a different TOML", once, twice);
  if (back.variants.size() != s.variants.size()) fail("a different number of variants", once, "");
  for (std::size_t v = 0; v < s.variants.size(); ++v)
    if (back.variants[v].name != s.variants[v].name || back.variants[v].description != s.variants[v].description)
      fail("a variant's name or description changed", once, s.variants[v].name);
}

}  // namespace yjsim::fuzz

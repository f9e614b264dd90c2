// libFuzzer target: the sweep reader, from bytes (input::parse_sweep), with the points limit lowered so that each
// input stays quick (the limit itself is tested in tests/hardening/). Any input may be refused with
// sim::InputError; anything else escaping is a bug. A sweep that is read: its base scenario writes back to TOML
// that reads back identically, and its first and last points are valid scenarios.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/roundtrip.h"
#include "input/sweep.h"

namespace {
// As if the file were in scenarios/sweeps/: `base = "../tri_borough_mentoring.toml"` in a seed resolves.
const std::string kFile = std::string(YJSIM_SOURCE_DIR) + "/scenarios/sweeps/fuzz-input.toml";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  yjsim::input::SweepOptions options;
  options.max_points = 512;
  yjsim::input::Sweep s;
  try {
    s = yjsim::input::parse_sweep(text, kFile, options);
  } catch (const yjsim::sim::InputError&) {
    return 0;
  }
  if (s.points.empty() || s.points.size() > options.max_points) yjsim::fuzz::fail("a sweep without points or over the limit", text, "");
  yjsim::fuzz::check_round_trip(s.base, kFile);
  try {
    (void)yjsim::input::scenario_at(s, 0);
    (void)yjsim::input::scenario_at(s, s.points.size() - 1);
  } catch (const yjsim::sim::InputError& e) {
    yjsim::fuzz::fail("a point of a validated sweep is invalid", text, e.what());
  }
  return 0;
}

// libFuzzer target: the scenario reader, from bytes (input::parse_scenario). Any input may be refused with
// sim::InputError; anything else escaping (another exception, a crash, a sanitizer report) is a bug. A scenario
// that is read must write back to TOML that reads back identically (roundtrip.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/roundtrip.h"

namespace {
// As if the file were in scenarios/: `catalogue = "interventions/catalogue.toml"` in a seed resolves.
const std::string kFile = std::string(YJSIM_SOURCE_DIR) + "/scenarios/fuzz-input.toml";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  yjsim::models::Scenario s;
  try {
    s = yjsim::input::parse_scenario(text, kFile);
  } catch (const yjsim::sim::InputError&) {
    return 0;  // refused, with a message: fine
  }
  yjsim::fuzz::check_round_trip(s, kFile);
  return 0;
}

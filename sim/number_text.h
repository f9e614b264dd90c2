#pragma once
// The shortest decimal text that reads back as the same double ("0.04154", not 17 digits), so that a value
// written to a scenario, a parameter listing or a fit report is the value exactly. One rule for every writer.
#include <charconv>
#include <string>

namespace yjsim::sim {

inline std::string shortest_text(double x) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

}  // namespace yjsim::sim

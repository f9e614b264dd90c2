#pragma once
// One way to write a CSV cell, for every CSV file yjsim writes: numbers with 17 significant digits (they read
// back as the same double) and "NaN" for an undefined rate; text quoted when it holds a comma, a quote or a newline.
#include <cmath>
#include <cstdio>
#include <string>

namespace yjsim::io {

inline std::string csv_number(double x) {
  if (std::isnan(x)) return "NaN";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace yjsim::io

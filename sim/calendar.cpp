#include "sim/calendar.h"

#include <algorithm>
#include <cstdio>

namespace yjsim::sim {

std::optional<YearMonth> YearMonth::parse(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int y = std::stoi(text.substr(0, 4)), m = std::stoi(text.substr(5, 2));
  if (m < 1 || m > 12 || y < 1900 || y > 2200) return std::nullopt;
  return YearMonth{y, m};
}

YearMonth YearMonth::plus(long months) const {
  long idx = static_cast<long>(year) * 12 + (month - 1) + months;
  long y = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
  return YearMonth{static_cast<int>(y), static_cast<int>(idx - y * 12) + 1};
}

std::string YearMonth::iso() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string YearMonth::quarter_label() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-Q%d", year, (month - 1) / 3 + 1);
  return buf;
}

Period Calendar::period(long p) const {
  const long first = p * 3;
  const long last = std::min(first + 2, months_ - 1);
  return Period{first, last, at(first).quarter_label()};
}

}  // namespace yjsim::sim

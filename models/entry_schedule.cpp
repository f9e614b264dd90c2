#include "models/entry_schedule.h"

#include <algorithm>
#include <cmath>

namespace yjsim::models {

std::int64_t EntrySchedule::entered(long month) const {
  if (month < first_month) return 0;
  month = std::min(month, last_month);
  return entered_by[static_cast<std::size_t>(month - first_month)];
}

long EntrySchedule::entry_month(std::size_t id) const {
  return std::max(static_cast<long>(birth[id]) + kEntryAgeMonths, first_month);
}

long EntrySchedule::population_10_17(long month) const {
  // Aged 120..215 months at `month`: born in (month - 216, month - 120]. Births are sorted.
  auto lo = std::upper_bound(birth.begin(), birth.end(), static_cast<std::int16_t>(std::max(month - 216, -32000L)));
  auto hi = std::upper_bound(birth.begin(), birth.end(), static_cast<std::int16_t>(std::max(month - 120, -32000L)));
  return static_cast<long>(hi - lo);
}

EntrySchedule make_entry_schedule(const Params& p) {
  EntrySchedule s;
  const long burn = static_cast<long>(p.run.burn_in_months);
  s.first_month = -burn;
  s.last_month = static_cast<long>(p.run.months) + kFollowUpMonths - 1;
  double share_sum = 0;
  for (double a : p.population.age_shares) share_sum += a;
  double carry = 0;
  auto add_births = [&](long birth_month, double expected) {
    carry += expected;
    const auto n = static_cast<long>(std::floor(carry + 1e-9));
    carry -= static_cast<double>(n);
    for (long i = 0; i < n; ++i) s.birth.push_back(static_cast<std::int16_t>(birth_month));
  };
  // Aged a years and k months at month 0 (a = 17..10, oldest first) was born in month -(12a + k).
  for (long age = 215; age >= kEntryAgeMonths; --age) {
    const double share = p.population.age_shares[static_cast<std::size_t>(age / 12 - 10)] / share_sum;
    add_births(-age, p.population.size_10_17 * share / 12.0);
  }
  for (long t = 1; t <= s.last_month; ++t)
    add_births(t - kEntryAgeMonths,
               p.population.size_10_17 / 96.0 * std::pow(1.0 + p.population.annual_growth, static_cast<double>(t) / 12.0));
  s.entered_by.assign(static_cast<std::size_t>(s.last_month - s.first_month + 1), 0);
  std::size_t id = 0;
  for (long m = s.first_month; m <= s.last_month; ++m) {
    while (id < s.birth.size() && s.entry_month(id) <= m) ++id;
    s.entered_by[static_cast<std::size_t>(m - s.first_month)] = static_cast<std::int64_t>(id);
  }
  return s;
}

}  // namespace yjsim::models

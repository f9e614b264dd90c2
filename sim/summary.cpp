#include "sim/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace yjsim::sim {

double percentile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Summary summarise(std::span<const double> values) {
  std::vector<double> v;
  v.reserve(values.size());
  for (double x : values)
    if (!std::isnan(x)) v.push_back(x);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (v.empty()) return {nan, nan, nan, nan, 0, nan};
  double sum = 0.0;  // fixed order: replicate order
  for (double x : v) sum += x;
  const double n = static_cast<double>(v.size()), mean = sum / n;
  double ss = 0.0;
  for (double x : v) ss += (x - mean) * (x - mean);
  std::sort(v.begin(), v.end());
  return {mean, percentile_sorted(v, 0.05), percentile_sorted(v, 0.50), percentile_sorted(v, 0.95),
          static_cast<long>(v.size()), v.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0};
}

double share_negative(std::span<const double> values) {
  long n = 0, neg = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ++n;
    if (x < 0) ++neg;
  }
  return n == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(neg) / static_cast<double>(n);
}

}  // namespace yjsim::sim

#pragma once
// Draws by inversion of one uniform, so that one addressed word gives one value and paired runs stay paired.
// Each is checked against Boost.Math's CDF in tests/test_distributions.cpp.
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <span>

namespace yjsim::sim {

inline bool bernoulli(double u, double p) { return u < p; }

// Exponential(1) from u in [0, 1).
inline double exponential1(double u) { return -std::log1p(-u); }

// floor(log1p(-u) / d) for u in [0, 1) and d < 0, exactly as written. When 1 - u is exact (always for
// unit()'s multiples of 2^-53; tested, since 1 - (1 - u) is then exact too), log(1 - u) and log1p(-u) are the
// same logarithm, each within about an ulp of it (glibc's log and log1p): the quotients differ by a few ulps,
// so when the quicker one is further than 1e-12 of itself from an integer both have the same floor. Otherwise
// log1p decides (it costs about four times as much as log).
inline double floor_log1p_ratio(double u, double d) {
  const double a = 1.0 - u;
  if (1.0 - a == u) {
    const double q = std::log(a) / d;
    const double f = std::floor(q);
    const double margin = 1e-12 * std::fabs(q);
    if (q - f > margin && f + 1.0 - q > margin) return f;
  }
  return std::floor(std::log1p(-u) / d);
}

// Geometric on {0, 1, ...} with the given mean (failures before the first success).
inline long geometric0(double u, double mean) {
  if (!(mean > 0.0)) return 0;
  const double p = 1.0 / (1.0 + mean);
  const double x = floor_log1p_ratio(u, std::log1p(-p));
  return x > 1e9 ? 1000000000L : static_cast<long>(x);
}

// Geometric on {0, 1, ...} with per-trial success probability p.
inline long geometric0_p(double u, double p) {
  if (p >= 1.0) return 0;
  if (!(p > 0.0)) return 1000000000L;
  const double x = floor_log1p_ratio(u, std::log1p(-p));
  return x > 1e9 ? 1000000000L : static_cast<long>(x);
}

// Uniform integer on {lo, ..., hi}.
inline long uniform_int(double u, long lo, long hi) {
  const long n = hi - lo + 1;
  long k = static_cast<long>(u * static_cast<double>(n));
  if (k >= n) k = n - 1;
  return lo + k;
}

// Index drawn from probabilities (need not sum exactly to 1: the last category takes the rest).
inline std::size_t categorical(double u, std::span<const double> probs) {
  double acc = 0.0;
  for (std::size_t i = 0; i + 1 < probs.size(); ++i) {
    acc += probs[i];
    if (u < acc) return i;
  }
  return probs.size() - 1;
}

// Standard normal by Boost.Math's quantile (exact inversion; u in (0, 1)). Computed in double: Boost would
// otherwise promote to long double, at several times the cost and no gain at this use.
inline double standard_normal(double u) {
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  static const boost::math::normal_distribution<double, Policy> n01(0.0, 1.0);
  return boost::math::quantile(n01, u);
}

// Poisson count by inversion (for tests and occasional use; the hot path uses an exponential clock instead).
inline long poisson(double u, double mean) {
  double p = std::exp(-mean), cdf = p;
  long k = 0;
  while (u >= cdf && k < 100000) {
    ++k;
    p *= mean / static_cast<double>(k);
    cdf += p;
    if (p == 0.0 && cdf < u) break;
  }
  return k;
}

}  // namespace yjsim::sim

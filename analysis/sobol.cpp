#include "analysis/sobol.h"

#include <cmath>
#include <limits>
#include <random>

#include "analysis/sensitivity.h"
#include "sim/errors.h"
#include "sim/summary.h"

namespace yjsim::analysis {

namespace {
double to_axis(const MorrisAxis& a, double u) {
  if (a.log) return std::exp(std::log(a.from) + u * (std::log(a.to) - std::log(a.from)));
  return a.from + u * (a.to - a.from);
}
// A uniform draw in (0, 1) from the top 53 bits of the engine's output (the standard fixes that output).
double uniform(std::mt19937_64& g) { return (static_cast<double>(g() >> 11) + 0.5) * 0x1.0p-53; }
}  // namespace

SobolDesign sobol_design(const std::vector<MorrisAxis>& axes, std::size_t base, std::uint64_t seed) {
  if (base < 2) throw sim::InputError("sobol design", 0, "base points", std::to_string(base), "2 or more");
  const std::size_t k = axes.size();
  std::mt19937_64 g(seed);
  std::vector<std::vector<double>> a(base, std::vector<double>(k)), b = a;
  for (auto& row : a)
    for (auto& u : row) u = uniform(g);
  for (auto& row : b)
    for (auto& u : row) u = uniform(g);
  SobolDesign d{base, k, {}};
  auto emit = [&](const std::vector<double>& u) {
    std::vector<double> p(k);
    for (std::size_t i = 0; i < k; ++i) p[i] = to_axis(axes[i], u[i]);
    d.points.push_back(p);
  };
  for (const auto& row : a) emit(row);
  for (const auto& row : b) emit(row);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t n = 0; n < base; ++n) {
      auto row = a[n];
      row[i] = b[n][i];
      emit(row);
    }
  return d;
}

std::vector<SobolIndex> sobol_indices(const SobolDesign& d, const std::vector<double>& y) {
  const std::size_t n = d.base, k = d.axes;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double mean = 0;
  for (std::size_t j = 0; j < 2 * n; ++j) mean += y[j];
  mean /= static_cast<double>(2 * n);
  double var = 0;
  for (std::size_t j = 0; j < 2 * n; ++j) var += (y[j] - mean) * (y[j] - mean);
  var /= static_cast<double>(2 * n - 1);
  std::vector<SobolIndex> out;
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double fa = y[j], fb = y[n + j], fab = y[(2 + i) * n + j];
      first += (fb - mean) * (fab - fa);  // centred: the same expectation, a smaller variance
      total += (fa - fab) * (fa - fab);
    }
    if (!(var > 0) || std::isnan(first) || std::isnan(total)) out.push_back({kNaN, kNaN});
    else out.push_back({first / static_cast<double>(n) / var, total / (2.0 * static_cast<double>(n)) / var});
  }
  return out;
}

std::vector<std::vector<std::vector<SobolIndex>>> sweep_sobol(const SobolDesign& d, const std::vector<models::Results>& points) {
  const auto& defs = models::kpi_table();
  const std::size_t variants = points.empty() ? 0 : points.front().variants.size();
  std::vector<std::vector<std::vector<SobolIndex>>> out(variants, std::vector<std::vector<SobolIndex>>(defs.size()));
  for (std::size_t v = 0; v < variants; ++v)
    for (std::size_t k = 0; k < defs.size(); ++k) {
      std::vector<double> y;
      for (const auto& r : points) y.push_back(sim::summarise(horizon_values(r, v, static_cast<int>(k), v > 0)).mean);
      out[v][k] = sobol_indices(d, y);
    }
  return out;
}

}  // namespace yjsim::analysis

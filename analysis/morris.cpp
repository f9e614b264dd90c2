#include "analysis/morris.h"

#include <cmath>
#include <limits>
#include <numeric>
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

double to_unit(const MorrisAxis& a, double x) {
  if (a.log) return (std::log(x) - std::log(a.from)) / (std::log(a.to) - std::log(a.from));
  return (x - a.from) / (a.to - a.from);
}

// A draw in 0 .. n-1 from the engine's raw output (the standard fixes mt19937_64's sequence, not the
// distributions', so this keeps the design the same with every standard library; the bias is below 1e-17).
std::size_t below(std::mt19937_64& g, std::size_t n) { return static_cast<std::size_t>(g() % n); }

}  // namespace

MorrisDesign morris_design(const std::vector<MorrisAxis>& axes, std::size_t trajectories, int levels, std::uint64_t seed) {
  if (levels < 2 || levels % 2) throw sim::InputError("morris design", 0, "levels", std::to_string(levels), "an even number >= 2");
  if (trajectories < 1) throw sim::InputError("morris design", 0, "trajectories", "0", "1 or more");
  const std::size_t k = axes.size();
  const double step = 1.0 / (levels - 1), delta = levels / (2.0 * (levels - 1));
  const auto starts = static_cast<std::size_t>(levels / 2);  // base levels 0 .. 1 - delta, so +delta stays in [0, 1]
  std::mt19937_64 g(seed);
  MorrisDesign d{trajectories, k, {}};
  for (std::size_t t = 0; t < trajectories; ++t) {
    std::vector<double> u(k);
    for (auto& x : u) x = static_cast<double>(below(g, starts)) * step;
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[below(g, i)]);  // Fisher-Yates
    auto emit = [&] {
      std::vector<double> p(k);
      for (std::size_t i = 0; i < k; ++i) p[i] = to_axis(axes[i], u[i]);
      d.points.push_back(p);
    };
    emit();
    for (std::size_t i : order) {
      u[i] += delta;
      emit();
    }
  }
  return d;
}

std::vector<MorrisEffect> morris_effects(const MorrisDesign& d, const std::vector<MorrisAxis>& axes,
                                         const std::vector<double>& y) {
  const std::size_t k = d.axes;
  std::vector<std::vector<double>> ee(k);
  for (std::size_t t = 0; t < d.trajectories; ++t)
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t a = t * (k + 1) + s, b = a + 1;
      for (std::size_t i = 0; i < k; ++i) {  // the one axis that moved between a and b
        const double du = to_unit(axes[i], d.points[b][i]) - to_unit(axes[i], d.points[a][i]);
        if (std::fabs(du) > 1e-9) ee[i].push_back((y[b] - y[a]) / du);
      }
    }
  std::vector<MorrisEffect> out;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (const auto& e : ee) {
    double sum = 0, abs_sum = 0;
    long n = 0;
    for (double x : e)
      if (!std::isnan(x)) sum += x, abs_sum += std::fabs(x), ++n;
    const double mu = n ? sum / static_cast<double>(n) : kNaN;
    double ss = 0;
    for (double x : e)
      if (!std::isnan(x)) ss += (x - mu) * (x - mu);
    out.push_back({mu, n ? abs_sum / static_cast<double>(n) : kNaN, n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : kNaN});
  }
  return out;
}

std::vector<std::vector<std::vector<MorrisEffect>>> sweep_morris(const MorrisDesign& d, const std::vector<MorrisAxis>& axes,
                                                                 const std::vector<models::Results>& points) {
  const auto& defs = models::kpi_table();
  const std::size_t variants = points.empty() ? 0 : points.front().variants.size();
  std::vector<std::vector<std::vector<MorrisEffect>>> out(variants, std::vector<std::vector<MorrisEffect>>(defs.size()));
  for (std::size_t v = 0; v < variants; ++v)
    for (std::size_t k = 0; k < defs.size(); ++k) {
      std::vector<double> y;
      for (const auto& r : points) y.push_back(sim::summarise(horizon_values(r, v, static_cast<int>(k), v > 0)).mean);
      out[v][k] = morris_effects(d, axes, y);
    }
  return out;
}

}  // namespace yjsim::analysis

#include "analysis/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/summary.h"

namespace yjsim::analysis {

using namespace models;

std::vector<double> horizon_values(const Results& r, std::size_t variant, int kpi, bool diff) {
  const auto& def = kpi_table()[static_cast<std::size_t>(kpi)];
  const auto years = static_cast<std::size_t>(r.calendar.years());
  auto total = [&](std::size_t v, int k) {
    std::vector<double> out(static_cast<std::size_t>(r.replicates), 0.0);
    for (std::size_t y = 0; y < years; ++y) {
      const auto vals = r.values(v, k, y, true);
      for (std::size_t i = 0; i < out.size(); ++i) out[i] += vals[i];
    }
    return out;
  };
  auto value = [&](std::size_t v) {
    if (def.yearly == Yearly::Ratio) {
      auto num = total(v, def.numerator);
      const auto den = total(v, def.denominator);
      for (std::size_t i = 0; i < num.size(); ++i)
        num[i] = den[i] > 0 ? num[i] / den[i] * def.scale : std::numeric_limits<double>::quiet_NaN();
      return num;
    }
    auto t = total(v, kpi);
    if (def.yearly == Yearly::MeanOfMonths)
      for (auto& x : t) x /= static_cast<double>(std::max<std::size_t>(years, 1));
    return t;
  };
  auto out = value(variant);
  if (diff) {
    const auto base = value(0);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] -= base[i];
  }
  return out;
}

std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = mean_rank;
    i = j + 1;
  }
  return r;
}

namespace {
// Inverse of a small symmetric positive definite matrix by Gauss-Jordan; false if singular.
bool invert(std::vector<std::vector<double>>& a) {
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    if (std::fabs(a[pivot][c]) < 1e-12) return false;
    std::swap(a[c], a[pivot]);
    std::swap(inv[c], inv[pivot]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) {
      a[c][k] /= d;
      inv[c][k] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) {
        a[r][k] -= f * a[c][k];
        inv[r][k] -= f * inv[c][k];
      }
    }
  }
  a = inv;
  return true;
}
}  // namespace

std::vector<double> prcc(const std::vector<std::vector<double>>& x, const std::vector<double>& y) {
  const std::size_t n = y.size(), k = x.empty() ? 0 : x[0].size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> out(k, nan);
  std::vector<std::size_t> keep;  // points where y is defined
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(y[i])) keep.push_back(i);
  if (keep.size() < k + 3) return out;
  // Ranked columns: the parameters, then y.
  std::vector<std::vector<double>> cols(k + 1);
  for (std::size_t j = 0; j <= k; ++j) {
    std::vector<double> c;
    for (auto i : keep) c.push_back(j < k ? x[i][j] : y[i]);
    cols[j] = ranks(c);
  }
  const auto m = static_cast<double>(keep.size());
  std::vector<std::vector<double>> corr(k + 1, std::vector<double>(k + 1));
  std::vector<double> mean(k + 1), sd(k + 1);
  for (std::size_t j = 0; j <= k; ++j) {
    mean[j] = std::accumulate(cols[j].begin(), cols[j].end(), 0.0) / m;
    double ss = 0;
    for (double v : cols[j]) ss += (v - mean[j]) * (v - mean[j]);
    sd[j] = std::sqrt(ss);
  }
  for (std::size_t a = 0; a <= k; ++a)
    for (std::size_t b = 0; b <= k; ++b) {
      double s = 0;
      for (std::size_t i = 0; i < keep.size(); ++i) s += (cols[a][i] - mean[a]) * (cols[b][i] - mean[b]);
      corr[a][b] = sd[a] > 0 && sd[b] > 0 ? s / (sd[a] * sd[b]) : (a == b ? 1.0 : 0.0);
    }
  // A tiny ridge keeps a perfect rank relation (PRCC = +-1, e.g. a monotone response to one parameter) invertible.
  for (std::size_t j = 0; j <= k; ++j) corr[j][j] += 1e-9;
  if (sd[k] == 0 || !invert(corr)) return out;
  // The partial correlation of parameter j and y given the rest: -P_jy / sqrt(P_jj P_yy), P = inverse.
  for (std::size_t j = 0; j < k; ++j)
    if (sd[j] > 0) out[j] = -corr[j][k] / std::sqrt(corr[j][j] * corr[k][k]);
  return out;
}

SweepSensitivity sweep_sensitivity(const input::Sweep& s, const std::vector<Results>& pts) {
  const auto& defs = kpi_table();
  SweepSensitivity out(s.base.variants.size(), std::vector<std::vector<double>>(defs.size()));
  for (std::size_t v = 0; v < s.base.variants.size(); ++v)
    for (std::size_t k = 0; k < defs.size(); ++k) {
      std::vector<double> y;
      for (const auto& r : pts) y.push_back(sim::summarise(horizon_values(r, v, static_cast<int>(k), v > 0)).mean);
      out[v][k] = prcc(s.points, y);
    }
  return out;
}

}  // namespace yjsim::analysis

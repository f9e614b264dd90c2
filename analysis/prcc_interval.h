#pragma once
// Confidence intervals of a partial rank correlation (issue 16): Fisher's z transform, atanh(r), is close to
// normal with standard error 1 / sqrt(n - 3 - k) for a correlation controlling for k other variables (here the
// other axes: k = axes - 1). The interval is tanh(z -+ q se), q the normal quantile of the level.
#include <cstddef>

namespace yjsim::analysis {

struct Interval {
  double low, high;  // NaN when undefined (r undefined, or n - 3 - k < 1)
};

Interval prcc_interval(double r, std::size_t points, std::size_t axes, double level = 0.90);

}  // namespace yjsim::analysis

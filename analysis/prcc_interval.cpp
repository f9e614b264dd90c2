#include "analysis/prcc_interval.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

namespace yjsim::analysis {

Interval prcc_interval(double r, std::size_t points, std::size_t axes, double level) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const double dof = static_cast<double>(points) - 3.0 - (axes > 0 ? static_cast<double>(axes - 1) : 0.0);
  if (std::isnan(r) || dof < 1) return {kNaN, kNaN};
  if (std::fabs(r) >= 1) return {r, r};  // a perfect rank correlation: atanh is infinite, the interval a point
  const double q = boost::math::quantile(boost::math::normal(), 0.5 + level / 2);
  const double z = std::atanh(r), se = 1.0 / std::sqrt(dof);
  return {std::tanh(z - q * se), std::tanh(z + q * se)};
}

}  // namespace yjsim::analysis

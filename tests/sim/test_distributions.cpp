#include <doctest/doctest.h>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/geometric.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cstdint>
#include <vector>

#include "sim/distributions.h"
#include "sim/random.h"

using namespace yjsim::sim;

// Inversion must return the smallest k with CDF(k) > u, as Boost.Math defines the distribution.
TEST_CASE("geometric0 is the inverse of Boost.Math's geometric CDF") {
  for (double mean : {0.8, 4.0, 10.0}) {
    const boost::math::geometric_distribution<double> g(1.0 / (1.0 + mean));
    for (int i = 1; i < 1000; ++i) {
      const double u = i / 1000.0;
      const long k = geometric0(u, mean);
      CHECK(boost::math::cdf(g, static_cast<double>(k)) > u - 1e-12);
      if (k > 0) CHECK(boost::math::cdf(g, static_cast<double>(k - 1)) <= u + 1e-12);
    }
  }
  CHECK(geometric0(0.999, 0.0) == 0);
}

TEST_CASE("poisson is the inverse of Boost.Math's Poisson CDF") {
  for (double mean : {0.01, 1.0, 7.5}) {
    const boost::math::poisson_distribution<double> P(mean);
    for (int i = 0; i < 1000; ++i) {
      const double u = (i + 0.5) / 1000.0;
      const long k = poisson(u, mean);
      CHECK(boost::math::cdf(P, static_cast<double>(k)) > u - 1e-12);
      if (k > 0) CHECK(boost::math::cdf(P, static_cast<double>(k - 1)) <= u + 1e-12);
    }
  }
}

TEST_CASE("exponential1 and standard_normal match Boost.Math quantiles") {
  const boost::math::exponential_distribution<double> e(1.0);
  for (double u : {0.0, 0.1, 0.5, 0.9, 0.999999})
    CHECK(exponential1(u) == doctest::Approx(boost::math::quantile(e, u)).epsilon(1e-12));
  CHECK(standard_normal(0.5) == doctest::Approx(0.0).epsilon(1e-15));
  CHECK(standard_normal(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-12));
}

TEST_CASE("categorical and uniform_int cover exactly their ranges") {
  const std::vector<double> probs{0.2, 0.0, 0.8};
  CHECK(categorical(0.0, probs) == 0);
  CHECK(categorical(0.19999, probs) == 0);
  CHECK(categorical(0.2, probs) == 2);  // a category of probability 0 is never drawn
  CHECK(categorical(0.99999, probs) == 2);
  std::vector<int> seen(10, 0);
  for (int i = 0; i < 1000; ++i) ++seen[static_cast<std::size_t>(uniform_int(i / 1000.0, 3, 12) - 3)];
  for (int n : seen) CHECK(n == 100);
}

TEST_CASE("floor_log1p_ratio is floor(log1p(-u) / d) bit for bit, at the integer boundaries too") {
  long checked = 0, quick_alone_wrong = 0;
  for (double d : {std::log1p(-0.02), std::log1p(-0.2), -1.7, std::log1p(-1e-6)}) {
    std::vector<double> us;
    for (int i = 0; i < 2000; ++i)
      us.push_back(unit(0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(i + 1)));
    for (int k = 0; k < 400; ++k) {  // u where the quotient is k: and its neighbours on the 2^-53 grid
      const double u0 = -std::expm1(k * d);
      for (int j = -3; j <= 3; ++j) us.push_back(std::floor(u0 * 0x1.0p53 + j) * 0x1.0p-53);
      for (const double off_grid : {std::nextafter(u0, 0.0), u0, std::nextafter(u0, 1.0)}) us.push_back(off_grid);
    }
    for (const double u : us) {
      if (!(u >= 0 && u < 1)) continue;
      const double exact = std::floor(std::log1p(-u) / d);
      CHECK(floor_log1p_ratio(u, d) == exact);
      quick_alone_wrong += std::floor(std::log(1.0 - u) / d) != exact;
      ++checked;
    }
  }
  MESSAGE("checked " << checked << ", the quick quotient alone wrong " << quick_alone_wrong);
  CHECK(quick_alone_wrong > 0);  // the boundary cases do need log1p
}

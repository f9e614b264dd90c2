#include <doctest/doctest.h>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/geometric.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <vector>

#include "sim/distributions.h"

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

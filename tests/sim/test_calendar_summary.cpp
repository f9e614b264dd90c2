#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/calendar.h"
#include "sim/summary.h"

using namespace yjsim::sim;

TEST_CASE("months, quarters and periods") {
  const auto start = YearMonth::parse("2018-04");
  REQUIRE(start);
  CHECK(start->plus(9).iso() == "2019-01");
  CHECK(start->plus(-4).iso() == "2017-12");
  CHECK(start->quarter_label() == "2018-Q2");
  CHECK_FALSE(YearMonth::parse("2018-13"));
  CHECK_FALSE(YearMonth::parse("18-04"));
  const Calendar cal(*start, 48);
  CHECK(cal.periods() == 16);
  CHECK(cal.years() == 4);
  CHECK(cal.period(3).label == "2019-Q1");
  const Calendar partial(*start, 7);
  CHECK(partial.periods() == 3);
  CHECK(partial.period(2).last_month == 6);
  CHECK(Calendar(*start, 0).periods() == 0);
}

TEST_CASE("percentiles are type 7 and NaN is left out") {
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  const auto s = summarise(v);
  CHECK(s.mean == 6);
  CHECK(s.p50 == 6);
  CHECK(s.p5 == doctest::Approx(1.5));
  CHECK(s.p95 == doctest::Approx(10.5));
  const std::vector<double> w{NAN, 2, 4};
  CHECK(summarise(w).mean == 3);
  CHECK(summarise(w).defined == 2);
  CHECK(s.sd == doctest::Approx(std::sqrt(11.0)));  // 1..11: variance n(n+1)/12 = 11
  CHECK(summarise(w).sd == doctest::Approx(std::sqrt(2.0)));
  CHECK(summarise(std::vector<double>{7}).sd == 0);
  const std::vector<double> none{NAN, NAN};
  CHECK(std::isnan(summarise(none).mean));
  CHECK(share_negative(std::vector<double>{-1, 0, 1, -2}) == 0.5);
}

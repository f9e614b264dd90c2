// MODEL.md §6.2 on hand-built histories.
#include <doctest/doctest.h>

#include "fixture.h"

using namespace yjsim::models;
using yjsim::test::Lab;

namespace {
// A child with an index event (a YC) in month m; then offences committed in `commit` proven in `proof`.
std::int64_t reoffences_counted(long m, long commit, long proof) {
  Lab lab(default_params());
  auto pm = lab.at(0, m, 15 * 12);
  Record& r = pm.ensure_rec();
  formal_outcome(*lab.c, pm, r, Formal::YC, {{static_cast<std::int32_t>(m), 1}});
  index_event(*lab.c, pm, r);
  auto later = lab.at(0, proof, 15 * 12 + (proof - m));
  formal_outcome(*lab.c, later, r, Formal::Conviction, {{static_cast<std::int32_t>(commit), 3}});
  return lab.count(m / 3, Counter::reoffences);
}
}  // namespace

TEST_CASE("the reoffending window: m+1..m+12 committed, proven by m+18") {
  const long m = 4;
  CHECK(reoffences_counted(m, m, m + 1) == 0);            // committed in the index month: not a reoffence
  CHECK(reoffences_counted(m, m + 1, m + 2) == 3);        // every proven offence counts
  CHECK(reoffences_counted(m, m + 12, m + 18) == 3);      // last month of follow-up, proven at the deadline
  CHECK(reoffences_counted(m, m + 12, m + 19) == 0);      // proven too late
  CHECK(reoffences_counted(m, m + 13, m + 14) == 0);      // committed after the 12 months
}

TEST_CASE("a child in two quarters' cohorts has a reoffence counted in both - reoffenders once per cohort") {
  Lab lab(default_params());
  Record* r = nullptr;
  for (long m : {1L, 4L}) {  // index events in periods 0 and 1
    auto pm = lab.at(0, m, 14 * 12 + m);
    r = &pm.ensure_rec();
    formal_outcome(*lab.c, pm, *r, Formal::YC, {{static_cast<std::int32_t>(m), 1}});
    index_event(*lab.c, pm, *r);
  }
  auto pm = lab.at(0, 9, 14 * 12 + 9);
  formal_outcome(*lab.c, pm, *r, Formal::Conviction, {{6, 2}, {7, 1}});
  CHECK(lab.count(0, Counter::cohort) == 1);
  CHECK(lab.count(1, Counter::cohort) == 1);
  // The second index event's own offence (committed in month 4) is a reoffence for the first cohort.
  CHECK(lab.count(0, Counter::reoffences) == 1 + 3);
  CHECK(lab.count(1, Counter::reoffences) == 3);
  CHECK(lab.count(0, Counter::reoffenders) == 1);
  CHECK(lab.count(1, Counter::reoffenders) == 1);
}

TEST_CASE("only the first index event in a quarter enters the cohort - adults never do") {
  Lab lab(default_params());
  auto pm = lab.at(0, 3, 15 * 12);
  Record& r = pm.ensure_rec();
  index_event(*lab.c, pm, r);
  auto pm2 = lab.at(0, 5, 15 * 12 + 2);
  index_event(*lab.c, pm2, r);
  CHECK(lab.count(1, Counter::cohort) == 1);
  auto adult = lab.at(0, 6, 18 * 12);
  index_event(*lab.c, adult, r);
  CHECK(lab.count(2, Counter::cohort) == 0);
}

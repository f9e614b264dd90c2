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
  index_event(*lab.c, pm, r, IndexDisposal::caution);
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
    index_event(*lab.c, pm, *r, IndexDisposal::caution);
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
  index_event(*lab.c, pm, r, IndexDisposal::caution);
  auto pm2 = lab.at(0, 5, 15 * 12 + 2);
  index_event(*lab.c, pm2, r, IndexDisposal::caution);
  CHECK(lab.count(1, Counter::cohort) == 1);
  auto adult = lab.at(0, 6, 18 * 12);
  index_event(*lab.c, adult, r, IndexDisposal::caution);
  CHECK(lab.count(2, Counter::cohort) == 0);
}

TEST_CASE("breakdowns: a hand-built history puts each index event in its disposal, previous-offence, sex and age cell") {
  Lab lab(default_params());
  auto pm = lab.at(0, 1, 14 * 12 + 6);  // 14: the 10-14 band
  Record& r = pm.ensure_rec();
  // First a YC proving 2 offences: previous offences 0 (its own are excluded).
  formal_outcome(*lab.c, pm, r, Formal::YC, {{1, 2}});
  index_event(*lab.c, pm, r, IndexDisposal::caution);
  CHECK(lab.cell(0, "index_disposal", 0, 0) == 1);
  CHECK(lab.cell(0, "previous_offences", 0, 0) == 1);
  CHECK(lab.cell(0, "sex", 0, 0) == 1);
  CHECK(lab.cell(0, "age_at_index", 0, 0) == 1);
  // Next quarter, aged 15: an RO for 3 more offences: 2 previous (class 1-2), 15-17 band.
  auto pm2 = lab.at(0, 4, 15 * 12);
  formal_outcome(*lab.c, pm2, r, Formal::Conviction, {{3, 3}});
  index_event(*lab.c, pm2, r, IndexDisposal::referral_order);
  CHECK(lab.cell(1, "index_disposal", 0, 2) == 1);
  CHECK(lab.cell(1, "previous_offences", 0, 1) == 1);
  CHECK(lab.cell(1, "age_at_index", 0, 1) == 1);
  // The RO's 3 offences (committed in month 3) are reoffences of the first cohort, in its cells: committed in
  // follow-up month 2 (index month 1), a reoffender once.
  CHECK(lab.cell(0, "index_disposal", 2, 0) == 3);
  CHECK(lab.cell(0, "index_disposal", 1, 0) == 1);
  CHECK(lab.cell(0, "previous_offences", 2, 0) == 3);
  CHECK(lab.cell(0, "reoffence_month", 0, 1) == 3);
  // A release two quarters later: previous offences are all 5 proven before it (class 3-6).
  auto pm3 = lab.at(0, 8, 15 * 12 + 4);
  index_event(*lab.c, pm3, r, IndexDisposal::custody_release);
  CHECK(lab.cell(2, "index_disposal", 0, 4) == 1);
  CHECK(lab.cell(2, "previous_offences", 0, 2) == 1);
  CHECK(previous_offences_class(0) == 0);
  CHECK(previous_offences_class(2) == 1);
  CHECK(previous_offences_class(7) == 3);
  CHECK(previous_offences_class(11) == 4);
}

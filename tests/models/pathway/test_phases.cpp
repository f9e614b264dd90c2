// Single phases on hand-built people: shares and means against the parameters, within k standard errors.
#include <doctest/doctest.h>

#include <cmath>

#include "fixture.h"

using namespace yjsim::models;
using yjsim::test::k_sigma;
using yjsim::test::Lab;

namespace {
Params defaults() { return default_params(); }
constexpr std::size_t kN = 200000;
}  // namespace

TEST_CASE("first detections follow the 'none' outcome table - charges get the geometric court delay") {
  Lab lab(defaults(), kN);
  long charged = 0, remanded = 0;
  double delay_sum = 0;
  for (std::size_t id = 0; id < kN; ++id) {
    auto pm = lab.at(id, 0, 14 * 12);
    police_outcome(*lab.c, pm, Detected{1, 1, false});
    if (const Record* r = pm.rec(); r && !r->pending.empty()) {
      ++charged;
      delay_sum += r->pending[0].court_month - 0;
      remanded += r->pending[0].remanded_at_charge;
    }
  }
  const auto& none = lab.p.outcome.none;
  auto check_share = [&](double observed, double p, double n) {
    CHECK(std::fabs(observed / n - p) <= k_sigma() * std::sqrt(p * (1 - p) / n));
  };
  check_share(static_cast<double>(lab.count(0, Counter::youth_cautions)), none[2], kN);
  check_share(static_cast<double>(lab.count(0, Counter::youth_conditional_cautions)), none[3], kN);
  check_share(static_cast<double>(charged), none[4], kN);
  // First time entrants: every YC or YCC here is the child's first formal outcome.
  CHECK(lab.count(0, Counter::fte) == lab.count(0, Counter::youth_cautions) + lab.count(0, Counter::youth_conditional_cautions));
  CHECK(lab.count(0, Counter::fte_caution_first) == lab.count(0, Counter::fte));
  // Delay D >= 1, geometric with mean 5: variance mean(mean-1) = 20.
  const double mean = lab.p.court.mean_delay_months, n = static_cast<double>(charged);
  CHECK(std::fabs(delay_sum / n - mean) <= k_sigma() * std::sqrt(mean * (mean - 1) / n));
  check_share(static_cast<double>(remanded), lab.p.court.ryda[0], n);
}

TEST_CASE("serious cases are always charged - all charges have a court date after this month") {
  Lab lab(defaults(), 5000);
  for (std::size_t id = 0; id < 5000; ++id) {
    auto pm = lab.at(id, 0, 15 * 12);
    police_outcome(*lab.c, pm, Detected{1, 1, true});
    REQUIRE(pm.rec());
    REQUIRE(pm.rec()->pending.size() == 1);
    CHECK(pm.rec()->pending[0].court_month >= 1);
  }
  CHECK(lab.count(0, Counter::fte) == 0);
}

TEST_CASE("a DTO keeps the child in custody for exactly half the term, then licence for the other half") {
  Params p = defaults();
  p.court.sentence_first = {0, 0, 0, 1, 0};
  p.court.acquittal = 0;
  for (std::size_t k = 0; k < 7; ++k) {
    p.court.dto_weights = {0, 0, 0, 0, 0, 0, 0};
    p.court.dto_weights[k] = 1;
    Lab lab(p);
    const long t = 5, term = static_cast<long>(p.court.dto_terms[k]);
    auto pm = lab.at(0, t, 15 * 12);
    Record& r = pm.ensure_rec();
    r.pending.push_back(Case{static_cast<std::int32_t>(t), 0, false, false, {{2, 1}}});
    court(*lab.c, pm);
    CHECK(r.in_custody);
    CHECK(r.release_month == t + term / 2);
    CHECK(lab.count(1, Counter::custodial_sentences) == 1);
    CHECK(lab.count(1, Counter::cohort) == 0);  // custody: the index event is the release
    auto later = lab.at(0, t + term / 2, 15 * 12 + term / 2);
    release_from_custody(*lab.c, later);
    CHECK_FALSE(r.in_custody);
    CHECK(r.licence_end == t + term / 2 + term / 2 - 1);
    CHECK(r.released_ever);
  }
}

TEST_CASE("sentence shares follow the first-conviction table") {
  Params p = defaults();
  p.court.acquittal = 0;
  p.court.custody_age_rr.fill(1);  // the table itself (the age and conviction ratios: the next test)
  p.court.custody_conviction_rr = 1;
  Lab lab(p, kN);
  long ro = 0;
  for (std::size_t id = 0; id < kN; ++id) {
    auto pm = lab.at(id, 0, 15 * 12);
    Record& r = pm.ensure_rec();
    r.pending.push_back(Case{0, 0, false, false, {{0, 1}}});
    court(*lab.c, pm);
    ro += r.ro_end >= 0;
  }
  const double q = p.court.sentence_first[1];
  CHECK(std::fabs(static_cast<double>(ro) / kN - q) <= k_sigma() * std::sqrt(q * (1 - q) / kN));
  const double c = p.court.sentence_first[3] + p.court.sentence_first[4];
  const double cust = static_cast<double>(lab.count(0, Counter::custodial_sentences));
  CHECK(std::fabs(cust / kN - c) <= k_sigma() * std::sqrt(c * (1 - c) / kN));
}

TEST_CASE("custodial shares are scaled by age and previous convictions, the row renormalised") {
  // court.custody_age_rr at the age in whole years at sentence, court.custody_conviction_rr per previous
  // conviction (at most 10): custody share c becomes c*rr / (c*rr + 1 - c).
  Params p = defaults();
  p.court.acquittal = 0;
  p.court.sentence_first = p.court.sentence_repeat = {0.2, 0.3, 0.3, 0.15, 0.05};
  p.court.custody_age_rr = {1, 1, 1, 1, 1, 0.5, 1, 3};
  p.court.custody_conviction_rr = 1.5;
  const double c = 0.2;
  struct Row {
    long age_months;
    std::uint8_t convictions;
    double rr;
  };
  const Row rows[] = {{15 * 12 + 11, 0, 0.5}, {17 * 12, 2, 3 * 1.5 * 1.5}, {16 * 12, 12, std::pow(1.5, 10)}};
  for (const Row& row : rows) {
    Lab lab(p, kN);
    for (std::size_t id = 0; id < kN; ++id) {
      auto pm = lab.at(id, 0, row.age_months);
      Record& r = pm.ensure_rec();
      r.convictions = row.convictions;
      r.pending.push_back(Case{0, 0, false, false, {{0, 1}}});
      court(*lab.c, pm);
    }
    const double q = c * row.rr / (c * row.rr + 1 - c);
    const double cust = static_cast<double>(lab.count(0, Counter::custodial_sentences));
    INFO("age " << row.age_months / 12 << ", " << int(row.convictions) << " convictions: share " << cust / kN);
    CHECK(std::fabs(cust / kN - q) <= k_sigma() * std::sqrt(q * (1 - q) / kN));
  }
}

TEST_CASE("a remand ends in bail with the monthly probability") {
  Lab lab(defaults(), kN);
  long bailed = 0;
  for (std::size_t id = 0; id < kN; ++id) {
    auto pm = lab.at(id, 3, 15 * 12);
    Record& r = pm.ensure_rec();
    r.pending.push_back(Case{10, 2, true, true, {{2, 1}}});
    remand_bail(*lab.c, pm);
    bailed += !r.remanded();
  }
  const double q = lab.p.court.remand_bail_monthly;
  CHECK(std::fabs(static_cast<double>(bailed) / kN - q) <= k_sigma() * std::sqrt(q * (1 - q) / kN));
}

TEST_CASE("remand credit: custody served is the term's custodial half less the months on remand, at least one") {
  Params p = defaults();
  p.court.sentence_remanded = {0, 0, 0, 1, 0};
  p.court.acquittal_remanded = 0;
  p.court.dto_weights = {0, 0, 0, 0, 0, 1, 0};  // an 18-month DTO: 9 months in custody
  p.court.remand_credit = 1;
  const long t = 12;
  struct Row {
    std::int32_t charge;
    bool still_on_remand;
    std::int32_t bail;
    long served;
  };
  // Remanded from month 8 to sentence (4 month ends); bailed in month 10 (2); remanded since month 0 (12: floor 1).
  for (const Row& row : {Row{8, true, 0, 5}, Row{8, false, 10, 7}, Row{0, true, 0, 1}}) {
    CAPTURE(row.charge);
    Lab lab(p);
    auto pm = lab.at(0, t, 16 * 12);
    Record& r = pm.ensure_rec();
    Case k{static_cast<std::int32_t>(t), row.charge, true, row.still_on_remand, {{row.charge, 1}}};
    k.bail_month = row.bail;
    r.pending.push_back(k);
    court(*lab.c, pm);
    REQUIRE(r.in_custody);
    CHECK(r.release_month == t + row.served);
    CHECK(r.licence_months == 9);  // the licence is the term's second half, uncredited
    CHECK(lab.count(lab.c->period(t), Counter::custodial_term_months) == 18);  // the published length is the term imposed
  }
  // Half the credit: 4 months on remand take 2 off.
  p.court.remand_credit = 0.5;
  Lab lab(p);
  auto pm = lab.at(0, t, 16 * 12);
  Record& r = pm.ensure_rec();
  r.pending.push_back(Case{static_cast<std::int32_t>(t), 8, true, true, {{8, 1}}});
  court(*lab.c, pm);
  CHECK(r.release_month == t + 7);
}

TEST_CASE("a bail records its month, which the remand credit counts to") {
  Params p = defaults();
  p.court.remand_bail_monthly = 1;
  Lab lab(p);
  auto pm = lab.at(0, 6, 15 * 12);
  Record& r = pm.ensure_rec();
  r.pending.push_back(Case{10, 2, true, true, {{2, 1}}});
  remand_bail(*lab.c, pm);
  CHECK_FALSE(r.remanded());
  CHECK(r.pending[0].bail_month == 6);
}

TEST_CASE("the persistent group: its share of children, persistent_rr times the rate, mean 1, its own career end") {
  // Degenerate elsewhere so that propensity takes exactly two values: sigma 0, girls as boys, no needs.
  Params p = defaults();
  p.offending.propensity_sigma = 0;
  p.offending.girl_rr = 1;
  p.needs.clear();
  p.offending.persistent_share = 0.1;
  p.offending.persistent_rr = 8;
  p.desistance.persistent_hazard_rr = 0;  // persistent careers never end; the others' do
  p.desistance.monthly_hazard = 0.05;
  const std::size_t n = 20000;
  Lab lab(p, n);
  const float hi = static_cast<float>(8.0 / (0.9 + 0.1 * 8)), lo = static_cast<float>(1.0 / (0.9 + 0.1 * 8));
  long persistent = 0, odd = 0;
  double mean = 0;
  for (std::size_t id = 0; id < n; ++id) {
    lab.people.birth[id] = lab.schedule.birth[id];
    enter(*lab.c, lab.people, id);
    const float z = lab.people.propensity[id];
    const bool is_hi = z == hi;
    persistent += is_hi;
    odd += !is_hi && z != lo;
    odd += is_hi != (lab.people.career_end[id] == kNever);  // only the persistent never desist
    mean += z;
  }
  CHECK(odd == 0);
  CHECK(std::fabs(static_cast<double>(persistent) - 0.1 * n) <= k_sigma() * std::sqrt(n * 0.1 * 0.9));
  CHECK(std::fabs(mean / n - 1.0) <= k_sigma() * (hi - lo) * std::sqrt(0.1 * 0.9 / n));
}

TEST_CASE("entry in batches (enter_run) gives each person the fields of entering alone") {
  // Phase by phase over batches of 32: a run of 75 from an odd start crosses batch ends; five needs flags take
  // two needs draws; the persistent group its own draw.
  Params p = defaults();
  p.needs.push_back({"fifth", 0.3, 2.0, ""});
  REQUIRE(p.needs.size() == 5);
  REQUIRE(p.offending.persistent_share > 0);
  const std::size_t n = 90;
  Lab one(p, n), run(p, n);
  for (std::size_t id = 0; id < n; ++id) one.people.birth[id] = run.people.birth[id] = one.schedule.birth[id];
  for (std::size_t id = 7; id < 82; ++id) enter(*one.c, one.people, id);
  enter_run(*run.c, run.people, 7, 82);
  long differ = 0;
  for (std::size_t id = 0; id < n; ++id)
    differ += one.people.clock[id] != run.people.clock[id] || one.people.clock_from[id] != run.people.clock_from[id] ||
              one.people.propensity[id] != run.people.propensity[id] ||
              one.people.career_end[id] != run.people.career_end[id] || one.people.wake[id] != run.people.wake[id] ||
              one.people.walk_from[id] != run.people.walk_from[id] || one.people.flags[id] != run.people.flags[id] ||
              one.people.needs[id] != run.people.needs[id] || one.people.record[id] != run.people.record[id];
  CHECK(differ == 0);
  long with_fifth = 0;
  for (std::size_t id = 7; id < 82; ++id) with_fifth += run.people.needs[id] >> 4 & 1;
  CHECK(with_fifth > 0);  // the second needs draw was read
}

TEST_CASE("schedule_next: the never_due shortcut gives the month-by-month walk's wake, at the boundary too") {
  Lab lab(defaults(), 1);
  // The specification: subtract each month's quiet rate in turn; due in the first month it would run out.
  auto walk = [&](double clock, long birth, float z) -> std::int16_t {
    for (long m = 0; m <= 65 && m < birth + kExitAgeMonths; ++m) {
      const double rate = lab.d->age_rate[static_cast<std::size_t>(m - birth)] * static_cast<double>(z);
      if (clock - rate <= 0) return static_cast<std::int16_t>(m);
      clock -= rate;
    }
    return kNever;
  };
  long checked = 0, never = 0;
  for (long age : {120L, 150L, 200L, 250L}) {
    for (float z : {0.05f, 1.0f, 7.5f}) {
      const long birth = -age;
      double total = 0;  // the walk's own sum over the whole range
      for (long m = 0; m <= 65 && m < birth + kExitAgeMonths; ++m)
        total += lab.d->age_rate[static_cast<std::size_t>(m - birth)] * static_cast<double>(z);
      for (double clock :
           {total * 0.5, total * (1 - 1e-12), total, std::nextafter(total, 0.0), std::nextafter(total, 1e9),
            total * (1 + 1e-12), total * (1 + 1e-8), total * 2, total * 1e3}) {
        lab.at(0, 0, age);
        lab.people.propensity[0] = z;
        lab.people.clock[0] = clock;
        schedule_next(*lab.c, lab.people, 0, 0);
        CHECK(lab.people.wake[0] == walk(clock, birth, z));
        never += lab.people.wake[0] == kNever;
        ++checked;
      }
    }
  }
  CHECK(never > checked / 4);  // the shortcut's cases are among them
}

TEST_CASE("detection.past_rr scales the detection probability in each year before the start") {
  Params p = defaults();
  p.detection.past_rr = {1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.4, 2.6};
  Lab lab(p, kN);
  // month 0 and later: the probability itself; months -12..-1: year 1 before; -24..-13: year 2; year 8 and earlier
  for (const auto& [t, ratio] : std::vector<std::pair<long, double>>{{0, 1.0}, {30, 1.0}, {-1, 1.2}, {-12, 1.2},
                                                                     {-13, 1.4}, {-96, 2.6}, {-200, 2.6}}) {
    double incidents = 0, detected = 0;
    for (std::size_t id = 0; id < kN; ++id) {
      auto pm = lab.at(id, t, 15 * 12);
      lab.people.clock[id] = 0;  // an offence this month
      const Detected d = offend_and_detect(*lab.c, pm);
      incidents += static_cast<double>(d.incidents);
      detected += static_cast<double>(d.detected);
    }
    const double q = p.detection.probability * ratio;
    CAPTURE(t);
    CHECK(std::fabs(detected / incidents - q) <= k_sigma() * std::sqrt(q * (1 - q) / incidents));
  }
}

TEST_CASE("split cases: a charge of two or more offences is split with court.split_share, the later part after a geometric gap") {
  Params p = defaults();
  p.outcome.none = {0, 0, 0, 0, 1};  // every first detection charged
  p.court.ryda = {0, 0, 0};
  p.detection.extra_offences_mean = 0;  // three detected incidents: three offences
  p.court.split_share = 0.3;
  p.court.split_delay_months = 0.7;
  Lab lab(p, kN);
  long split = 0, single_split = 0;
  double gap_sum = 0;
  for (std::size_t id = 0; id < kN; ++id) {
    auto pm = lab.at(id, 0, 14 * 12);
    police_outcome(*lab.c, pm, Detected{3, 3, false});
    const Record& r = *pm.rec();
    REQUIRE((r.pending.size() == 1 || r.pending.size() == 2));
    if (r.pending.size() == 2) {
      ++split;
      CHECK_FALSE(r.pending[0].later_part);
      CHECK(r.pending[1].later_part);
      CHECK(r.pending[0].offences.at(0).count == 2);  // the later part takes half, rounded down
      CHECK(r.pending[1].offences.at(0).count == 1);
      CHECK_FALSE(r.pending[1].remanded_at_charge);
      gap_sum += r.pending[1].court_month - r.pending[0].court_month;
    }
    auto one = lab.at(id, 1, 14 * 12 + 1);  // a single offence is never split
    Record& r1 = one.ensure_rec();
    r1.pending.clear();
    police_outcome(*lab.c, one, Detected{1, 1, false});
    single_split += r1.pending.size() > 1;
  }
  const double q = p.court.split_share, n = static_cast<double>(split), m = p.court.split_delay_months;
  CHECK(std::fabs(n / kN - q) <= k_sigma() * std::sqrt(q * (1 - q) / kN));
  CHECK(std::fabs(gap_sum / n - m) <= k_sigma() * std::sqrt(m * (1 + m) / n));  // geometric from 0
  CHECK(single_split == 0);
}

TEST_CASE("split cases: the later part is a second occasion in its month, sentenced from court.sentence_split, without desistance") {
  Params p = defaults();
  p.court.acquittal = 0;
  p.court.sentence_first = {0, 1, 0, 0, 0};  // the first occasion: a referral order
  p.court.sentence_split = {1, 0, 0, 0, 0};  // the later one: a discharge or fine
  p.desistance.per_outcome = 1;
  p.desistance.factor = 0.5;
  Lab lab(p);
  const long t = 4;
  auto pm = lab.at(0, t, 15 * 12);
  const float z = pm.people.propensity[0];
  Record& r = pm.ensure_rec();
  r.pending.push_back(Case{static_cast<std::int32_t>(t), 1, false, false, {{1, 2}}});
  Case later{static_cast<std::int32_t>(t), 1, false, false, {{1, 1}}};
  later.later_part = true;
  r.pending.push_back(later);
  CHECK(court(*lab.c, pm));
  CHECK(r.pending.empty());
  CHECK(lab.count(1, Counter::court_occasions) == 2);
  CHECK(lab.count(1, Counter::convictions) == 2);
  CHECK(lab.count(1, Counter::proven_offences) == 3);
  CHECK(lab.count(1, Counter::cohort) == 1);  // one index event in the quarter: the referral order
  CHECK(r.ro_end >= t);
  CHECK(r.last_sentence == Sentence::discharge_fine);
  CHECK(pm.people.propensity[0] == static_cast<float>(z * 0.5f));  // one desistance, not two
  CHECK(r.convictions == 2);
}

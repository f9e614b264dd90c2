// MODEL.md §1b step 5 and §2: offending and detection.
//
// Offences follow a Poisson process whose rate is constant within a month. Each person carries an exponential
// "clock" of unit-rate hazard: the month's rate is subtracted and every time the clock runs out an offence
// happens and a fresh Exp(1) gap is drawn (addressed by person, month and offence index). This is exactly
// Poisson(rate) offences per month, and lets a quiet person's next offence month be found once instead of
// drawing every month (schedule_next), which is what makes national runs fast.
#include <algorithm>

#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

bool busy(const Record& r, long t) {
  const long since = t - r.last_outcome;
  if (r.in_custody || !r.pending.empty() || r.ycc_end >= t || r.ro_end >= t || r.yro_end >= t ||
      r.licence_end >= t || (since >= 1 && since <= kPostEventMonths))
    return true;
  for (const auto& e : r.enrolments)
    if (e.effect_end >= t) return true;
  return false;
}

namespace {
// The part of the rate that a quiet person has: identical arithmetic in the step and in the search.
inline double quiet_rate(const Context& c, const People& people, std::size_t id, long t) {
  return c.d.age_rate[static_cast<std::size_t>(t - people.birth[id])] * static_cast<double>(people.propensity[id]);
}
}  // namespace

double offending_rate(const Context& c, const People& people, std::size_t id, long t, const Record* r) {
  const long age = t - people.birth[id];
  if (t >= people.career_end[id] || age >= kExitAgeMonths || age < kEntryAgeMonths) return 0.0;
  double rate = quiet_rate(c, people, id, t);
  if (r) {
    if (r->supervised(t)) rate *= c.p.offending.on_order_rr;
    const long since = t - r->last_outcome;
    if (since >= 1 && since <= kPostEventMonths) rate *= c.d.post[static_cast<std::size_t>(since)];
    for (const auto& e : r->enrolments)  // MODEL.md §8: while active and for persist_months after
      if (t >= e.start && t <= e.effect_end) rate *= c.effects->rr[e.intervention];
  }
  return rate;
}

namespace {
// Whether a quiet person certainly has no offence in months [from, end] with `left` on the clock: the hazard
// of the months, from the prefix sums of age_rate, is below `left` by more than any rounding of the
// month-by-month subtraction could make up (n months of relative error 2^-53 each: below 1e-13 of the sum;
// the margin is 1e-9). Near the boundary it answers false, and the walk decides exactly.
bool never_due(const Context& c, const People& people, std::size_t id, long from, long end, double left) {
  const auto lo = static_cast<std::size_t>(from - people.birth[id]),
             hi = static_cast<std::size_t>(end + 1 - people.birth[id]);
  const double z = static_cast<double>(people.propensity[id]);
  const double hazard = z * (c.d.age_rate_sum[hi] - c.d.age_rate_sum[lo]);
  return left - hazard > 1e-9 * (left + z * c.d.age_rate_sum[hi]);
}
}  // namespace

void schedule_next(const Context& c, People& people, std::size_t id, long from) {
  // The clock is kept both at `from` and at the wake month: waking on time needs no more work, and waking
  // someone early (an enrolment) repeats exactly these subtractions from `from` (advance_clock).
  people.walk_from[id] = static_cast<std::int16_t>(std::min<long>(from, kNever));
  double left = people.clock[id];
  people.clock_from[id] = left;
  const long stop = from <= c.walk_stop ? c.walk_stop : kNever;
  const long end = std::min({c.last_month, static_cast<long>(people.career_end[id]) - 1,
                             static_cast<long>(people.birth[id]) + kExitAgeMonths - 1});
  if (stop > end && from <= end && never_due(c, people, id, from, end, left)) {
    // Never due: the walk would end with wake kNever. Its clock is not read (advance_clock starts again from
    // clock_from when someone is woken early), so it keeps `left` rather than the walk's remainder.
    people.wake[id] = kNever;
    return;
  }
  for (long m = from; m <= end; ++m) {
    if (m == stop) break;
    const double rate = quiet_rate(c, people, id, m);
    if (left - rate <= 0) {
      people.wake[id] = static_cast<std::int16_t>(m);
      people.clock[id] = left;
      return;
    }
    left -= rate;
  }
  people.clock[id] = left;
  people.wake[id] = stop <= end ? static_cast<std::int16_t>(stop) : kNever;
}

void advance_clock(const Context& c, People& people, std::size_t id, long t) {
  if (people.wake[id] == t) {  // woken on time (or stepped every month): the clock is already at t
    people.walk_from[id] = static_cast<std::int16_t>(t);
    return;
  }
  const long end = std::min({static_cast<long>(people.career_end[id]), static_cast<long>(people.birth[id]) + kExitAgeMonths});
  double left = people.clock_from[id];
  for (long m = people.walk_from[id]; m < t && m < end; ++m) left -= quiet_rate(c, people, id, m);
  people.clock[id] = left;
  people.walk_from[id] = static_cast<std::int16_t>(t);
}

Detected offend_and_detect(const Context& c, PersonMonth& pm) {
  Detected d;
  const Record* r = pm.rec();
  if (r && (r->in_custody || r->remanded())) return d;  // incapacitation (MODEL.md §2)
  const double rate = offending_rate(c, pm.people, pm.id, pm.t, r);
  double left = pm.people.clock[pm.id] - rate;
  constexpr std::uint64_t kMaxOffences = 100000;  // a guard, far above any plausible month
  for (std::uint64_t j = 0; left <= 0 && j < kMaxOffences; ++j) {
    const sim::Words w = c.draw(Purpose::offence, pm.id, pm.t, j);
    left += sim::exponential1(sim::unit(w[0]));
    ++d.incidents;
    if (sim::bernoulli(sim::unit(w[1]), c.d.detection_at(pm.t))) {
      ++d.detected;
      d.serious |= sim::bernoulli(sim::unit(w[2]), c.p.detection.serious_share);
    }
  }
  pm.people.clock[pm.id] = left;
  if (pm.child() && c.reported(pm.t)) pm.block.tally.add(c.period(pm.t), Counter::incidents, d.incidents);
  return d;
}

}  // namespace yjsim::models

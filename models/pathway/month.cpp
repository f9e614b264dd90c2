// The month's timetable (MODEL.md §1b; docs/model.md "The month"). Every month, for everyone, in this order:
//   1. ageing, entry of 10-year-olds, exits at 25; transitions at 18 are counted;
//   2. remand: bail draws for children remanded in earlier months;
//   3. release from sentenced custody (DTO, long detention) into licence: index events;
//   4. interventions: places allocated (MODEL.md §8);
//   5. offending and detection, for everyone not in custody or on remand at this point;
//   6. police-station outcomes for the month's detected cases: cautions (index events, FTEs), charges (remand
//      draw, court date);
//   7. breaches;
//   8. court: cases whose date is this month are sentenced: convictions (index events unless custodial, FTEs),
//      custody starts;
//   9. month-end counts: custody population, caseload, population.
// Step 4 needs everyone's requests before any place is given, so with interventions the month runs in two
// sweeps over the people around it; a decision at step 6 or 8 that needs a place waits (Phase) until the places
// of that round are allocated, while everyone else's month goes on. A quiet person (no record that needs
// stepping) costs nothing until the month of their next offence (schedule_next).
#include "models/pathway/month.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "models/pathway/phases.h"
#include "sim/parallel.h"

namespace yjsim::models {

namespace {

// Steps 1-3; false if the person has left the model.
bool steps_1_to_3(const Context& c, People& people, Block& block, std::size_t id, long t) {
  PersonMonth pm{people, block, id, t, t - people.birth[id]};
  if (pm.age >= kExitAgeMonths) {  // 1. leaves the model at 25
    people.wake[id] = kNever;
    return false;
  }
  advance_clock(c, people, id, t);
  age_and_transition(c, pm);    // 1. ageing, transitions at 18
  remand_bail(c, pm);           // 2. bail for earlier remands
  release_from_custody(c, pm);  // 3. release into licence
  return true;
}

// Steps 5-9 from `from` (offending, or police_station / court when resuming after a wait for a place; `detected`
// is step 5's case when resuming at the police station). Ends by scheduling the person's next month.
void steps_5_to_9(const Context& c, People& people, Block& block, std::size_t id, long t,
                  Phase from = Phase::offending, Detected detected = {}) {
  PersonMonth pm{people, block, id, t, t - people.birth[id]};
  if (from <= Phase::offending) detected = offend_and_detect(c, pm);                 // 5. offending, detection
  if (from <= Phase::police_station && !police_outcome(c, pm, detected)) return;     // 6. police station (may wait)
  if (from <= Phase::breach) breach(c, pm);                                          // 7. breaches
  if (!court(c, pm)) return;                                                         // 8. court (may wait)
  month_end(c, pm);                                                                  // 9. month-end counts
  const Record* r = pm.rec();
  if (r && busy(*r, t + 1) && t + 1 <= c.last_month) {
    people.wake[id] = static_cast<std::int16_t>(t + 1);
    people.walk_from[id] = static_cast<std::int16_t>(t + 1);
    people.clock_from[id] = people.clock[id];
  } else {
    schedule_next(c, people, id, t + 1);
  }
}

#if defined(__SSE2__)
// Whether any of wake[0, 32) is month t: four compares of eight 16-bit lanes (SSE2, in every x86-64).
bool any_due32(const std::int16_t* wake, std::int16_t t) {
  const __m128i month = _mm_set1_epi16(t);
  const auto lanes = [&](int k) {
    return _mm_cmpeq_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(wake + 8 * k)), month);
  };
  const __m128i hit = _mm_or_si128(_mm_or_si128(lanes(0), lanes(1)), _mm_or_si128(lanes(2), lanes(3)));
  return _mm_movemask_epi8(hit) != 0;
}
#else
// Whether any of wake[0, 32) is month t, four people per 64-bit word: a lane equal to the month becomes zero
// after the xor, and the borrow test below is exact for "any lane zero". (A plain loop of 32 compares stays
// scalar at -O2: this is most of a national run's scan.)
bool any_due32(const std::int16_t* wake, std::int16_t t) {
  const std::uint64_t months = 0x0001000100010001ULL * static_cast<std::uint16_t>(t);
  std::uint64_t hit = 0;
  for (int k = 0; k < 8; ++k) {
    std::uint64_t x;
    std::memcpy(&x, wake + 4 * k, sizeof x);
    x ^= months;
    hit |= (x - 0x0001000100010001ULL) & ~x & 0x8000800080008000ULL;
  }
  return hit != 0;
}
#endif

#if defined(__SSE2__)
// The first of wake[0, 32) that is month t, given that one is: the lanes' compare masks (two bits per
// person) in one word, whose lowest set bit is that person's. A loop over the 32 would take a mispredicted
// branch at the person, and most of a scan's time went there.
std::size_t first_due32(const std::int16_t* wake, std::int16_t t) {
  const __m128i month = _mm_set1_epi16(t);
  const auto mask = [&](int k) {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(
        _mm_cmpeq_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(wake + 8 * k)), month))));
  };
  return static_cast<std::size_t>(std::countr_zero(mask(0) | mask(1) << 16 | mask(2) << 32 | mask(3) << 48)) / 2;
}
#else
std::size_t first_due32(const std::int16_t* wake, std::int16_t t) {
  std::size_t i = 0;
  while (wake[i] != t) ++i;
  return i;
}
#endif

// First index in [i, end) whose wake month is t; most people are quiet, so test 32 at a time.
std::size_t next_due(const std::int16_t* wake, std::size_t i, std::size_t end, std::int16_t t) {
  for (; i + 32 <= end; i += 32)
    if (any_due32(wake + i, t)) return i + first_due32(wake + i, t);
  while (i < end && wake[i] != t) ++i;
  return i;
}

// f(id) for the people of [begin, end) due in month t, in order. Stepping a person starts with cache misses on
// their hot fields, their record index and their record (a national run spent a quarter of its time in
// remand_bail, the first to read the record), so the due people two ahead are found first and their fields
// prefetched, and the record of the next one, whose index has arrived by then. (Further ahead was slower.)
// Exact: f(id) changes no wake month but id's, and the scan ahead reads only later people's.
template <typename F>
void for_due(const Context& c, People& people, const Block& block, std::size_t begin, std::size_t end, long t,
             F&& f) {
  const std::size_t stop = std::min(end, static_cast<std::size_t>(c.schedule.entered(t)));
  const auto t16 = static_cast<std::int16_t>(t);
  const std::int16_t* wake = people.wake.data();
  const auto after = [&](std::size_t id) { return id < stop ? next_due(wake, id + 1, stop, t16) : stop; };
  std::size_t id = next_due(wake, begin, stop, t16), next = after(id);
  while (id < stop) {
    const std::size_t later = after(next);
    if (later < stop) {
      __builtin_prefetch(&people.record[later]), __builtin_prefetch(&people.birth[later]);
      __builtin_prefetch(&people.clock[later]), __builtin_prefetch(&people.propensity[later]);
      __builtin_prefetch(&people.career_end[later]);
    }
    if (next < stop && people.record[next] >= 0) {
      const char* r = reinterpret_cast<const char*>(block.records.data() + people.record[next]);
      __builtin_prefetch(r), __builtin_prefetch(r + 64);  // the record's hot part (person_state.h)
    }
    f(id);
    id = next, next = later;
  }
}

// 1. entry of the month's 10-year-olds (their lifelong draws; ageing.cpp).
void enter_new(const Context& c, People& people, std::size_t begin, std::size_t end, long t) {
  const auto before = static_cast<std::size_t>(c.schedule.entered(t - 1));
  const std::size_t stop = std::min(end, static_cast<std::size_t>(c.schedule.entered(t)));
  if (std::max(begin, before) < stop) enter_run(c, people, std::max(begin, before), stop);
}

// Decisions that waited for a place: the round's places are allocated, then their months go on (a resumed
// month can reach a second decision; eight rounds are more than any month needs).
template <typename EachBlock>
void resume_waiting(const Context& c, ReplicateState& st, long t, std::size_t bs, InterventionRun& run,
                    EachBlock&& each_block) {
  for (int round = 0; round < 8; ++round) {
    bool waiting = false;
    for (const auto& b : st.blocks) waiting |= !b.suspended.empty();
    if (!waiting) break;
    allocate_pathway(st, run, bs);
    each_block([&](Block& b, std::size_t, std::size_t) {
      std::vector<Suspended> resumed;
      resumed.swap(b.suspended);
      for (const auto& s : resumed) steps_5_to_9(c, st.people, b, s.id, t, s.phase, s.detected);
    });
  }
}

}  // namespace

void step_month(const Context& c, ReplicateState& st, long t, std::size_t bs, InterventionRun& run) {
  if (st.blocks.empty()) return;
  People& people = st.people;
  const auto entered = static_cast<std::size_t>(c.schedule.entered(t));
  auto each_block = [&](auto&& f) {
    sim::parallel_for_blocks(entered, bs, [&](std::size_t b, std::size_t begin, std::size_t end) {
      f(st.blocks[b], begin, end);
    });
  };
  if (!run.any) {  // no interventions: steps 1-9 for each person at once
    each_block([&](Block& b, std::size_t begin, std::size_t end) {
      enter_new(c, people, begin, end, t);
      for_due(c, people, b, begin, end, t, [&](std::size_t id) {
        if (!steps_1_to_3(c, people, b, id, t)) return;
        if (run.watch) {
          PersonMonth pm{people, b, id, t, t - people.birth[id]};
          watch_enrolment_asks(c, pm);
        }
        steps_5_to_9(c, people, b, id, t);
      });
    });
    return;
  }
  open_month(run, t);
  each_block([&](Block& b, std::size_t begin, std::size_t end) {  // steps 1-3, and the requests for places
    enter_new(c, people, begin, end, t);
    for_due(c, people, b, begin, end, t, [&](std::size_t id) {
      if (!steps_1_to_3(c, people, b, id, t)) return;
      PersonMonth pm{people, b, id, t, t - people.birth[id]};
      collect_candidates(c, pm);
    });
    if (run.any_at_risk) scan_at_risk(c, people, b, begin, end, t);
  });
  allocate_enrolments(c, st, run, t, bs);  // 4. places allocated for everyone at once
  each_block([&](Block& b, std::size_t begin, std::size_t end) {  // steps 5-9
    for_due(c, people, b, begin, end, t, [&](std::size_t id) {
      if (t - people.birth[id] < kExitAgeMonths) steps_5_to_9(c, people, b, id, t);
    });
  });
  resume_waiting(c, st, t, bs, run, each_block);
}

void step_people(const Context& c, ReplicateState& st, long t, std::size_t bs, InterventionRun& run,
                 const std::vector<std::uint32_t>& ids) {
  if (st.blocks.empty()) return;
  if (run.any_at_risk) throw std::logic_error("step_people: at_risk interventions scan everyone");
  People& people = st.people;
  const auto before = static_cast<std::size_t>(c.schedule.entered(t - 1));
  const auto stop = static_cast<std::size_t>(c.schedule.entered(t));
  const auto t16 = static_cast<std::int16_t>(t);
  auto block = [&](std::size_t id) -> Block& { return st.blocks[id / bs]; };
  auto each_due = [&](auto&& f) {  // as for_due, over `ids`
    for (const std::size_t id : ids)
      if (id < stop && people.wake[id] == t16) f(id);
  };
  for (const std::size_t id : ids)  // 1. entry (enter_new)
    if (id >= before && id < stop) enter(c, people, id);
  if (!run.any) {
    each_due([&](std::size_t id) {
      if (steps_1_to_3(c, people, block(id), id, t)) steps_5_to_9(c, people, block(id), id, t);
    });
    return;
  }
  open_month(run, t);
  each_due([&](std::size_t id) {
    if (!steps_1_to_3(c, people, block(id), id, t)) return;
    PersonMonth pm{people, block(id), id, t, t - people.birth[id]};
    collect_candidates(c, pm);
  });
  allocate_enrolments(c, st, run, t, bs);
  each_due([&](std::size_t id) {
    if (t - people.birth[id] < kExitAgeMonths) steps_5_to_9(c, people, block(id), id, t);
  });
  resume_waiting(c, st, t, bs, run, [&](auto&& f) {
    for (auto& b : st.blocks) f(b, std::size_t{0}, std::size_t{0});
  });
}

}  // namespace yjsim::models

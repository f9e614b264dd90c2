#include "models/month.h"

#include <algorithm>

namespace yjsim::models {

bool month_before_places(const Context& c, People& people, Block& block, std::size_t id, long t) {
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

void month_after_places(const Context& c, People& people, Block& block, std::size_t id, long t, int step,
                        Detected detected) {
  PersonMonth pm{people, block, id, t, t - people.birth[id]};
  if (step <= 5) detected = offend_and_detect(c, pm);           // 5. offending and detection
  if (step <= 6 && !police_outcome(c, pm, detected)) return;    // 6. police-station outcome (may wait for a place)
  if (step <= 7) breach(c, pm);                                 // 7. breaches
  if (!court(c, pm)) return;                                    // 8. court (may wait for a place)
  month_end(c, pm);                                             // 9. month-end counts
  const Record* r = pm.rec();
  if (r && busy(*r, t + 1) && t + 1 <= c.last_month) {
    people.wake[id] = static_cast<std::int16_t>(t + 1);
    people.walk_from[id] = static_cast<std::int16_t>(t + 1);
    people.clock_from[id] = people.clock[id];
  } else {
    schedule_next(c, people, id, t + 1);
  }
}

namespace {
// First index in [i, end) whose wake month is t; most people are quiet, so test 32 at a time.
std::size_t next_due(const std::int16_t* wake, std::size_t i, std::size_t end, std::int16_t t) {
  while (i + 32 <= end) {
    bool any = false;
    for (std::size_t k = 0; k < 32; ++k) any |= wake[i + k] == t;
    if (any) break;
    i += 32;
  }
  while (i < end && wake[i] != t) ++i;
  return i;
}

template <typename F>
void for_due(const Context& c, People& people, std::size_t begin, std::size_t end, long t, F&& f) {
  const std::size_t stop = std::min(end, static_cast<std::size_t>(c.schedule.entered(t)));
  const auto t16 = static_cast<std::int16_t>(t);
  for (std::size_t id = next_due(people.wake.data(), begin, stop, t16); id < stop;
       id = next_due(people.wake.data(), id + 1, stop, t16))
    f(id);
}

void enter_new(const Context& c, People& people, std::size_t begin, std::size_t end, long t) {
  const auto before = static_cast<std::size_t>(c.schedule.entered(t - 1));
  const std::size_t stop = std::min(end, static_cast<std::size_t>(c.schedule.entered(t)));
  for (std::size_t id = std::max(begin, before); id < stop; ++id) enter(c, people, id);
}
}  // namespace

void step_block(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t) {
  enter_new(c, people, begin, end, t);
  for_due(c, people, begin, end, t, [&](std::size_t id) {
    if (month_before_places(c, people, block, id, t)) month_after_places(c, people, block, id, t);
  });
}

void step_block_before_places(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end,
                              long t) {
  enter_new(c, people, begin, end, t);
  for_due(c, people, begin, end, t, [&](std::size_t id) {
    if (!month_before_places(c, people, block, id, t)) return;
    PersonMonth pm{people, block, id, t, t - people.birth[id]};
    collect_candidates(c, pm);  // 4. requests for places (allocated for everyone at once)
  });
}

void step_block_after_places(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end,
                             long t) {
  for_due(c, people, begin, end, t, [&](std::size_t id) {
    if (t - people.birth[id] < kExitAgeMonths) month_after_places(c, people, block, id, t);
  });
}

void resume_block(const Context& c, People& people, Block& block, long t) {
  std::vector<Suspended> waiting;
  waiting.swap(block.suspended);
  for (const auto& s : waiting) month_after_places(c, people, block, s.id, t, s.step, s.detected);
}

}  // namespace yjsim::models

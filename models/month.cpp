#include "models/month.h"

#include <algorithm>

namespace yjsim::models {

void step_person(const Context& c, People& people, Block& block, std::size_t id, long t) {
  PersonMonth pm{people, block, id, t, t - people.birth[id]};
  if (pm.age >= kExitAgeMonths) {  // 1. leaves the model at 25
    people.wake[id] = kNever;
    return;
  }
  age_and_transition(c, pm);                    // 1. ageing, transitions at 18
  remand_bail(c, pm);                           // 2. bail for earlier remands
  release_from_custody(c, pm);                  // 3. release into licence
  //                                               4. interventions: not in this version
  const Detected detected = offend_and_detect(c, pm);  // 5. offending and detection
  police_outcome(c, pm, detected);              // 6. police-station outcome
  breach(c, pm);                                // 7. breaches
  court(c, pm);                                 // 8. court
  month_end(c, pm);                             // 9. month-end counts
  const Record* r = pm.rec();
  if (r && busy(*r, t + 1) && t + 1 <= c.last_month) people.wake[id] = static_cast<std::int16_t>(t + 1);
  else schedule_next(c, people, id, t + 1);
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
}  // namespace

void step_block(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t) {
  const auto before = static_cast<std::size_t>(c.schedule.entered(t - 1));
  const auto now = static_cast<std::size_t>(c.schedule.entered(t));
  const std::size_t stop = std::min(end, now);
  for (std::size_t id = std::max(begin, before); id < stop; ++id) enter(c, people, id);
  const auto t16 = static_cast<std::int16_t>(t);
  for (std::size_t id = next_due(people.wake.data(), begin, stop, t16); id < stop;
       id = next_due(people.wake.data(), id + 1, stop, t16))
    step_person(c, people, block, id, t);
}

}  // namespace yjsim::models

#pragma once
// Who enters when (MODEL.md §1): the burn-in intake is sized so that at month 0 the ages follow
// population.age_shares (ages in months uniform within each year), and from month 1 size/96 x growth children
// turn 10 each month. Deterministic: fractions are carried to the next month.
#include <cstdint>
#include <vector>

#include "models/parameters.h"

namespace yjsim::models {

struct EntrySchedule {
  long first_month;                      // first simulated month (-burn_in)
  long last_month;                       // last simulated month (horizon + 18 - 1)
  std::vector<std::int16_t> birth;       // by person id, non-decreasing
  std::vector<std::int64_t> entered_by;  // [month - first_month]: people entered up to and including that month

  std::int64_t entered(long month) const;  // people entered by the end of `month`
  long entry_month(std::size_t id) const;  // max(birth + 120, first_month)
  long population_10_17(long month) const; // children aged 10-17 at the end of `month`
};


EntrySchedule make_entry_schedule(const Params& p);

}  // namespace yjsim::models

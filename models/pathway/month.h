#pragma once
// One month of one replicate (MODEL.md §1b, docs/model.md "The month"): everyone who needs attention this month
// goes through steps 1-9 in order, with the allocation of places (step 4) between steps 3 and 5.
#include "models/context.h"

namespace yjsim::models {

// Runs month t for the people of `st` in blocks of `block_size` (blocks in parallel; results do not depend on
// the thread count). `run` holds this replicate's interventions (empty in the burn-in).
void step_month(const Context& c, ReplicateState& st, long t, std::size_t block_size, InterventionRun& run);

// Month t for the people `ids` (ascending) only, each exactly as step_month steps them, in one thread. For a
// variant that follows its baseline (models/simulation.cpp): everyone who could ask for a place this month must
// be in `ids`, since places are shared only among those who ask. No at_risk interventions (they scan everyone).
void step_people(const Context& c, ReplicateState& st, long t, std::size_t block_size, InterventionRun& run,
                 const std::vector<std::uint32_t>& ids);

}  // namespace yjsim::models

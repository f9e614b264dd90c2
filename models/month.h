#pragma once
#include "models/context.h"

namespace yjsim::models {

// One month for one person, in MODEL.md §1b's order, in two parts around step 4 (the allocation of places,
// which needs everyone's requests first). A run without interventions calls both back to back.
// Steps 1-3; returns false if the person has left the model.
bool month_before_places(const Context& c, People& people, Block& block, std::size_t id, long t);
// Steps 5-9 from `step` (5, or 6 / 8 when resuming after a wait for a place); `detected` is step 5's case
// when resuming at 6. Ends by scheduling the person's next month.
void month_after_places(const Context& c, People& people, Block& block, std::size_t id, long t, int step = 5,
                        Detected detected = {});

// A whole month for the people [begin, end) of a block, without interventions.
void step_block(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t);
// The parts of a month with interventions (simulation.cpp runs the allocation between them).
void step_block_before_places(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end,
                              long t);
void step_block_after_places(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end,
                             long t);
void resume_block(const Context& c, People& people, Block& block, long t);

}  // namespace yjsim::models

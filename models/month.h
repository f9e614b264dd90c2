#pragma once
#include "models/context.h"

namespace yjsim::models {

// One month for one person, in MODEL.md §1b's order.
void step_person(const Context& c, People& people, Block& block, std::size_t id, long t);
// One month for the people [begin, end): entry of new 10-year-olds, then everyone who needs stepping.
void step_block(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t);

}  // namespace yjsim::models

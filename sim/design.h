#pragma once
// Space-filling designs for experiments with a model (McKay, Beckman & Conover 1979).
#include <cstddef>
#include <vector>

#include "sim/random.h"

namespace yjsim::sim {

// A Latin hypercube of n points in [0, 1)^dims: each axis cut into n equal strata, one point in each, strata
// matched at random by addressed draws of `stream` (the same stream gives the same design on any machine).
std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t dims, const Stream& stream);

}  // namespace yjsim::sim

#pragma once
// Sobol sensitivity indices from a Saltelli design (issue 16; Saltelli et al. 2010, Comput Phys Commun 181:259):
// two independent samples A and B of N points in the unit hypercube, and for each axis i the matrix AB_i (A with
// column i taken from B), N (k + 2) points in all. First-order index S_i = mean(f_B (f_ABi - f_A)) / V and total
// index ST_i = mean((f_A - f_ABi)^2) / (2 V) (Jansen), V the variance of f over A and B together.
#include <cstdint>
#include <vector>

#include "analysis/morris.h"
#include "models/simulation.h"

namespace yjsim::analysis {

struct SobolDesign {
  std::size_t base, axes;                   // N and k
  std::vector<std::vector<double>> points;  // A (N rows), B (N rows), AB_1 .. AB_k (N rows each), axes' units
};

// Deterministic for a seed (std::mt19937_64's raw output). base >= 2.
SobolDesign sobol_design(const std::vector<MorrisAxis>& axes, std::size_t base, std::uint64_t seed);

struct SobolIndex {
  double first, total;  // NaN when V is 0 or undefined
};
std::vector<SobolIndex> sobol_indices(const SobolDesign& d, const std::vector<double>& y);

// [variant][kpi][axis] over a sweep whose points are the design, on the horizon mean (variants: of the paired
// difference), as PRCC and Morris.
std::vector<std::vector<std::vector<SobolIndex>>> sweep_sobol(const SobolDesign& d, const std::vector<models::Results>& points);

}  // namespace yjsim::analysis

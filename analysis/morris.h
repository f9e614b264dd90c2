#pragma once
// Morris elementary effects (Morris 1991, Technometrics 33:161; mu* of Campolongo et al. 2007, Environ Model
// Softw 22:1509) as a sweep design (issue 16): r trajectories of k + 1 points on a p-level grid of the unit
// hypercube, each step moving one axis by delta = p / (2 (p - 1)); the elementary effect of axis i in a
// trajectory is (y after its step - y before) / delta, on the unit scale of the axis's range.
#include <cstdint>
#include <string>
#include <vector>

#include "models/simulation.h"

namespace yjsim::analysis {

struct MorrisAxis {
  double from, to;
  bool log;
};

struct MorrisDesign {
  std::size_t trajectories, axes;
  std::vector<std::vector<double>> points;  // [trajectory * (axes + 1) + step][axis], in the axes' own units
};

// Deterministic for a seed (std::mt19937_64, whose output the C++ standard fixes). levels: even, >= 2.
MorrisDesign morris_design(const std::vector<MorrisAxis>& axes, std::size_t trajectories, int levels, std::uint64_t seed);

struct MorrisEffect {
  double mu, mu_star, sigma;  // mean, mean of |EE|, standard deviation of EE (NaN with one trajectory)
};
// y: one value per point of the design, in design order. One effect per axis.
std::vector<MorrisEffect> morris_effects(const MorrisDesign& d, const std::vector<MorrisAxis>& axes,
                                         const std::vector<double>& y);

// The effects of every axis on every KPI of every variant over a sweep whose points are the design (in order):
// [variant][kpi][axis], on the horizon mean of the KPI (baseline) or of its paired difference (variants), as PRCC.
std::vector<std::vector<std::vector<MorrisEffect>>> sweep_morris(const MorrisDesign& d, const std::vector<MorrisAxis>& axes,
                                                                 const std::vector<models::Results>& points);

}  // namespace yjsim::analysis

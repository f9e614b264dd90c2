#pragma once
// Every random purpose of the model, in one place (STYLE.md 5). A draw is addressed by (seed, purpose, person or
// key, replicate, month, index) on Philox (sim/random.h), never by variant or processing order, so that paired
// variants share their draws and a variant that changes nothing differs by exactly 0.
#include <cstdint>

namespace yjsim::models {

enum class Purpose : std::uint64_t {
  // the pathway (models/pathway/)
  entry = 1, offence, police, remand, bail, court, desistance, breach, cases, places, pathway,
  group,  // entry: the persistent group (offending.persistent_share); after pathway so no purpose renumbers
  split,  // charge: a case sentenced on two occasions (court.split_share); last, for the same reason
  // interventions: drawn once per replicate and intervention, keyed by the intervention's name
  effect = 101,
  screen,    // at_risk: whether the screen flags a child, and whether a child offered a place takes it up
  arrival,   // at_risk: order among children of equal priority in a month
  // sweeps
  lhs = 201,
  // calibration (analysis/calibrate.cpp): the initial design, then resampling and Metropolis moves
  calibration_design = 211,
  calibration = 212,
  // the live tracker (analysis/tracker.cpp): which simulated child stands for a real one, per child and draw
  tracker = 301,
};

constexpr std::uint64_t purpose_id(Purpose p) { return static_cast<std::uint64_t>(p); }

}  // namespace yjsim::models

#pragma once
// The interventions of one replicate of one variant while it runs (MODEL.md §8): the effects drawn for the
// replicate and the place counters. Plain state: the pathway's step 4 (pathway/places.h) uses it.
#include <cstdint>
#include <vector>

#include "models/interventions.h"
#include "models/parameters.h"

namespace yjsim::models {

struct InterventionRun;

// A run without interventions (the baseline) watched for variants that follow it (models/simulation.cpp): the
// first month each person would ask for a place on any of a variant's interventions. Until that month the
// person's path in the variant is the baseline's, so the variant simulates only people from their first ask.
struct AskWatch {
  std::vector<const InterventionRun*> runs;          // the variants watched
  std::vector<std::vector<std::int16_t>> first_ask;  // [watched variant][person]: INT16_MAX if never
};

struct InterventionRun {
  const std::vector<Intervention>* list = nullptr;
  std::vector<double> rr;              // offending_rr drawn for this replicate
  std::vector<std::uint8_t> needs_mask;
  std::vector<double> risk_threshold;  // at_risk: propensity of the top risk_share of children at month 0
  std::vector<double> carry;           // fraction of a place carried to next month
  std::vector<double> left;            // places left this month
  // at_risk: [k][person] 0 not yet drawn, 1 flagged by the screen and would take a place, 2 not. Fixed for the
  // replicate, so drawn once per child; each block writes only its own people's entries.
  mutable std::vector<std::vector<std::uint8_t>> screened;
  bool any = false, any_at_risk = false;
  AskWatch* watch = nullptr;           // without interventions: whose asks to note (each block its own people)
  std::size_t size() const { return list ? list->size() : 0; }
};

// Set up for a replicate: effects drawn once, keyed by name (paired variants share them).
InterventionRun make_intervention_run(const std::vector<Intervention>& list, const Params& p, std::uint64_t replicate);
// The children's propensity at month 0 sets each at_risk screen's threshold; `birth` has everyone of the run.
void set_risk_thresholds(InterventionRun& run, const std::vector<float>& propensity,
                         const std::vector<std::int16_t>& birth, std::size_t entered);
void open_month(InterventionRun& run, long t);  // this month's places

}  // namespace yjsim::models

#pragma once
// Capacity of each commissioned intervention (docs/report.md): places funded, places started, the children who
// would take a place if places were unlimited (the demand), unused places, and warnings a board should see
// (places beyond demand, a start month past the horizon).
#include <string>
#include <vector>

#include "models/scenario.h"
#include "models/simulation.h"
#include "sim/summary.h"

namespace yjsim::analysis {

struct CapacityRow {
  std::string variant, intervention, target;
  bool limited;                          // a number of places is set
  double start_month;                    // of the horizon
  double places_funded;                  // starts the contract allows over the horizon (inf: unlimited)
  std::vector<double> places_funded_year;
  sim::Summary starts;                   // places started over the horizon, over replicates
  std::vector<sim::Summary> starts_year;
  bool demand_known;                     // a demand run was given
  sim::Summary demand;                   // starts with unlimited places: children who would take a place
  std::vector<sim::Summary> demand_year;
  double unused;                         // places_funded - mean starts (NaN when unlimited)
  std::vector<std::string> warnings;     // sentences for the board
};

// The same scenario with every intervention's places unlimited: the demand run (same seed, same replicates).
models::Scenario unlimited_places(const models::Scenario& s);
bool any_limited(const models::Scenario& s);

// Every intervention of every variant (baseline first). `demand` is the unlimited_places run, or nullptr.
std::vector<CapacityRow> capacity(const models::Results& r, const models::Scenario& s, const models::Results* demand);

}  // namespace yjsim::analysis

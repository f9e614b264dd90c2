#pragma once
// Value for money of a variant against the baseline over the whole horizon (docs/report.md): what it costs, what
// it saves, the chance that it saves money overall, the benefit-cost ratio and the effect it would need to pay for
// itself. Two views are kept apart and named:
//  - fully loaded: custody, remand and court costs avoided at the scenario's unit costs (average costs with
//    overheads: a custody place-year, a remand night's charge, a court case), the public purse's view;
//  - marginal (local cash): remand nights only, the one cost a local authority pays per night and stops paying
//    when a remand is avoided; custody places and court time are paid nationally and fixed in the short run.
// Both count all the intervention spending (places and fixed costs), which is cash.
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "models/scenario.h"
#include "models/simulation.h"
#include "sim/summary.h"

namespace yjsim::analysis {

// A unit cost the model uses, with its basis named (docs/report.md).
struct UnitCost {
  std::string parameter;   // "costs.custody_place_year_gbp"
  std::string item;        // "Custody place (young offender institution), a year"
  std::string unit;
  double gbp;
  std::string basis;       // "fully loaded" or "marginal"
  std::string source;      // the parameter table's source, price year included
};
std::vector<UnitCost> unit_costs(const models::Params& p);

// Horizon totals per replicate, GBP: the parts of cost_gbp.
struct CostParts {
  std::vector<double> interventions, custody, remand, court;
};
CostParts cost_parts(const models::Results& r, const models::Scenario& s, std::size_t variant);

struct VfmView {
  std::string name;          // "fully loaded" / "marginal (local cash)"
  std::string counts;        // what the view counts as savings
  sim::Summary avoided;      // costs avoided (baseline minus variant), GBP
  sim::Summary net_cost;     // extra intervention spending minus costs avoided, GBP (negative: a net saving)
  double p_net_saving;       // share of replicates where net_cost < 0
  double bcr;                // mean costs avoided / mean extra intervention spending; NaN without spending
  double bcr_low, bcr_high;  // 5th and 95th percentiles of the per-replicate ratio
  double break_even_multiple;  // effects would need to be this many times as large to pay for themselves (NaN:
                               // no saving to scale; the extrapolation is linear, docs/report.md)
};

struct ValueForMoney {
  std::string variant;
  double years;                   // the horizon in years (months / 12), for figures a year
  sim::Summary extra_cost;        // all of cost_gbp, variant minus baseline, GBP over the horizon
  sim::Summary extra_spending;    // interventions only, variant minus baseline
  sim::Summary custody_avoided, remand_avoided, court_avoided;  // baseline minus variant, GBP
  VfmView fully_loaded, marginal;
  std::vector<CostPerOutcome> per_outcome;  // analysis/comparison.h
  // Interventions whose offending effect would scale: name, assumed RR and the break-even RR (fully loaded;
  // NaN when no RR below 0 would do, or there is nothing to scale).
  struct BreakEven { std::string intervention; double rr, break_even_rr; };
  std::vector<BreakEven> break_even;
};

ValueForMoney value_for_money(const models::Results& r, const models::Scenario& s, std::size_t variant);

}  // namespace yjsim::analysis

#include "models/intervention_state.h"

#include <algorithm>
#include <cmath>

#include "models/vocabulary.h"

namespace yjsim::models {

InterventionRun make_intervention_run(const std::vector<Intervention>& list, const Params& p, std::uint64_t replicate) {
  InterventionRun run;
  run.list = &list;
  run.any = !list.empty();
  for (const auto& iv : list) {
    run.rr.push_back(draw_offending_rr(iv, p.run.seed, replicate));
    std::uint8_t mask = 0;
    for (const auto& n : iv.needs)
      for (std::size_t f = 0; f < p.needs.size(); ++f)
        if (p.needs[f].name == n) mask = static_cast<std::uint8_t>(mask | (1u << f));
    run.needs_mask.push_back(mask);
    run.any_at_risk |= iv.target == Target::at_risk;
  }
  run.risk_threshold.assign(list.size(), 0.0);
  run.carry.assign(list.size(), 0.0);
  run.left.assign(list.size(), 0.0);
  return run;
}

void set_risk_thresholds(InterventionRun& run, const std::vector<float>& propensity,
                         const std::vector<std::int16_t>& birth, std::size_t entered) {
  if (!run.any_at_risk) return;
  run.screened.assign(run.size(), {});
  for (std::size_t k = 0; k < run.size(); ++k)
    if ((*run.list)[k].target == Target::at_risk) run.screened[k].assign(birth.size(), 0);
  std::vector<float> children;
  for (std::size_t id = 0; id < entered; ++id)
    if (-birth[id] >= kEntryAgeMonths && -birth[id] < kAdultAgeMonths) children.push_back(propensity[id]);
  for (std::size_t k = 0; k < run.size(); ++k) {
    const auto& iv = (*run.list)[k];
    if (iv.target != Target::at_risk || children.empty()) continue;
    const auto nth = static_cast<std::size_t>(std::floor((1.0 - iv.risk_share) * static_cast<double>(children.size() - 1)));
    std::nth_element(children.begin(), children.begin() + static_cast<long>(nth), children.end());
    run.risk_threshold[k] = children[nth];
  }
}

void open_month(InterventionRun& run, long t) {
  // A month's share of the year's places; places not taken stay available until the end of the horizon year
  // (a service's yearly budget), so a service with few referrals is not starved by the monthly split.
  for (std::size_t k = 0; k < run.size(); ++k) {
    const double places = (*run.list)[k].monthly_places(t);
    if (std::isinf(places)) {
      run.left[k] = places;
      continue;
    }
    if (t % 12 == 0) run.left[k] = 0;
    run.carry[k] += places;
    const double whole = std::floor(run.carry[k] + 1e-9);
    run.carry[k] -= whole;
    run.left[k] += whole;
  }
}

}  // namespace yjsim::models

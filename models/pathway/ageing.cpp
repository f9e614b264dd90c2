// MODEL.md §1 and §1b step 1: entry of 10-year-olds (their lifelong draws), ageing, transitions at 18.
#include <algorithm>
#include <cmath>

#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

void enter(const Context& c, People& people, std::size_t id) {
  const auto& p = c.p;
  const sim::Words w = c.draw(Purpose::entry, id, 0, 0);
  // Latent propensity z = exp(sigma eps - sigma^2 / 2), mean 1 (MODEL.md §1).
  const double u_eps = (static_cast<double>(w[0] >> 11) + 0.5) * 0x1.0p-53;  // strictly inside (0, 1)
  const double sigma = p.offending.propensity_sigma;
  const double log_z = sigma * sim::standard_normal(u_eps) - sigma * sigma / 2;
  // Two groups (docs/model.md, version 2): a share of children in a persistent group offend persistent_rr times
  // as often as the rest, and their careers end at a lower hazard; the factor keeps the mean propensity 1. At
  // share 0 (version 1) the group's draw is not made and nothing changes.
  double z = std::exp(log_z), hazard_rr = 1.0;
  if (const double share = p.offending.persistent_share; share > 0) {
    const bool persistent = sim::unit(c.draw(Purpose::group, id, 0, 0)[0]) < share;
    z *= (persistent ? p.offending.persistent_rr : 1.0) / (1 - share + share * p.offending.persistent_rr);
    if (persistent) hazard_rr = p.desistance.persistent_hazard_rr;
  }
  const bool girl = sim::unit(w[1]) >= p.population.male_share;
  double propensity = z * (girl ? p.offending.girl_rr : 1.0);
  std::uint8_t needs = 0;
  sim::Words wn{};
  for (std::size_t k = 0; k < p.needs.size(); ++k) {
    if (k % 4 == 0) wn = c.draw(Purpose::entry, id, 0, 1 + k / 4);  // four flags per draw
    if (sim::unit(wn[k % 4]) < p.needs[k].prevalence) {
      needs = static_cast<std::uint8_t>(needs | (1u << k));
      propensity *= p.needs[k].multiplier;
    }
  }
  // Career termination (MODEL.md §1): from desistance.from_age, monthly probability 1 - (1 - h)^c with
  // c = min(z^-power, 20), drawn once: the first month with propensity 0.
  // The months survived are geometric with log(1 - q) = c log(1 - h): floor(log(1 - u) / log(1 - q)).
  const double cz = std::min(std::exp(-p.desistance.hazard_z_power * log_z), 20.0);  // z^-power
  const double log_stay = cz * hazard_rr * c.d.log_survive_month;  // log((1 - h)^(c x the group's ratio))
  const long from = static_cast<long>(people.birth[id]) + c.d.career_from_months;
  const double survived = log_stay < 0 ? sim::floor_log1p_ratio(sim::unit(w[2]), log_stay) : 1e9;
  const long end = from + static_cast<long>(std::min(survived, 1e9));
  people.career_end[id] = static_cast<std::int16_t>(std::min<long>(end, kNever));
  people.propensity[id] = static_cast<float>(propensity);
  people.flags[id] = girl ? 1 : 0;
  people.needs[id] = needs;
  people.record[id] = -1;
  people.clock[id] = sim::exponential1(sim::unit(w[3]));
  schedule_next(c, people, id, c.schedule.entry_month(id));
}

void age_and_transition(const Context& c, PersonMonth& pm) {
  // MODEL.md §5: at 18 a person under a youth order stays on it; the move to probation is a transition.
  if (pm.age != kAdultAgeMonths || !c.reported(pm.t)) return;
  const Record* r = pm.rec();
  if (r && r->youth_order(pm.t)) {
    pm.block.tally.add(c.period(pm.t), Counter::transitions);
    pm.log(c, LogEvent::Transition);
  }
}

}  // namespace yjsim::models

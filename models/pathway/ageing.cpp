// MODEL.md §1 and §1b step 1: entry of 10-year-olds (their lifelong draws), ageing, transitions at 18.
#include <algorithm>
#include <array>
#include <cmath>

#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

// Entry runs phase by phase over a batch of entrants rather than person by person: each person's draws are a
// long chain of dependent steps (the normal quantile, two exponentials, a logarithm and a division, the
// search of schedule_next), and a loop of one phase over independent people lets the processor overlap them.
// Every person's arithmetic is the same, in the same order, as one at a time.
void enter_run(const Context& c, People& people, std::size_t first, std::size_t last) {
  const auto& p = c.p;
  constexpr std::size_t kBatch = 32;
  std::array<sim::Words, kBatch> w, wg;
  std::array<std::array<sim::Words, 2>, kBatch> wn;  // one draw per four needs flags (at most eight)
  std::array<double, kBatch> log_z, propensity, hazard_rr;
  const double sigma = p.offending.propensity_sigma, share = p.offending.persistent_share;
  const std::size_t need_draws = (p.needs.size() + 3) / 4;
  for (std::size_t id0 = first; id0 < last; id0 += kBatch) {
    const std::size_t n = std::min(kBatch, last - id0);
    for (std::size_t i = 0; i < n; ++i) {  // the draws
      w[i] = c.draw(Purpose::entry, id0 + i, 0, 0);
      if (share > 0) wg[i] = c.draw(Purpose::group, id0 + i, 0, 0);
      for (std::size_t j = 0; j < need_draws; ++j) wn[i][j] = c.draw(Purpose::entry, id0 + i, 0, 1 + j);
    }
    for (std::size_t i = 0; i < n; ++i) {
      // Latent propensity z = exp(sigma eps - sigma^2 / 2), mean 1 (MODEL.md §1).
      const double u_eps = (static_cast<double>(w[i][0] >> 11) + 0.5) * 0x1.0p-53;  // strictly inside (0, 1)
      log_z[i] = sigma * sim::standard_normal(u_eps) - sigma * sigma / 2;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t id = id0 + i;
      // Two groups (docs/model.md, version 2): a share of children in a persistent group offend persistent_rr
      // times as often as the rest, and their careers end at a lower hazard; the factor keeps the mean
      // propensity 1. At share 0 (version 1) the group's draw is not made and nothing changes.
      double z = std::exp(log_z[i]);
      hazard_rr[i] = 1.0;
      if (share > 0) {
        const bool persistent = sim::unit(wg[i][0]) < share;
        z *= (persistent ? p.offending.persistent_rr : 1.0) / (1 - share + share * p.offending.persistent_rr);
        if (persistent) hazard_rr[i] = p.desistance.persistent_hazard_rr;
      }
      const bool girl = sim::unit(w[i][1]) >= p.population.male_share;
      propensity[i] = z * (girl ? p.offending.girl_rr : 1.0);
      std::uint8_t needs = 0;
      for (std::size_t k = 0; k < p.needs.size(); ++k) {
        if (sim::unit(wn[i][k / 4][k % 4]) < p.needs[k].prevalence) {  // four flags per draw
          needs = static_cast<std::uint8_t>(needs | (1u << k));
          propensity[i] *= p.needs[k].multiplier;
        }
      }
      people.flags[id] = girl ? 1 : 0;
      people.needs[id] = needs;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t id = id0 + i;
      // Career termination (MODEL.md §1): from desistance.from_age, monthly probability 1 - (1 - h)^c with
      // c = min(z^-power, 20), drawn once: the first month with propensity 0.
      // The months survived are geometric with log(1 - q) = c log(1 - h): floor(log(1 - u) / log(1 - q)).
      const double cz = std::min(std::exp(-p.desistance.hazard_z_power * log_z[i]), 20.0);  // z^-power
      const double log_stay = cz * hazard_rr[i] * c.d.log_survive_month;  // log((1 - h)^(c x the group's ratio))
      const long from = static_cast<long>(people.birth[id]) + c.d.career_from_months;
      const double survived = log_stay < 0 ? sim::floor_log1p_ratio(sim::unit(w[i][2]), log_stay) : 1e9;
      const long end = from + static_cast<long>(std::min(survived, 1e9));
      people.career_end[id] = static_cast<std::int16_t>(std::min<long>(end, kNever));
      people.propensity[id] = static_cast<float>(propensity[i]);
      people.record[id] = -1;
      people.clock[id] = sim::exponential1(sim::unit(w[i][3]));
    }
    for (std::size_t id = id0; id < id0 + n; ++id) schedule_next(c, people, id, c.schedule.entry_month(id));
  }
}

void enter(const Context& c, People& people, std::size_t id) { enter_run(c, people, id, id + 1); }

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

// MODEL.md §1b step 7 and §4: breach of a YRO or of a DTO licence; a new charged case without a new offence.
#include <algorithm>

#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

void breach(const Context& c, PersonMonth& pm) {
  Record* r = pm.rec();
  if (!r || r->in_custody || !r->pending.empty()) return;
  const double on_yro = r->yro_end >= pm.t ? c.p.orders.yro_breach_monthly : 0.0;
  const double on_licence = r->on_licence(pm.t) ? c.p.orders.licence_breach_monthly : 0.0;
  if (on_yro == 0.0 && on_licence == 0.0) return;
  double p = 1.0 - (1.0 - on_yro) * (1.0 - on_licence);
  for (const auto& e : r->enrolments)  // e.g. ISS: more breaches while under intensive supervision (MODEL.md §8)
    if (pm.t >= e.start && pm.t <= e.end) p = std::min(1.0, p * (*c.effects->list)[e.intervention].breach_rr);
  // Breach cases carry no remand draw: MODEL.md ties remand to the charge of new offences.
  if (sim::bernoulli(sim::unit(c.draw(Purpose::breach, pm.id, pm.t, 0)[0]), p)) {
    std::vector<OffenceGroup> none;
    open_case(c, pm, *r, none, false, Detected{});  // no remand draw, so it never waits
  }
}

}  // namespace yjsim::models

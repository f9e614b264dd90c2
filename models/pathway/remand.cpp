// MODEL.md §1b step 2 and §4: bail for children remanded in earlier months.
#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

void remand_bail(const Context& c, PersonMonth& pm) {
  Record* r = pm.rec();
  if (!r) return;
  bool remanded_before = false;
  for (const auto& k : r->pending) remanded_before |= k.on_remand && k.charge_month < pm.t;
  if (!remanded_before) return;
  if (sim::bernoulli(sim::unit(c.draw(Purpose::bail, pm.id, pm.t, 0)[0]), c.p.court.remand_bail_monthly))
    for (auto& k : r->pending)
      if (k.on_remand) {
        k.on_remand = false;
        k.bail_month = static_cast<std::int32_t>(pm.t);
      }
}

}  // namespace yjsim::models

// MODEL.md §1b step 9 and §6.3-6.4: month-end stocks of children aged 10-17 (population is counted from the
// entry schedule in simulation.cpp, since everyone is in it).
#include "models/pathway/phases.h"

namespace yjsim::models {

void month_end(const Context& c, PersonMonth& pm) {
  if (!pm.child() || !c.reported(pm.t)) return;
  const Record* r = pm.rec();
  if (!r) return;
  const long period = c.period(pm.t);
  const bool remanded = r->remanded();
  if (r->in_custody || remanded) pm.block.tally.add(period, Counter::custody_month_ends);
  if (remanded && !r->in_custody) pm.block.tally.add(period, Counter::remand_month_ends);
  if (r->supervised(pm.t) || r->in_custody || remanded) pm.block.tally.add(period, Counter::caseload_month_ends);
}

}  // namespace yjsim::models

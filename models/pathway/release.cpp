// MODEL.md §1b step 3 and §5: release from sentenced custody into licence; an index event.
#include <algorithm>

#include "models/pathway/phases.h"

namespace yjsim::models {

void release_from_custody(const Context& c, PersonMonth& pm) {
  Record* r = pm.rec();
  if (!r || !r->in_custody || r->release_month != pm.t) return;
  r->in_custody = false;
  r->licence_end = std::max<std::int32_t>(r->licence_end, static_cast<std::int32_t>(pm.t + r->licence_months - 1));
  if (!r->released_ever) {  // MODEL.md §2: custody effect at the first release
    r->released_ever = true;
    pm.people.propensity[pm.id] = static_cast<float>(pm.people.propensity[pm.id] * c.p.offending.custody_rr);
  }
  r->last_outcome = static_cast<std::int32_t>(pm.t);
  r->last_release = static_cast<std::int32_t>(pm.t);
  if (pm.child()) pm.log(c, LogEvent::Release);
  index_event(c, pm, *r, IndexDisposal::custody_release);
}

}  // namespace yjsim::models

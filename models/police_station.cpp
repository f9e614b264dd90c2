// MODEL.md §1b step 6 and §3: outcomes at the police station for the month's detected case.
#include "models/context.h"
#include "sim/distributions.h"

namespace yjsim::models {

namespace {
std::span<const double> youth_table(const Params& p, History h) {
  switch (h) {
    case History::None: return p.outcome.none;
    case History::Cautioned: return p.outcome.cautioned;
    default: return p.outcome.convicted;
  }
}
}  // namespace

void police_outcome(const Context& c, PersonMonth& pm, const Detected& d) {
  if (d.detected == 0) return;
  const auto& p = c.p;
  Record& r = pm.ensure_rec();
  // D incidents prove D + X offences, X geometric with mean extra_offences_mean x D (MODEL.md §2).
  const long extra = sim::geometric0(sim::unit(c.draw(Purpose::cases, pm.id, pm.t, 0)[0]),
                                     p.detection.extra_offences_mean * static_cast<double>(d.detected));
  std::vector<OffenceGroup> offences{{static_cast<std::int32_t>(pm.t), static_cast<std::int32_t>(d.detected + extra)}};
  const sim::Words w = c.draw(Purpose::police, pm.id, pm.t, 0);
  if (!r.pending.empty() && sim::bernoulli(sim::unit(w[0]), p.court.join_pending)) {
    auto& latest = r.pending.back().offences;
    latest.insert(latest.end(), offences.begin(), offences.end());
    return;
  }
  const bool adult = pm.age >= kAdultAgeMonths;
  bool charge = d.serious ||
                ((r.on_court_order(pm.t) || r.on_licence(pm.t)) && sim::bernoulli(sim::unit(w[1]), p.outcome.on_order_charge));
  if (!charge) {
    const double u = sim::unit(w[2]);
    if (adult) {
      switch (sim::categorical(u, p.outcome.adult)) {  // NFA, CR, caution, charge
        case 2: formal_outcome(c, pm, r, Formal::AdultCaution, offences); return;
        case 3: charge = true; break;
        default: return;
      }
    } else {
      switch (sim::categorical(u, youth_table(p, r.history))) {  // NFA, CR, YC, YCC, charge
        case 2:
          formal_outcome(c, pm, r, Formal::YC, offences);
          index_event(c, pm, r);
          return;
        case 3:
          formal_outcome(c, pm, r, Formal::YCC, offences);
          r.ycc_end = std::max<std::int32_t>(r.ycc_end, static_cast<std::int32_t>(pm.t + static_cast<long>(p.outcome.ycc_months) - 1));
          index_event(c, pm, r);
          return;
        case 4: charge = true; break;
        default: return;
      }
    }
  }
  open_case(c, pm, r, std::move(offences), true);
}

void open_case(const Context& c, PersonMonth& pm, Record& r, std::vector<OffenceGroup> offences, bool may_remand) {
  const auto& p = c.p;
  // Index 0 for a case from the police station, 1 for a breach: both may open in one month.
  const sim::Words w = c.draw(Purpose::remand, pm.id, pm.t, may_remand ? 0 : 1);
  const long delay = 1 + sim::geometric0(sim::unit(w[0]), p.court.mean_delay_months - 1.0);  // D >= 1, mean as set
  const bool remanded =
      may_remand && sim::bernoulli(sim::unit(w[1]), p.court.ryda[static_cast<std::size_t>(r.history)]);
  r.pending.push_back(Case{static_cast<std::int32_t>(pm.t + delay), static_cast<std::int32_t>(pm.t), remanded,
                           remanded, std::move(offences)});
  if (remanded && pm.child() && c.reported(pm.t)) {
    pm.block.tally.add(c.period(pm.t), Counter::remand_episodes);
    pm.log(c, LogEvent::RemandStart);
  }
}

}  // namespace yjsim::models

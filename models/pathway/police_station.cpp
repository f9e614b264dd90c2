// MODEL.md §1b step 6 and §3: outcomes at the police station for the month's detected case, with the pathway
// interventions of §8 at the decision (diversion) and at charge (remand to bail).
#include <algorithm>

#include "models/pathway/phases.h"
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

enum Outcome { NFA = 0, CR, YC, YCC, Charge, AdultCaution };

// court.split_share (docs/model.md, version 2): with that probability a case of two or more offences is
// sentenced on two occasions; the later one takes half of them (rounded down), from the latest committed, and is
// due court.split_delay_months (geometric from 0) after `court_month`. Returns the later part (no offences if the
// case is not split) and takes its offences out of `offences`.
Case split_off(const Context& c, const PersonMonth& pm, std::vector<OffenceGroup>& offences, std::uint64_t index,
               long court_month) {
  Case later{0, static_cast<std::int32_t>(pm.t), false, false, {}};
  later.later_part = true;
  if (c.p.court.split_share <= 0) return later;
  long n = 0;
  for (const auto& g : offences) n += g.count;
  if (n < 2) return later;
  const sim::Words w = c.draw(Purpose::split, pm.id, pm.t, index);
  if (!sim::bernoulli(sim::unit(w[0]), c.p.court.split_share)) return later;
  later.court_month = static_cast<std::int32_t>(court_month + sim::geometric0(sim::unit(w[1]), c.p.court.split_delay_months));
  for (long move = n / 2; move > 0;) {
    auto& g = offences.back();
    const auto k = static_cast<std::int32_t>(std::min<long>(move, g.count));
    later.offences.insert(later.offences.begin(), OffenceGroup{g.month, k});
    g.count -= k;
    move -= k;
    if (g.count == 0) offences.pop_back();
  }
  return later;
}

// The outcome the tables give (MODEL.md §3), before any intervention. Draws only: no state changes.
Outcome decide(const Context& c, const PersonMonth& pm, const Record& r, const Detected& d, const sim::Words& w) {
  const auto& p = c.p;
  if (d.serious) return Charge;
  if ((r.on_court_order(pm.t) || r.on_licence(pm.t)) && sim::bernoulli(sim::unit(w[1]), p.outcome.on_order_charge))
    return Charge;
  const double u = sim::unit(w[2]);
  if (pm.age >= kAdultAgeMonths) {
    switch (sim::categorical(u, p.outcome.adult)) {  // NFA, CR, caution, charge
      case 2: return AdultCaution;
      case 3: return Charge;
      default: return NFA;
    }
  }
  return static_cast<Outcome>(sim::categorical(u, youth_table(p, r.history)));  // NFA, CR, YC, YCC, charge
}
}  // namespace

bool police_outcome(const Context& c, PersonMonth& pm, const Detected& d) {
  if (d.detected == 0) return true;
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
    return true;
  }
  Outcome outcome = decide(c, pm, r, d, w);
  // MODEL.md §8 target `diversion`: history none or cautioned, not serious, a child.
  const bool divertible = pm.child() && !d.serious && r.history != History::Convicted;
  if (divertible && (outcome == YC || outcome == YCC || outcome == Charge)) {
    const PathwayAnswer a = pathway_place(c, pm, r, Target::diversion);
    if (a.ask == Ask::wait) {
      pm.suspend(Phase::police_station, a, d);
      return false;
    }
    if (a.ask == Ask::yes) {  // a supported community resolution: nothing proven, not on the PNC
      enrol(c, pm, r, a.intervention);
      outcome = CR;
    }
  }
  if (divertible) r.last_police_month = static_cast<std::int32_t>(pm.t);
  switch (outcome) {
    case YC:
      formal_outcome(c, pm, r, Formal::YC, offences);
      index_event(c, pm, r, IndexDisposal::caution);
      return true;
    case YCC:
      formal_outcome(c, pm, r, Formal::YCC, offences);
      r.ycc_end = std::max<std::int32_t>(r.ycc_end, static_cast<std::int32_t>(pm.t + static_cast<long>(p.outcome.ycc_months) - 1));
      index_event(c, pm, r, IndexDisposal::caution);
      return true;
    case AdultCaution:
      formal_outcome(c, pm, r, Formal::AdultCaution, offences);
      return true;
    case Charge: {
      if (!open_case(c, pm, r, offences, true, d)) {
        r.last_police_month = kLongAgo;  // set again when the month resumes
        return false;
      }
      return true;
    }
    default:
      return true;
  }
}

bool open_case(const Context& c, PersonMonth& pm, Record& r, std::vector<OffenceGroup>& offences, bool may_remand,
               const Detected& d) {
  const auto& p = c.p;
  // Index 0 for a case from the police station, 1 for a breach: both may open in one month.
  const sim::Words w = c.draw(Purpose::remand, pm.id, pm.t, may_remand ? 0 : 1);
  const long delay = 1 + sim::geometric0(sim::unit(w[0]), p.court.mean_delay_months - 1.0);  // D >= 1, mean as set
  bool remanded = may_remand && sim::bernoulli(sim::unit(w[1]), p.court.ryda[static_cast<std::size_t>(r.history)]);
  if (remanded && pm.child()) {  // MODEL.md §8 ryda_to_bail_share (target `remand`)
    const PathwayAnswer a = pathway_place(c, pm, r, Target::remand);
    if (a.ask == Ask::wait) {
      pm.suspend(Phase::police_station, a, d);
      return false;
    }
    if (a.ask == Ask::yes) {
      enrol(c, pm, r, a.intervention);
      remanded = false;
    }
  }
  Case later = split_off(c, pm, offences, may_remand ? 0 : 1, pm.t + delay);
  r.pending.push_back(Case{static_cast<std::int32_t>(pm.t + delay), static_cast<std::int32_t>(pm.t), remanded,
                           remanded, std::move(offences)});
  if (!later.offences.empty()) r.pending.push_back(std::move(later));  // its own occasion, without the remand
  if (remanded && pm.child() && c.reported(pm.t)) {
    pm.block.tally.add(c.period(pm.t), Counter::remand_episodes);
    pm.log(c, LogEvent::RemandStart);
  }
  return true;
}

}  // namespace yjsim::models

#include "models/pathway/places.h"

#include <algorithm>
#include <cmath>

#include "models/context.h"
#include "models/pathway/phases.h"
#include "sim/allocator.h"
#include "sim/distributions.h"

namespace yjsim::models {

namespace {
// A child's own draws for an intervention, fixed for the replicate (asked every month, answered the same): [0] the
// at_risk screen, [1] uptake. Keyed by the intervention's name, so a variant that adds or reorders
// interventions leaves every other intervention's draws alone.
sim::Words child_draws(const Context& c, std::size_t id, std::uint64_t key) {
  return sim::Stream(c.p.run.seed, purpose_id(Purpose::screen)).words(id, key, c.replicate, 0);
}

bool fits(const Intervention& iv, std::uint8_t mask, const PersonMonth& pm) {
  const double age_years = static_cast<double>(pm.age) / 12.0;
  return age_years >= iv.age_min && age_years < iv.age_max && (pm.people.needs[pm.id] & mask) == mask &&
         pm.t >= static_cast<long>(iv.start_month);
}

// Whether a child would take part if offered: fixed per child and intervention (MODEL.md §8 uptake).
bool takes_up(const Context& c, const Intervention& iv, std::size_t id) {
  return sim::unit(child_draws(c, id, name_key(iv.name))[1]) < iv.uptake;
}

double priority_of(const Intervention& iv, const People& people, std::size_t id) {
  return iv.priority == Priority::risk ? static_cast<double>(people.propensity[id]) : 0.0;
}

bool eligible(const Intervention& iv, const Record& r, long t, long age) {
  switch (iv.target) {
    case Target::custody: return r.in_custody;
    case Target::released: return !r.in_custody && r.last_release >= t - static_cast<long>(iv.window_months);
    case Target::transition: return (r.supervised(t) || r.in_custody) && age >= kTransitionAgeMonths;
    case Target::caseload: return r.supervised(t) || r.in_custody || r.remanded();
    case Target::court_order: return r.last_sentence_month == t - 1 && court_order(r.last_sentence);
    case Target::cusp_of_custody:  // MODEL.md §8: custody for a first-timer, or a YRO for a convicted child
      return r.last_sentence_month == t - 1 &&
             ((custodial(r.last_sentence) && r.history_before_sentence != History::Convicted) ||
              (r.last_sentence == Sentence::yro && r.history_before_sentence == History::Convicted));
    case Target::diversion: return r.last_police_month == t - 1;
    default: return false;
  }
}
}  // namespace

void enrol(const Context& c, PersonMonth& pm, Record& r, std::uint8_t k) {
  const auto& iv = (*c.effects->list)[k];
  const auto t = static_cast<std::int32_t>(pm.t);
  const auto end = static_cast<std::int32_t>(t + static_cast<long>(iv.duration_months) - 1);
  r.enrolments.push_back({k, t, end, static_cast<std::int32_t>(end + static_cast<long>(iv.persist_months))});
  r.ever_enrolled |= 1u << k;
  if (c.reported(pm.t)) pm.block.tally.starts[static_cast<std::size_t>(c.period(pm.t))][k] += 1;
}

namespace {
// Whether the person asks for a place on enrolment intervention k of `run` this month (after steps 1-3).
bool asks_enrolment(const Context& c, const InterventionRun& run, std::size_t k, const PersonMonth& pm, const Record& r) {
  const auto& iv = (*run.list)[k];
  if (iv.target == Target::at_risk || iv.pathway() || (r.ever_enrolled >> k & 1u)) return false;
  return fits(iv, run.needs_mask[k], pm) && eligible(iv, r, pm.t, pm.age) && takes_up(c, iv, pm.id);
}

// Whether a place on pathway intervention k of `run` would change the decision at `point` (w: its draw).
bool asks_pathway(const InterventionRun& run, std::size_t k, Target point, const sim::Words& w) {
  const auto& iv = (*run.list)[k];
  const double share = point == Target::diversion ? iv.divert_share
                       : point == Target::remand  ? iv.ryda_to_bail_share
                                                  : iv.custody_to_community_share;
  return sim::bernoulli(sim::unit(w[0]), share * iv.uptake);
}

bool at_point(const InterventionRun& run, std::size_t k, const PersonMonth& pm, Target point) {
  const auto& iv = (*run.list)[k];
  return iv.target == point && iv.pathway() && fits(iv, run.needs_mask[k], pm);
}

void note_ask(AskWatch& watch, std::size_t variant, const PersonMonth& pm) {
  auto& first = watch.first_ask[variant][pm.id];
  if (first == kNever) first = static_cast<std::int16_t>(pm.t);
}
}  // namespace

void collect_candidates(const Context& c, PersonMonth& pm) {
  const auto& run = *c.effects;
  Record* r = pm.rec();
  if (!r) return;
  for (std::size_t k = 0; k < run.size(); ++k) {
    if (!asks_enrolment(c, run, k, pm, *r)) continue;
    const auto& iv = (*run.list)[k];
    const auto w = c.draw(Purpose::places, pm.id, pm.t, name_key(iv.name));
    pm.block.candidates[k].push_back({pm.id, priority_of(iv, pm.people, pm.id), w[0]});
  }
}

void watch_enrolment_asks(const Context& c, PersonMonth& pm) {
  AskWatch& watch = *c.effects->watch;
  const Record* r = pm.rec();
  if (!r) return;
  for (std::size_t v = 0; v < watch.runs.size(); ++v) {
    if (watch.first_ask[v][pm.id] != kNever) continue;  // only the first ask is noted
    for (std::size_t k = 0; k < watch.runs[v]->size(); ++k)
      if (asks_enrolment(c, *watch.runs[v], k, pm, *r)) {
        note_ask(watch, v, pm);
        break;
      }
  }
}

void scan_at_risk(const Context& c, People& people, Block& block, std::size_t begin, std::size_t end, long t) {
  const auto& run = *c.effects;
  for (std::size_t k = 0; k < run.size(); ++k) {
    const auto& iv = (*run.list)[k];
    if (iv.target != Target::at_risk || t < static_cast<long>(iv.start_month)) continue;
    const long lo = static_cast<long>(std::ceil(iv.age_min * 12)), hi = static_cast<long>(std::ceil(iv.age_max * 12));
    const auto key = name_key(iv.name);
    // The screen: of those it flags, screen_accuracy are in the top risk_share (MODEL.md §8).
    const double r = iv.risk_share, acc = iv.screen_accuracy;
    const double false_alarm = r < 1 ? std::min(1.0, (1 - acc) * r / (1 - r)) : 1.0;
    for (std::size_t id = begin; id < end; ++id) {
      const long age = t - people.birth[id];
      if (age < lo || age >= hi || age < kEntryAgeMonths || age >= kAdultAgeMonths) continue;
      if ((people.needs[id] & run.needs_mask[k]) != run.needs_mask[k]) continue;
      const auto ri = people.record[id];
      if (ri >= 0) {
        const Record& rec = block.records[static_cast<std::size_t>(ri)];
        if (rec.formal_ever || (rec.ever_enrolled >> k & 1u)) continue;
      }
      auto& screened = run.screened[k][id];
      if (screened == 0) {  // propensity is the entry draw until a first formal outcome: fixed while eligible
        const bool top = people.propensity[id] >= run.risk_threshold[k];
        const auto w = child_draws(c, id, key);
        screened = sim::unit(w[0]) < (top ? acc : false_alarm) && sim::unit(w[1]) < iv.uptake ? 1 : 2;
      }
      if (screened != 1) continue;
      block.candidates[k].push_back({id, priority_of(iv, people, id), c.draw(Purpose::arrival, id, t, key)[0]});
    }
  }
}

namespace {
// A run without interventions watched for the variants: would any of theirs ask at this decision point?
void watch_pathway_asks(const Context& c, PersonMonth& pm, Target point) {
  AskWatch& watch = *c.effects->watch;
  for (std::size_t v = 0; v < watch.runs.size(); ++v) {
    if (watch.first_ask[v][pm.id] != kNever) continue;  // only the first ask is noted
    const InterventionRun& run = *watch.runs[v];
    for (std::size_t k = 0; k < run.size(); ++k) {
      if (!at_point(run, k, pm, point)) continue;
      if (asks_pathway(run, k, point, c.draw(Purpose::pathway, pm.id, pm.t, name_key((*run.list)[k].name)))) {
        note_ask(watch, v, pm);
        break;
      }
    }
  }
}
}  // namespace

PathwayAnswer pathway_place(const Context& c, PersonMonth& pm, Record& r, Target point) {
  const auto& run = *c.effects;
  if (!run.any) {
    if (run.watch) watch_pathway_asks(c, pm, point);
    return {};
  }
  if (r.decided_month != pm.t) {
    r.decided_month = static_cast<std::int32_t>(pm.t);
    r.decided = r.granted = 0;
  }
  for (std::size_t k = 0; k < run.size(); ++k) {
    const auto& iv = (*run.list)[k];
    if (!at_point(run, k, pm, point)) continue;
    const auto bit = 1u << k;
    const auto k8 = static_cast<std::uint8_t>(k);
    if (r.decided & bit) {
      if (r.granted & bit) return {Ask::yes, k8, 0, 0};
      continue;
    }
    const auto w = c.draw(Purpose::pathway, pm.id, pm.t, name_key(iv.name));
    if (!asks_pathway(run, k, point, w)) continue;
    if (!iv.limited()) return {Ask::yes, k8, 0, 0};
    return {Ask::wait, k8, priority_of(iv, pm.people, pm.id), w[1]};
  }
  return {};
}

}  // namespace yjsim::models

namespace yjsim::models {

void allocate_enrolments(const Context& c, ReplicateState& st, InterventionRun& run, long t, std::size_t bs) {
  for (std::size_t k = 0; k < run.size(); ++k) {
    if ((*run.list)[k].pathway()) continue;
    std::vector<sim::Candidate> all;
    for (auto& b : st.blocks) {  // fixed block order
      all.insert(all.end(), b.candidates[k].begin(), b.candidates[k].end());
      b.candidates[k].clear();
    }
    const auto ids = sim::allocate(std::move(all), std::isinf(run.left[k]) ? SIZE_MAX : static_cast<std::size_t>(run.left[k]));
    run.left[k] -= static_cast<double>(ids.size());
    for (auto id : ids) {
      Block& block = st.blocks[id / bs];
      PersonMonth pm{st.people, block, id, t, t - st.people.birth[id]};
      if (st.people.wake[id] != t) {  // a quiet child: stepped from this month on, clock brought up to date
        advance_clock(c, st.people, id, t);
        st.people.wake[id] = static_cast<std::int16_t>(t);
      }
      enrol(c, pm, pm.ensure_rec(), static_cast<std::uint8_t>(k));
    }
  }
}

void allocate_pathway(ReplicateState& st, InterventionRun& run, std::size_t bs) {
  std::vector<Suspended> waiting;
  for (const auto& b : st.blocks) waiting.insert(waiting.end(), b.suspended.begin(), b.suspended.end());
  for (std::size_t k = 0; k < run.size(); ++k) {
    std::vector<sim::Candidate> asked;
    for (const auto& w : waiting)
      if (w.intervention == k) asked.push_back({w.id, w.priority, w.draw});
    if (asked.empty()) continue;
    const auto ids = sim::allocate(asked, static_cast<std::size_t>(std::max(0.0, run.left[k])));
    run.left[k] -= static_cast<double>(ids.size());
    for (const auto& a : asked) {
      Block& block = st.blocks[a.id / bs];
      block.records[static_cast<std::size_t>(st.people.record[a.id])].decided |= 1u << k;
    }
    for (auto id : ids) {
      Block& block = st.blocks[id / bs];
      block.records[static_cast<std::size_t>(st.people.record[id])].granted |= 1u << k;
    }
  }
}

}  // namespace yjsim::models

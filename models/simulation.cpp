#include "models/simulation.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "models/context.h"
#include "models/pathway/month.h"
#include "sim/errors.h"
#include "sim/parallel.h"

namespace yjsim::models {

std::vector<double> Results::values(std::size_t variant, int kpi, std::size_t slot, bool by_year) const {
  std::vector<double> out;
  for (const auto& r : variants[variant].replicates) {
    const auto& table = by_year ? r.year : r.period;
    out.push_back(table[static_cast<std::size_t>(kpi)][slot]);
  }
  return out;
}

std::vector<double> Results::diffs(std::size_t variant, int kpi, std::size_t slot, bool by_year) const {
  auto v = values(variant, kpi, slot, by_year);
  const auto b = values(0, kpi, slot, by_year);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] -= b[i];
  return v;
}

std::vector<double> Results::cell_values(std::size_t variant, int cell, std::size_t slot, bool by_year) const {
  std::vector<double> out;
  for (const auto& r : variants[variant].replicates) {
    const auto& table = by_year ? r.cells_year : r.cells_period;
    out.push_back(table[static_cast<std::size_t>(cell)][slot]);
  }
  return out;
}

void append_replicates(Results& into, const Results& more) {
  if (into.variants.size() != more.variants.size() || into.first_replicate + into.replicates != more.first_replicate)
    throw std::invalid_argument("append_replicates: results of another scenario or not the next replicates");
  for (std::size_t v = 0; v < into.variants.size(); ++v) {
    auto& a = into.variants[v];
    const auto& b = more.variants[v];
    a.replicates.insert(a.replicates.end(), b.replicates.begin(), b.replicates.end());
    a.logs.insert(a.logs.end(), b.logs.begin(), b.logs.end());
  }
  into.state_bytes.insert(into.state_bytes.end(), more.state_bytes.begin(), more.state_bytes.end());
  into.replicates += more.replicates;
}

long cohort_complete_month(const sim::Calendar& cal, long period) {
  return cal.period(period).last_month + kProofDeadlineMonths;
}

long cohort_publication_month(const sim::Calendar& cal, long period) {
  return cal.period(period).last_month + kPublicationLagMonths;
}

namespace {

struct Plan {  // what is the same for every replicate
  const Scenario& scenario;
  const RunOptions& options;
  std::vector<EntrySchedule> schedules;  // per variant
  std::vector<Derived> derived;          // per variant
  long horizon;
  long walk_stop;
  sim::Calendar calendar;
  std::vector<long> months_in_period;
  std::vector<bool> follows;             // per variant: run by follow_baseline (may_follow)
};

void check_cancel(const RunOptions& o) {
  if (o.cancel && o.cancel->load(std::memory_order_relaxed)) throw sim::Cancelled();
}

std::size_t block_count(std::size_t people, std::size_t block_size) { return (people + block_size - 1) / block_size; }

Tally empty_tally(const Plan& plan, std::size_t v) {
  Tally t;
  t.resize(plan.calendar.periods(), plan.calendar.years(), plan.scenario.variants[v].interventions.size());
  return t;
}

// into += sign x o; o may count places on fewer interventions (none for the baseline). Exact: integer counts.
void add_tally(Tally& into, const Tally& o, std::int64_t sign) {
  for (std::size_t p = 0; p < into.period.size(); ++p)
    for (std::size_t c = 0; c < into.period[p].size(); ++c) into.period[p][c] += sign * o.period[p][c];
  for (std::size_t y = 0; y < into.ccs_year.size(); ++y) into.ccs_year[y] += sign * o.ccs_year[y];
  for (std::size_t p = 0; p < into.starts.size(); ++p)
    for (std::size_t k = 0; k < o.starts[p].size(); ++k) into.starts[p][k] += sign * o.starts[p][k];
  for (std::size_t p = 0; p < into.cells.size(); ++p)
    for (std::size_t c = 0; c < into.cells[p].size(); ++c) into.cells[p][c] += sign * o.cells[p][c];
  for (std::size_t y = 0; y < into.year_cells.size(); ++y)
    for (std::size_t c = 0; c < into.year_cells[y].size(); ++c) into.year_cells[y][c] += sign * o.year_cells[y][c];
}

void add_blocks(Tally& into, const ReplicateState& st, std::int64_t sign) {
  for (const auto& b : st.blocks) add_tally(into, b.tally, sign);
}

KpiValues finish(const Plan& plan, std::size_t v, const Tally& tally) {
  const Params& p = plan.scenario.variants[v].params;
  Tally total = tally;
  for (long t = 0; t < plan.horizon; ++t)
    total.add(t / 3, Counter::population_month_ends, plan.schedules[v].population_10_17(t));
  const CostRates costs{p.costs.custody_place_year_gbp / 12.0, p.costs.remand_night_gbp * 365.25 / 12.0,
                        p.costs.court_case_gbp};
  // Interventions: each place started at its cost, plus fixed costs for the months the service runs (§8).
  const auto& list = plan.scenario.variants[v].interventions;
  std::vector<double> intervention_cost(total.period.size(), 0.0);
  for (std::size_t per = 0; per < total.period.size(); ++per)
    for (std::size_t k = 0; k < list.size(); ++k) {
      intervention_cost[per] += static_cast<double>(total.starts[per][k]) * list[k].cost_per_place_gbp;
      for (long t = static_cast<long>(per) * 3; t < std::min<long>(plan.horizon, static_cast<long>(per) * 3 + 3); ++t)
        if (t >= static_cast<long>(list[k].start_month)) intervention_cost[per] += list[k].fixed_cost_per_year_gbp / 12.0;
    }
  return compute_kpis(total, plan.months_in_period, 1.0 + p.detection.extra_offences_mean, costs, intervention_cost);
}

// Memory held by a replicate's state: the hot arrays, the records and their cases.
double state_bytes(const ReplicateState& st) {
  double bytes = static_cast<double>(st.people.clock.size() * People::bytes_per_person());
  for (const auto& b : st.blocks) {
    bytes += static_cast<double>(b.records.capacity() * sizeof(Record));
    for (const auto& rec : b.records)
      for (const auto& k : rec.pending) bytes += static_cast<double>(sizeof(Case) + k.offences.capacity() * sizeof(OffenceGroup));
  }
  return bytes;
}

// A variant's state from the burn-in: its people, blocks and empty tallies for `interventions` places.
void prepare(const Plan& plan, std::size_t v, ReplicateState& st, std::size_t interventions, bool log,
             std::vector<std::vector<LogEvent>>& block_logs) {
  const auto& o = plan.options;
  const auto& sv = plan.schedules[v];
  st.people.resize(sv.birth.size());
  std::copy(sv.birth.begin(), sv.birth.end(), st.people.birth.begin());
  st.blocks.resize(block_count(sv.birth.size(), o.block_size));
  block_logs.assign(log ? st.blocks.size() : 0, {});
  for (std::size_t b = 0; b < st.blocks.size(); ++b) {
    st.blocks[b].tally.resize(plan.calendar.periods(), plan.calendar.years(), interventions);
    st.blocks[b].log = log ? &block_logs[b] : nullptr;
    st.blocks[b].candidates.assign(interventions, {});
  }
}

// Person `id`'s state in `from` copied into `to`, which has no record for them yet: every hot field and the
// record, so that whatever `to` held for the person before is overwritten (StatePool reuses states).
void copy_person(const ReplicateState& from, ReplicateState& to, std::size_t id, std::size_t block_size) {
  const People& a = from.people;
  People& b = to.people;
  b.clock[id] = a.clock[id], b.clock_from[id] = a.clock_from[id], b.propensity[id] = a.propensity[id];
  b.career_end[id] = a.career_end[id], b.wake[id] = a.wake[id], b.walk_from[id] = a.walk_from[id];
  b.flags[id] = a.flags[id], b.needs[id] = a.needs[id], b.record[id] = -1;
  if (a.record[id] < 0) return;
  auto& records = to.blocks[id / block_size].records;
  b.record[id] = static_cast<std::int32_t>(records.size());
  records.push_back(from.blocks[id / block_size].records[static_cast<std::size_t>(a.record[id])]);
}

// States kept for the next replicate: the two of each variant that follows the baseline, and the burn-in's
// state with the copy a variant runs on. A follower's state holds only the people who joined (copy_person),
// the burn-in's only the people entered so far (enter sets every field; nothing but copy_person's record index
// reads a person before), so reusing their People arrays needs no clearing of them but of the record indexes,
// and of records and tallies (prepare, or new blocks).
// Saves allocating, zeroing and faulting in everyone's arrays for each replicate.
class StatePool {
 public:
  std::vector<ReplicateState> take() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return {};
    auto states = std::move(free_.back());
    free_.pop_back();
    return states;
  }
  void give(std::vector<ReplicateState>&& states) {
    const std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(states));
  }

 private:
  std::mutex mutex_;
  std::vector<std::vector<ReplicateState>> free_;
};

// A reused state ready for `prepare`: its people's fields stay (copy_person overwrites them as people join).
void clear_people_kept(ReplicateState& st) {
  for (auto& b : st.blocks) b.records.clear(), b.suspended.clear();
}

// The variants that follow the baseline (Plan::follows), all at once: each simulates only people from the
// first month they would ask for one of its places (AskWatch, noted in the baseline's run), twice: with the
// variant's interventions and without (the baseline again). Everyone else's path is the baseline's, and
// places are shared only among those who ask, so a variant's counts are the baseline's plus the difference of
// the two: exactly the full simulation's. Until they join, people follow the baseline's path in the burn-in's
// state (`before`), stepped for those still to join; on joining they are copied from it into both of their
// variant's states.
std::vector<Tally> follow_baseline(const Plan& plan, const std::vector<std::size_t>& vs, std::uint64_t key,
                                   ReplicateState& burn, StatePool& pool, const Tally& baseline,
                                   const std::vector<const std::vector<std::int16_t>*>& first_ask,
                                   const std::vector<InterventionRun>& made) {
  const auto& o = plan.options;
  const auto& variants = plan.scenario.variants;
  const auto& s0 = plan.schedules[0];
  const std::size_t people = s0.birth.size();
  std::vector<std::vector<LogEvent>> no_logs;
  InterventionRun none;
  const Context c0{variants[0].params, plan.derived[0], s0, key, plan.horizon, s0.last_month, plan.walk_stop,
                   &none};
  auto states = pool.take();
  states.resize(2 * vs.size());
  struct Follower {
    ReplicateState &with, &without;
    InterventionRun run;
    std::unique_ptr<Context> c;
    std::vector<std::vector<std::uint32_t>> joining;  // [month]: people joining then
    std::vector<std::uint32_t> active;                // ascending
  };
  std::vector<Follower> fs;
  fs.reserve(vs.size());                            // each Context points at its Follower's run
  std::vector<std::int16_t> last_join(people, -1);  // the month of a person's last joining (-1: none)
  for (std::size_t f = 0; f < vs.size(); ++f) {
    const std::size_t v = vs[f];
    auto& F = fs.emplace_back(Follower{states[2 * f], states[2 * f + 1], made[v], nullptr, {}, {}});
    clear_people_kept(F.with), clear_people_kept(F.without);
    prepare(plan, v, F.with, variants[v].interventions.size(), false, no_logs);
    prepare(plan, 0, F.without, 0, false, no_logs);
    F.c = std::make_unique<Context>(Context{variants[v].params, plan.derived[v], plan.schedules[v], key,
                                            plan.horizon, s0.last_month, plan.walk_stop, &F.run});
    F.joining.resize(static_cast<std::size_t>(s0.last_month + 1));
    for (std::size_t id = 0; id < people; ++id) {
      const auto t = (*first_ask[f])[id];
      if (t > s0.last_month) continue;
      F.joining[static_cast<std::size_t>(t)].push_back(static_cast<std::uint32_t>(id));
      last_join[id] = std::max(last_join[id], t);
    }
  }
  // The burn-in's state, its last use. Its tallies are not counted: a person's months before joining would
  // count alike in both of the variant's states, so they are left out of both.
  ReplicateState& before = burn;
  std::vector<std::uint32_t> waiting;  // ascending: people who join a variant later than this month
  for (std::size_t id = 0; id < people; ++id)
    if (last_join[id] >= 0) waiting.push_back(static_cast<std::uint32_t>(id));
  for (long t = 0; t <= s0.last_month; ++t) {
    check_cancel(o);
    for (auto& F : fs) {
      const auto& now = F.joining[static_cast<std::size_t>(t)];
      if (now.empty()) continue;
      for (const auto id : now)
        copy_person(before, F.with, id, o.block_size), copy_person(before, F.without, id, o.block_size);
      const auto mid = static_cast<std::ptrdiff_t>(F.active.size());
      F.active.insert(F.active.end(), now.begin(), now.end());
      std::inplace_merge(F.active.begin(), F.active.begin() + mid, F.active.end());
    }
    std::erase_if(waiting, [&](std::uint32_t id) { return last_join[id] <= t; });
    step_people(c0, before, t, o.block_size, none, waiting);
    for (auto& F : fs) {
      step_people(*F.c, F.with, t, o.block_size, F.run, F.active);
      step_people(c0, F.without, t, o.block_size, none, F.active);
    }
  }
  std::vector<Tally> totals;
  for (std::size_t f = 0; f < vs.size(); ++f) {
    Tally total = empty_tally(plan, vs[f]);
    add_tally(total, baseline, 1);
    add_blocks(total, fs[f].with, 1);
    add_blocks(total, fs[f].without, -1);
    totals.push_back(std::move(total));
  }
  pool.give(std::move(states));
  return totals;
}

// Replicate `key` (its random-number address) into result slot `r`.
void run_replicate(const Plan& plan, std::size_t r, std::uint64_t key, Results& res, std::atomic<long>& done,
                   long total, StatePool& pool, StatePool& burn_pool) {
  const auto& o = plan.options;
  const auto& variants = plan.scenario.variants;
  auto kept = burn_pool.take();  // [0] the burn-in's state, [1] the copy a variant runs on (StatePool)
  kept.resize(2);
  ReplicateState& burn = kept[0];
  burn.blocks.clear();  // records made afresh: their capacities count in state_bytes, alike at any thread count
  const auto& s0 = plan.schedules[0];
  burn.people.resize(s0.birth.size());
  // No one has a record yet: follow_baseline copies a person who joins in their month of entry before they
  // enter (copy_person reads the index); their other fields are set by entry.
  std::fill(burn.people.record.begin(), burn.people.record.end(), -1);
  std::copy(s0.birth.begin(), s0.birth.end(), burn.people.birth.begin());
  burn.blocks.resize(block_count(s0.birth.size(), o.block_size));
  for (auto& b : burn.blocks) b.tally.resize(plan.calendar.periods(), plan.calendar.years(), 0);
  InterventionRun none;  // the burn-in has no interventions: variants differ from month 0 (MODEL.md §1)
  const Context c0{variants[0].params, plan.derived[0], s0, key, plan.horizon, s0.last_month, plan.walk_stop, &none};
  for (long t = s0.first_month; t < 0; ++t) {  // burn-in: shared by every variant (MODEL.md §1)
    check_cancel(o);
    step_month(c0, burn, t, o.block_size, none);
  }
  const auto skipped = [&](std::size_t v) { return v < o.skip_variants.size() && o.skip_variants[v]; };
  // A baseline that was not asked for still runs when two or more variants can follow it: that is cheaper than
  // running them in full (the desktop app has the baseline already when the variants change).
  std::size_t followers = 0;
  for (std::size_t v = 1; v < variants.size(); ++v) followers += plan.follows[v] && !skipped(v);
  const bool baseline_runs = !skipped(0) || followers >= 2;
  const auto runs_here = [&](std::size_t v) { return !skipped(v) || (v == 0 && baseline_runs); };
  std::vector<InterventionRun> runs;  // each variant's interventions for this replicate
  for (std::size_t v = 0; v < variants.size(); ++v) runs.push_back(make_intervention_run(variants[v].interventions, variants[v].params, key));
  // The variants that follow the baseline are watched while it runs (AskWatch).
  AskWatch watch;
  std::vector<std::size_t> watched(variants.size(), SIZE_MAX);
  for (std::size_t v = 1; v < variants.size() && baseline_runs; ++v)
    if (plan.follows[v] && !skipped(v)) {
      watched[v] = watch.runs.size();
      watch.runs.push_back(&runs[v]);
      watch.first_ask.emplace_back(plan.schedules[0].birth.size(), kNever);
    }
  std::size_t uses = 0;  // of the burn-in state, so that the last one can take it
  std::vector<std::size_t> followers_here;
  std::vector<const std::vector<std::int16_t>*> asks;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (!runs_here(v)) continue;
    if (watched[v] == SIZE_MAX) {
      ++uses;
    } else {
      followers_here.push_back(v);
      asks.push_back(&watch.first_ask[watched[v]]);
    }
  }
  uses += !followers_here.empty();
  Tally baseline;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (!runs_here(v) || watched[v] != SIZE_MAX) continue;
    ReplicateState& st = kept[1];
    if (--uses == 0) {
      std::swap(st, burn);
    } else {
      st.blocks.clear();  // records copied anew (capacity = size), as a copy-constructed state's
      st = burn;
    }
    const auto& sv = plan.schedules[v];
    std::vector<std::vector<LogEvent>> block_logs;
    prepare(plan, v, st, variants[v].interventions.size(), o.keep_event_log, block_logs);
    InterventionRun& run = runs[v];
    set_risk_thresholds(run, st.people.propensity, sv.birth, static_cast<std::size_t>(sv.entered(-1)));
    if (v == 0 && !watch.runs.empty()) run.watch = &watch;
    const Context cv{variants[v].params, plan.derived[v], sv, key, plan.horizon, sv.last_month, plan.walk_stop, &run};
    for (long t = 0; t <= sv.last_month; ++t) {
      check_cancel(o);
      step_month(cv, st, t, o.block_size, run);
    }
    Tally tally = empty_tally(plan, v);
    add_blocks(tally, st, 1);  // fixed block order
    if (v == 0) baseline = tally;
    if (skipped(v)) continue;  // the baseline, run only for the variants that follow it
    if (v == 0) res.state_bytes[r] = state_bytes(st);
    if (o.keep_event_log)
      for (auto& b : st.blocks) res.variants[v].logs[r].insert(res.variants[v].logs[r].end(), b.log->begin(), b.log->end());
    res.variants[v].replicates[r] = finish(plan, v, tally);
    if (o.progress) o.progress(done.fetch_add(1) + 1, total);
  }
  if (!followers_here.empty()) {
    const auto tallies = follow_baseline(plan, followers_here, key, burn, pool, baseline, asks, runs);
    for (std::size_t f = 0; f < followers_here.size(); ++f) {
      res.variants[followers_here[f]].replicates[r] = finish(plan, followers_here[f], tallies[f]);
      if (o.progress) o.progress(done.fetch_add(1) + 1, total);
    }
  }
  burn_pool.give(std::move(kept));
}

double person_months(const EntrySchedule& s) {
  double total = 0;
  for (long t = s.first_month; t <= s.last_month; ++t) {
    const auto alive = s.entered(t);
    // People leave at 25: born on or before t - 300.
    const auto gone = std::upper_bound(s.birth.begin(), s.birth.end(),
                                       static_cast<std::int16_t>(std::max(t - kExitAgeMonths, -32000L))) -
                      s.birth.begin();
    total += static_cast<double>(alive - std::min<std::int64_t>(alive, gone));
  }
  return total;
}

// Every parameter equal (the parameter table, the seed, the start and the needs flags).
bool same_params(const Params& a, const Params& b) {
  Params x = a, y = b;
  for (const auto& d : parameter_table()) {
    const auto sx = d.ref(x), sy = d.ref(y);
    if (!std::equal(sx.begin(), sx.end(), sy.begin(), sy.end())) return false;
  }
  if (a.run.seed != b.run.seed || a.run.start != b.run.start || a.needs.size() != b.needs.size()) return false;
  for (std::size_t k = 0; k < a.needs.size(); ++k)
    if (a.needs[k].name != b.needs[k].name || a.needs[k].prevalence != b.needs[k].prevalence ||
        a.needs[k].multiplier != b.needs[k].multiplier)
      return false;
  return true;
}

// A variant may follow the baseline (follow_baseline) when the baseline has no interventions (its run is the one
// watched for asks) and the variant differs from it by interventions alone, none of them at_risk (a screen of
// everyone each month), and no event log is asked for (its order would differ).
bool may_follow(const Scenario& s, const RunOptions& o, std::size_t v) {
  if (v == 0 || !o.follow_baseline || o.keep_event_log || !s.variants[0].interventions.empty() ||
      !same_params(s.variants[v].params, s.baseline()))
    return false;
  for (const auto& iv : s.variants[v].interventions)
    if (iv.target == Target::at_risk) return false;
  return true;
}

bool same_rate_schedule(const Params& a, const Params& b) {
  return a.offending.base_rate == b.offending.base_rate && a.offending.age_rr == b.offending.age_rr;
}

Plan make_plan(const Scenario& s, const RunOptions& o) {
  const Params& base = s.baseline();
  const auto horizon = static_cast<long>(base.run.months);
  Plan plan{s, o, {}, {}, horizon, kNever, sim::Calendar(base.run.start, horizon), {}, {}};
  plan.derived.reserve(s.variants.size());
  for (const auto& v : s.variants) {
    plan.schedules.push_back(make_entry_schedule(v.params));
    plan.derived.emplace_back(v.params);
    if (!same_rate_schedule(v.params, base)) plan.walk_stop = 0;
  }
  for (std::size_t v = 0; v < s.variants.size(); ++v) plan.follows.push_back(may_follow(s, o, v));
  for (long p = 0; p < plan.calendar.periods(); ++p) {
    const auto per = plan.calendar.period(p);
    plan.months_in_period.push_back(per.last_month - per.first_month + 1);
  }
  return plan;
}

// The scenario with posterior draw d in every variant's parameters (models/scenario.h replicate_params).
Scenario with_draw(const Scenario& s, std::size_t d) {
  Scenario out = s;
  for (std::size_t v = 0; v < s.variants.size(); ++v) out.variants[v].params = replicate_params(s, v, d);
  return out;
}

}  // namespace

Results run_scenario(const Scenario& s, const RunOptions& o) {
  const Params& base = s.baseline();
  const long all = static_cast<long>(base.run.replicates);
  const long first = std::clamp(o.first_replicate, 0L, all);
  const auto reps = static_cast<std::size_t>(o.replicate_count < 0 ? all - first : std::min(o.replicate_count, all - first));
  // One plan per posterior draw the replicates use (one plan without draws); a replicate's random numbers are
  // addressed by its number alone, whichever draw it runs with.
  std::vector<std::unique_ptr<Scenario>> drawn;
  std::vector<Plan> plans;
  std::vector<long> plan_of_draw(std::max<std::size_t>(s.calibration.draws.size(), 1), -1);
  if (s.calibration.draws.empty()) plans.push_back(make_plan(s, o)), plan_of_draw[0] = 0;
  for (std::size_t r = 0; r < reps && !s.calibration.draws.empty(); ++r) {
    const std::size_t d = draw_of_replicate(s, first + static_cast<long>(r));
    if (plan_of_draw[d] >= 0) continue;
    plan_of_draw[d] = static_cast<long>(plans.size());
    drawn.push_back(std::make_unique<Scenario>(with_draw(s, d)));
    plans.push_back(make_plan(*drawn.back(), o));
  }
  if (plans.empty()) plans.push_back(make_plan(s, o));  // no replicates: the calendar and sizes still
  const Plan& plan = plans.front();
  Results res{plan.calendar, base.run.seed, static_cast<long>(reps), first, plan.months_in_period, {},
              person_months(plan.schedules[0]), plan.schedules[0].birth.size(), std::vector<double>(reps, 0.0)};
  for (const auto& v : s.variants) {
    res.variants.push_back({v.name, v.description, std::vector<KpiValues>(reps), {}});
    if (o.keep_event_log) res.variants.back().logs.resize(reps);
  }
  std::atomic<long> done{0};
  StatePool pool, burn_pool;
  const long total = static_cast<long>(reps * s.variants.size());
  sim::with_threads(o.threads, [&] {
    sim::parallel_for_each_index(reps, [&](std::size_t r) {
      const long number = first + static_cast<long>(r);
      run_replicate(plans[static_cast<std::size_t>(plan_of_draw[draw_of_replicate(s, number)])], r,
                    static_cast<std::uint64_t>(number), res, done, total, pool, burn_pool);
    });
  });
  return res;
}

}  // namespace yjsim::models

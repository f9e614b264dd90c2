#include "models/simulation.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>

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
};

void check_cancel(const RunOptions& o) {
  if (o.cancel && o.cancel->load(std::memory_order_relaxed)) throw sim::Cancelled();
}

std::size_t block_count(std::size_t people, std::size_t block_size) { return (people + block_size - 1) / block_size; }

KpiValues finish(const Plan& plan, std::size_t v, ReplicateState& st, std::vector<LogEvent>* log) {
  const Params& p = plan.scenario.variants[v].params;
  Tally total;
  total.resize(plan.calendar.periods(), plan.calendar.years(), plan.scenario.variants[v].interventions.size());
  for (auto& b : st.blocks) {  // fixed block order
    total.merge(b.tally);
    if (log && b.log) log->insert(log->end(), b.log->begin(), b.log->end());
  }
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

// Replicate `key` (its random-number address) into result slot `r`.
void run_replicate(const Plan& plan, std::size_t r, std::uint64_t key, Results& res, std::atomic<long>& done,
                   long total) {
  const auto& o = plan.options;
  const auto& variants = plan.scenario.variants;
  ReplicateState burn;
  const auto& s0 = plan.schedules[0];
  burn.people.resize(s0.birth.size());
  std::copy(s0.birth.begin(), s0.birth.end(), burn.people.birth.begin());
  burn.blocks.resize(block_count(s0.birth.size(), o.block_size));
  for (auto& b : burn.blocks) b.tally.resize(plan.calendar.periods(), plan.calendar.years(), 0);
  InterventionRun none;  // the burn-in has no interventions: variants differ from month 0 (MODEL.md §1)
  const Context c0{variants[0].params, plan.derived[0], s0, key, plan.horizon, s0.last_month, plan.walk_stop, &none};
  for (long t = s0.first_month; t < 0; ++t) {  // burn-in: shared by every variant (MODEL.md §1)
    check_cancel(o);
    step_month(c0, burn, t, o.block_size, none);
  }
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (v < o.skip_variants.size() && o.skip_variants[v]) continue;
    ReplicateState st = v + 1 == variants.size() ? std::move(burn) : burn;
    const auto& sv = plan.schedules[v];
    st.people.resize(sv.birth.size());
    std::copy(sv.birth.begin(), sv.birth.end(), st.people.birth.begin());
    st.blocks.resize(block_count(sv.birth.size(), o.block_size));
    std::vector<std::vector<LogEvent>> block_logs(o.keep_event_log ? st.blocks.size() : 0);
    const auto& interventions = variants[v].interventions;
    for (std::size_t b = 0; b < st.blocks.size(); ++b) {
      st.blocks[b].tally.resize(plan.calendar.periods(), plan.calendar.years(), interventions.size());
      st.blocks[b].log = o.keep_event_log ? &block_logs[b] : nullptr;
      st.blocks[b].candidates.assign(interventions.size(), {});
    }
    InterventionRun run = make_intervention_run(interventions, variants[v].params, key);
    set_risk_thresholds(run, st.people.propensity, sv.birth, static_cast<std::size_t>(sv.entered(-1)));
    const Context cv{variants[v].params, plan.derived[v], sv, key, plan.horizon, sv.last_month, plan.walk_stop, &run};
    for (long t = 0; t <= sv.last_month; ++t) {
      check_cancel(o);
      step_month(cv, st, t, o.block_size, run);
    }
    if (v == 0) res.state_bytes[r] = state_bytes(st);
    std::vector<LogEvent>* log = o.keep_event_log ? &res.variants[v].logs[r] : nullptr;
    res.variants[v].replicates[r] = finish(plan, v, st, log);
    if (o.progress) o.progress(done.fetch_add(1) + 1, total);
  }
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

bool same_rate_schedule(const Params& a, const Params& b) {
  return a.offending.base_rate == b.offending.base_rate && a.offending.age_rr == b.offending.age_rr;
}

Plan make_plan(const Scenario& s, const RunOptions& o) {
  const Params& base = s.baseline();
  const auto horizon = static_cast<long>(base.run.months);
  Plan plan{s, o, {}, {}, horizon, kNever, sim::Calendar(base.run.start, horizon), {}};
  plan.derived.reserve(s.variants.size());
  for (const auto& v : s.variants) {
    plan.schedules.push_back(make_entry_schedule(v.params));
    plan.derived.emplace_back(v.params);
    if (!same_rate_schedule(v.params, base)) plan.walk_stop = 0;
  }
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
  const long total = static_cast<long>(reps * s.variants.size());
  sim::with_threads(o.threads, [&] {
    sim::parallel_for_each_index(reps, [&](std::size_t r) {
      const long number = first + static_cast<long>(r);
      run_replicate(plans[static_cast<std::size_t>(plan_of_draw[draw_of_replicate(s, number)])], r, static_cast<std::uint64_t>(number), res,
                    done, total);
    });
  });
  return res;
}

}  // namespace yjsim::models

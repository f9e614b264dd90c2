// The live tracker (docs/tracker.md). The measure to date is MODEL.md §6.2 on what the extract shows proven by
// as-of. The projection draws, for each child whose follow-up is not over, one simulated child of the model's
// reference run who started alike (index disposal, previous offences, sex, age) and whose record looked alike at
// the same point of follow-up (months since the index month, reoffences proven so far, reoffences pending); the
// real child's final count is what is proven now plus what that simulated child had still to come. The simulated
// child's future holds the model's own offending hazard, the offences already committed but not yet detected or
// proven, and the court delay as the proof lag.
#include "analysis/tracker.h"

#include "analysis/uncertainty.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>

#include "models/simulation.h"
#include "models/streams.h"
#include "sim/distributions.h"
#include "sim/errors.h"
#include "sim/parallel.h"
#include "sim/random.h"

namespace yjsim::analysis {

namespace {

using models::IndexDisposal;
using models::kProofDeadlineMonths;
using models::kReoffenceWindowMonths;

std::uint64_t proven_bucket(long n) {
  return n <= 4 ? static_cast<std::uint64_t>(n) : n <= 6 ? 5 : n <= 9 ? 6 : n <= 14 ? 7 : 8;
}
std::uint64_t pending_bucket(long n) { return n <= 1 ? static_cast<std::uint64_t>(n) : n <= 3 ? 2 : 3; }
std::uint64_t court_class(IndexDisposal d) {  // caution, a court disposal, a release from custody
  return d == IndexDisposal::caution ? 0 : d == IndexDisposal::custody_release ? 2 : 1;
}

// Levels from the most specific match to the least (the last, months since index only, holds everyone).
std::uint64_t key(int level, const ReferencePool::Query& q) {
  const auto d = static_cast<std::uint64_t>(q.disposal);
  const std::uint64_t tail = static_cast<std::uint64_t>(q.e) << 16 | proven_bucket(q.proven) << 8 | pending_bucket(q.pending);
  std::uint64_t k = 0;
  switch (level) {
    case 0: k = d << 40 | std::uint64_t{q.previous_class} << 32 | std::uint64_t{q.girl} << 28 | std::uint64_t{q.older} << 24 | tail; break;
    case 1: k = d << 40 | std::uint64_t{q.previous_class} << 32 | std::uint64_t{q.older} << 24 | tail; break;
    case 2: k = court_class(q.disposal) << 40 | std::uint64_t{q.previous_class} << 32 | tail; break;
    case 3: k = std::uint64_t{q.previous_class} << 32 | tail; break;
    case 4: k = tail; break;
    case 5: k = static_cast<std::uint64_t>(q.e) << 16 | proven_bucket(q.proven) << 8; break;
    default: k = static_cast<std::uint64_t>(q.e) << 16; break;
  }
  return static_cast<std::uint64_t>(level) << 56 | k;
}

ReferencePool::Query query_of(const models::ReferenceEntry& r, bool girl, int e) {
  return {r.disposal, models::previous_offences_class(r.previous), static_cast<std::uint8_t>(girl),
          static_cast<std::uint8_t>(r.age_years >= 15), e, r.proven[static_cast<std::size_t>(e)],
          r.pending[static_cast<std::size_t>(e)]};
}

IndexDisposal model_disposal(input::IndexDisposal d) {
  switch (d) {
    case input::IndexDisposal::youth_caution:
    case input::IndexDisposal::youth_conditional_caution: return IndexDisposal::caution;
    case input::IndexDisposal::discharge:
    case input::IndexDisposal::fine: return IndexDisposal::discharge_fine;
    case input::IndexDisposal::referral_order: return IndexDisposal::referral_order;
    case input::IndexDisposal::custody_release: return IndexDisposal::custody_release;
    default: return IndexDisposal::yro;  // yro, other_community: a community order under supervision
  }
}

// Share of the cohort's reoffences committed by its top 10% of children (ceil(n / 10) children); NaN if none.
double concentration(std::vector<long> counts) {
  const long total = std::accumulate(counts.begin(), counts.end(), 0L);
  if (counts.empty() || total == 0) return NAN;
  const auto top = (counts.size() + 9) / 10;
  std::partial_sort(counts.begin(), counts.begin() + static_cast<long>(top), counts.end(), std::greater<>());
  return static_cast<double>(std::accumulate(counts.begin(), counts.begin() + static_cast<long>(top), 0L)) /
         static_cast<double>(total);
}

Projection project(const std::vector<double>& draws, std::size_t sets) {
  std::vector<std::size_t> set_of(draws.size());
  for (std::size_t d = 0; d < draws.size(); ++d) set_of[d] = d % sets;
  const UncertaintySplit u = split_uncertainty(draws, set_of, sets);
  return {sim::summarise(draws), u.sd_parameter, u.separable ? u.sd_chance : 0.0};
}

double share_below(const std::vector<double>& draws, double target) {
  if (draws.empty()) return NAN;
  long below = 0;
  for (double v : draws) below += v < target;
  return static_cast<double>(below) / static_cast<double>(draws.size());
}

std::string quarter_label(long month_index) {
  return std::to_string(month_index / 12) + "-Q" + std::to_string(month_index % 12 / 3 + 1);
}

// What the extract says of one cohort entry.
struct Known {
  std::size_t cohort;
  long index_month;
  int e;           // months of follow-up seen: as-of month - index month, at most 18
  long proven;     // reoffences proven by as-of
  long pending;    // reoffences pending at as-of
  std::vector<long> pending_groups;  // their offence groups (cases)
  ReferencePool::Query query;
};

std::vector<Known> known_of(const input::CohortExtract& x, std::vector<CohortTrack>& cohorts) {
  std::unordered_map<std::string, std::vector<const input::CohortEvent*>> events;
  for (const auto& ev : x.events) events[ev.child_id].push_back(&ev);
  std::map<long, std::size_t> quarter;  // first month -> cohort
  for (const auto& c : x.children) quarter.emplace(c.index_date.month_index() / 3 * 3, 0);
  for (auto& [first, slot] : quarter) {
    slot = cohorts.size();
    CohortTrack t;
    t.label = quarter_label(first);
    t.first_month = first;
    t.last_month = first + 2;
    const sim::Calendar cal(sim::YearMonth{static_cast<int>(first / 12), static_cast<int>(first % 12 + 1)}, 3);
    t.complete_month = first + models::cohort_complete_month(cal, 0);
    t.publication_month = first + models::cohort_publication_month(cal, 0);
    t.complete = x.as_of.month_index() >= t.complete_month;
    cohorts.push_back(t);
  }
  std::vector<Known> out;
  const long asof = x.as_of.month_index();
  for (const auto& c : x.children) {
    const long m = c.index_date.month_index();
    Known k{quarter.at(m / 3 * 3), m, static_cast<int>(std::min<long>(asof - m, kProofDeadlineMonths)), 0, 0, {}, {}};
    for (const auto* ev : events[c.id]) {
      const long om = ev->offence_date.month_index();
      if (om < m + 1 || om > m + kReoffenceWindowMonths) continue;  // outside the reoffending window
      if (ev->outcome == input::EventOutcome::pending) {
        k.pending += ev->offences;
        k.pending_groups.push_back(ev->offences);
      }
      else if (input::proves(ev->outcome) && ev->outcome_date->month_index() <= m + kProofDeadlineMonths)
        k.proven += ev->offences;
    }
    k.query = {model_disposal(c.disposal), models::previous_offences_class(c.previous_offences),
               static_cast<std::uint8_t>(c.girl), static_cast<std::uint8_t>(c.age_at_index >= 15), k.e, k.proven,
               k.pending};
    out.push_back(k);
  }
  return out;
}

void measure_to_date(const std::vector<Known>& known, std::vector<CohortTrack>& cohorts) {
  std::vector<std::vector<long>> counts(cohorts.size());
  for (const auto& k : known) {
    auto& t = cohorts[k.cohort];
    ++t.size;
    t.reoffenders += k.proven > 0;
    t.reoffences += k.proven;
    t.pending_offences += k.pending;
    counts[k.cohort].push_back(k.proven);
  }
  for (std::size_t c = 0; c < cohorts.size(); ++c) {
    auto& t = cohorts[c];
    t.binary = static_cast<double>(t.reoffenders) / static_cast<double>(t.size);
    t.frequency = static_cast<double>(t.reoffences) / static_cast<double>(t.size);
    t.concentration = concentration(counts[c]);
  }
}

input::Date date_of(const models::ReferenceRun& run, long month, int day) {
  const long m = static_cast<long>(run.start.year) * 12 + run.start.month - 1 + month;
  return {static_cast<int>(m / 12), static_cast<int>(m % 12 + 1), day};
}

int last_day(int year, int month) {
  static constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

input::IndexDisposal input_disposal(IndexDisposal d) {
  switch (d) {
    case IndexDisposal::caution: return input::IndexDisposal::youth_caution;
    case IndexDisposal::discharge_fine: return input::IndexDisposal::discharge;
    case IndexDisposal::referral_order: return input::IndexDisposal::referral_order;
    case IndexDisposal::yro: return input::IndexDisposal::yro;
    default: return input::IndexDisposal::custody_release;
  }
}

input::EventOutcome input_outcome(std::uint8_t formal) {
  switch (formal) {
    case 0: return input::EventOutcome::youth_caution;
    case 1: return input::EventOutcome::youth_conditional_caution;
    case 3: return input::EventOutcome::adult_caution;
    default: return input::EventOutcome::conviction;
  }
}

// Whether the final figure y falls in the central 90% of the projection, by the randomised probability integral
// transform (Czado, Gneiting and Held 2009): u = F(y-) + v (F(y) - F(y-)) with v uniform. For a figure that takes
// few values (a small cohort's binary rate late in follow-up) the plain share inside [p05, p95] exceeds 90% even
// when the projection is exact; this share is 90% exactly then.
bool randomised_pit(std::vector<double> draws, double y, double v) {
  std::sort(draws.begin(), draws.end());
  const auto n = static_cast<double>(draws.size());
  const double below = static_cast<double>(std::lower_bound(draws.begin(), draws.end(), y) - draws.begin()) / n;
  const double upto = static_cast<double>(std::upper_bound(draws.begin(), draws.end(), y) - draws.begin()) / n;
  const double u = below + v * (upto - below);
  return u >= 0.05 && u <= 0.95;
}

}  // namespace

ReferencePool::ReferencePool(std::vector<models::ReferenceRun> runs) : runs_(std::move(runs)), index_(runs_.size()) {
  for (std::size_t j = 0; j < runs_.size(); ++j) {
    const auto& run = runs_[j];
    auto& idx = index_[j];
    for (std::uint32_t i = 0; i < run.entries.size(); ++i) {
      const auto& r = run.entries[i];
      for (int e = 0; e < static_cast<int>(kProofDeadlineMonths); ++e) {
        const Query q = query_of(r, run.people[r.person].girl, e);
        for (int level = 0; level < kLevels; ++level) idx[key(level, q)].push_back(i);
      }
    }
  }
}

std::size_t ReferencePool::entries() const {
  std::size_t n = 0;
  for (const auto& r : runs_) n += r.entries.size();
  return n;
}

const std::vector<std::uint32_t>& ReferencePool::matches(std::size_t set, const Query& q, int* level) const {
  static const std::vector<std::uint32_t> none;
  const auto& idx = index_[set];
  const std::vector<std::uint32_t>* best = &none;
  for (int l = 0; l < kLevels; ++l) {
    const auto it = idx.find(key(l, q));
    if (it == idx.end()) continue;
    best = &it->second;
    if (level) *level = l;
    if (best->size() >= kMinMatches) break;
  }
  return *best;
}

std::vector<models::Params> parameter_sets(const models::Scenario& s) {
  // A calibrated scenario's posterior draws (docs/calibration.md): up to kMaxParameterSets of them, evenly spread
  // over the draws, each with its own reference children; otherwise the scenario's one parameter set.
  const auto& draws = s.calibration.draws;
  if (draws.empty()) return {s.baseline()};
  const std::size_t k = std::min(draws.size(), kMaxParameterSets);
  std::vector<models::Params> out;
  for (std::size_t j = 0; j < k; ++j) out.push_back(models::replicate_params(s, 0, j * draws.size() / k));
  return out;
}

ReferencePool make_reference(const models::Scenario& s, std::uint64_t seed, long replicates, int threads,
                             const std::atomic<bool>* cancel) {
  std::vector<models::ReferenceRun> runs;
  const auto sets = parameter_sets(s);
  for (std::size_t j = 0; j < sets.size(); ++j) {
    models::Scenario one = s;
    one.variants.resize(1);
    one.variants[0].params = sets[j];
    // The reference children are shared out among the parameter sets (at least 2 replicates each).
    const long each = sets.size() == 1 ? replicates : std::max(2L, replicates / static_cast<long>(sets.size()));
    runs.push_back(models::reference_run(one, seed + j, each, threads, cancel));
  }
  return ReferencePool(std::move(runs));
}

TrackResult track(const input::CohortExtract& x, const ReferencePool& pool, const TrackOptions& o) {
  TrackResult res;
  res.as_of = x.as_of;
  res.draws = o.draws;
  res.parameter_sets = pool.parameter_sets();
  res.reference_entries = pool.entries();
  res.target_binary = o.target_binary;
  res.target_frequency = o.target_frequency;
  const auto known = known_of(x, res.cohorts);
  measure_to_date(known, res.cohorts);
  const std::size_t nc = res.cohorts.size(), sets = pool.parameter_sets();
  const auto draws = static_cast<std::size_t>(o.draws);
  // Candidates per child and parameter set (nullptr: the child's figure is final).
  std::vector<std::vector<const std::vector<std::uint32_t>*>> cand(known.size());
  for (std::size_t i = 0; i < known.size(); ++i)
    if (known[i].e < static_cast<int>(kProofDeadlineMonths))
      for (std::size_t j = 0; j < sets; ++j) cand[i].push_back(&pool.matches(j, known[i].query));
  std::vector<std::vector<long>> members(nc);
  for (std::size_t i = 0; i < known.size(); ++i) members[known[i].cohort].push_back(static_cast<long>(i));
  res.binary_draws.assign(nc, std::vector<double>(draws));
  res.frequency_draws.assign(nc, std::vector<double>(draws));
  std::vector<std::vector<double>> conc(nc, std::vector<double>(draws));
  constexpr std::size_t kBlock = 32;
  const std::size_t blocks = (draws + kBlock - 1) / kBlock;
  std::vector<std::vector<double>> child_reo(o.per_child ? blocks : 0), child_off(o.per_child ? blocks : 0);
  const sim::Stream stream(o.seed, models::purpose_id(models::Purpose::tracker));
  // A case pending at month e is decided after a further delay that is geometric with the court's mean delay (the
  // model's delay is geometric, so memoryless); it is proven unless acquitted, and counts if decided by + 18.
  std::vector<std::array<double, models::kCuts>> proof_chance(sets);
  for (std::size_t j = 0; j < sets; ++j) {
    const auto& p = pool.run(j).params;
    const double acquittal = o.pending_acquittal ? *o.pending_acquittal : p.court.acquittal;
    for (std::size_t e = 0; e < models::kCuts; ++e)
      proof_chance[j][e] = (1 - acquittal) *
                           (1 - std::pow(1 - 1 / p.court.mean_delay_months, static_cast<double>(kProofDeadlineMonths) - static_cast<double>(e)));
  }
  sim::with_threads(o.threads, [&] {
    sim::parallel_for_blocks(draws, kBlock, [&](std::size_t b, std::size_t begin, std::size_t end) {
      std::vector<long> off(known.size());
      if (o.per_child) child_reo[b].assign(known.size(), 0.0), child_off[b].assign(known.size(), 0.0);
      for (std::size_t d = begin; d < end; ++d) {
        const std::size_t j = d % sets;
        for (std::size_t i = 0; i < known.size(); ++i) {
          off[i] = known[i].proven;
          if (cand[i].empty() || cand[i][j]->empty()) continue;
          const auto& list = *cand[i][j];
          const double u = sim::unit(stream.words(i, d, 0, 0)[0]);
          const auto& r = pool.run(j).entries[list[static_cast<std::size_t>(
              sim::uniform_int(u, 0, static_cast<long>(list.size()) - 1))]];
          const auto e = static_cast<std::size_t>(known[i].e);
          off[i] += r.still_to_come(e);
          for (std::size_t g = 0; g < known[i].pending_groups.size(); ++g)
            if (sim::unit(stream.words(i, d, 1 + g, 0)[0]) < proof_chance[j][e]) off[i] += known[i].pending_groups[g];
        }
        for (std::size_t c = 0; c < nc; ++c) {
          long reo = 0, sum = 0;
          std::vector<long> counts;
          counts.reserve(members[c].size());
          for (long i : members[c]) {
            const long v = off[static_cast<std::size_t>(i)];
            reo += v > 0;
            sum += v;
            counts.push_back(v);
          }
          const auto n = static_cast<double>(members[c].size());
          res.binary_draws[c][d] = static_cast<double>(reo) / n;
          res.frequency_draws[c][d] = static_cast<double>(sum) / n;
          conc[c][d] = concentration(std::move(counts));
        }
        if (o.per_child)
          for (std::size_t i = 0; i < known.size(); ++i) {
            child_reo[b][i] += off[i] > 0;
            child_off[b][i] += static_cast<double>(off[i]);
          }
      }
    });
  });
  for (std::size_t c = 0; c < nc; ++c) {
    auto& t = res.cohorts[c];
    t.binary_final = project(res.binary_draws[c], sets);
    t.frequency_final = project(res.frequency_draws[c], sets);
    if (t.complete) {  // final: the figure itself, not a mean of equal draws (which may differ in the last bit)
      t.binary_final = {{t.binary, t.binary, t.binary, t.binary, static_cast<long>(draws), 0.0}, 0.0, 0.0};
      t.frequency_final = {{t.frequency, t.frequency, t.frequency, t.frequency, static_cast<long>(draws), 0.0}, 0.0, 0.0};
    }
    t.concentration_final = sim::summarise(conc[c]).mean;
    if (o.target_binary) t.p_binary_below = share_below(res.binary_draws[c], *o.target_binary);
    if (o.target_frequency) t.p_frequency_below = share_below(res.frequency_draws[c], *o.target_frequency);
  }
  if (o.per_child)
    for (std::size_t i = 0; i < known.size(); ++i) {
      double reo = 0, off = 0;
      for (std::size_t b = 0; b < blocks; ++b) reo += child_reo[b][i], off += child_off[b][i];
      const auto n = static_cast<double>(draws);
      res.children.push_back({x.children[i].id, res.cohorts[known[i].cohort].label, known[i].proven,
                              known[i].pending, reo / n, off / n});
    }
  return res;
}

input::CohortExtract synthetic_extract(const models::ReferenceRun& run, std::uint32_t replicate, long first,
                                       long last, long as_of) {
  input::CohortExtract x;
  const input::Date end_of = date_of(run, as_of, 1);
  x.as_of = {end_of.year, end_of.month, last_day(end_of.year, end_of.month)};
  std::map<std::uint32_t, long> first_index;  // person -> first index month in the extract
  for (const auto& r : run.entries) {
    const auto& p = run.people[r.person];
    if (p.replicate != replicate || r.month < first || r.month > last) continue;
    const std::string id = "SYN-" + std::to_string(replicate) + "-" + std::to_string(p.person);
    x.children.push_back({id, p.girl, r.age_years, date_of(run, r.month, 15), input_disposal(r.disposal), r.previous, 0});
    first_index.emplace(r.person, r.month);
  }
  for (const auto& [person, fm] : first_index) {
    const auto& p = run.people[person];
    const std::string id = "SYN-" + std::to_string(replicate) + "-" + std::to_string(p.person);
    for (const auto& g : p.proofs) {
      if (g.commit <= fm || g.commit > as_of) continue;
      input::CohortEvent ev{id, date_of(run, g.commit, 15), g.count, input::EventOutcome::pending, std::nullopt, 0};
      if (g.proof <= as_of) {
        ev.outcome = input_outcome(g.kind);
        ev.outcome_date = date_of(run, g.proof, 15);
      }
      x.events.push_back(ev);
    }
  }
  return x;
}

std::vector<BacktestRow> backtest(const models::Scenario& s, const BacktestOptions& o) {
  const auto truth = models::reference_run(s, o.seed + 1000, o.truth_replicates, o.threads, o.cancel);
  const auto pool = make_reference(s, o.seed + 2000, o.reference_replicates, o.threads, o.cancel);
  const auto& offsets = backtest_offsets();
  // Whole calendar quarters inside the horizon, as model months [first, first + 2].
  const long start = static_cast<long>(truth.start.year) * 12 + truth.start.month - 1;
  std::vector<long> quarter_first;
  for (long m = 0; m + 2 < truth.horizon; ++m)
    if ((start + m) % 3 == 0) quarter_first.push_back(m);
  struct Acc {
    double n = 0, cov_b = 0, cov_f = 0, in_b = 0, in_f = 0, mae_b = 0, mae_f = 0, naive_b = 0, naive_f = 0, w_b = 0, w_f = 0;
  };
  const sim::Stream pit_stream(o.seed, models::purpose_id(models::Purpose::tracker));
  std::vector<Acc> acc(offsets.size());
  TrackOptions to;
  to.draws = o.draws;
  to.seed = o.seed;
  to.threads = o.threads;
  to.pending_acquittal = 0.0;  // a model run records no acquitted case: every pending case it shows ends proven
  for (std::uint32_t r = 0; r < static_cast<std::uint32_t>(o.truth_replicates); ++r) {
    // Final figures of this replicate's cohorts, by first month (model months).
    std::map<long, std::pair<double, double>> final_fig;  // first -> (binary, frequency)
    std::map<long, double> size;
    for (const auto& e : truth.entries) {
      if (truth.people[e.person].replicate != r) continue;
      const long q = (start + e.month) / 3 * 3 - start;
      final_fig[q].first += e.final() > 0;
      final_fig[q].second += e.final();
      size[q] += 1;
    }
    for (std::size_t k = 0; k < offsets.size(); ++k)
      for (long q : quarter_first) {
        if (o.cancel && o.cancel->load()) throw sim::Cancelled();
        if (!size.count(q)) continue;
        const long as_of = q + 2 + offsets[k];
        const auto x = synthetic_extract(truth, r, q, q + 2, as_of);
        const auto t = track(x, pool, to);
        const auto& c = t.cohorts.front();
        const double fb = final_fig[q].first / size[q], ff = final_fig[q].second / size[q];
        auto& a = acc[k];
        a.n += 1;
        const sim::Words w = pit_stream.words(1ULL << 40 | r, static_cast<std::uint64_t>(q), k, 0);
        a.cov_b += randomised_pit(t.binary_draws.front(), fb, sim::unit(w[0])) ;
        a.cov_f += randomised_pit(t.frequency_draws.front(), ff, sim::unit(w[1]));
        a.in_b += fb >= c.binary_final.summary.p5 && fb <= c.binary_final.summary.p95;
        a.in_f += ff >= c.frequency_final.summary.p5 && ff <= c.frequency_final.summary.p95;
        a.mae_b += std::abs(c.binary_final.summary.mean - fb);
        a.mae_f += std::abs(c.frequency_final.summary.mean - ff);
        a.naive_b += std::abs(c.binary - fb);
        a.naive_f += std::abs(c.frequency - ff);
        a.w_b += c.binary_final.summary.p95 - c.binary_final.summary.p5;
        a.w_f += c.frequency_final.summary.p95 - c.frequency_final.summary.p5;
      }
  }
  std::vector<BacktestRow> rows;
  for (std::size_t k = 0; k < offsets.size(); ++k) {
    const auto& a = acc[k];
    const double n = std::max(a.n, 1.0);
    rows.push_back({offsets[k], static_cast<long>(a.n), a.cov_b / n, a.cov_f / n, a.in_b / n, a.in_f / n, a.mae_b / n,
                    a.mae_f / n, a.naive_b / n, a.naive_f / n, a.w_b / n, a.w_f / n});
  }
  return rows;
}

}  // namespace yjsim::analysis

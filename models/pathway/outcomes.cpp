// Formal outcomes (YC, YCC, adult caution, conviction) and index events: the PNC record, first time entrants,
// proven (re)offences, desistance and the post-event rate (MODEL.md §1, §3, §6).
#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

namespace {
const BreakdownDef& by_month() {
  static const BreakdownDef& b = breakdown("reoffence_month");
  return b;
}

// MODEL.md §6.2: an offence committed in index month m+1..m+12 and proven by m+18 is a reoffence.
void count_reoffences(const Context& c, PersonMonth& pm, Record& r, const std::vector<OffenceGroup>& offences) {
  auto& tally = pm.block.tally;
  for (auto& e : r.cohorts) {
    if (e.month == kLongAgo || pm.t > e.month + kProofDeadlineMonths) continue;
    for (const auto& g : offences) {
      if (g.month < e.month + 1 || g.month > e.month + kReoffenceWindowMonths || g.count <= 0) continue;
      const long period = c.period(e.month);
      tally.add(period, Counter::reoffences, g.count);
      tally.add_cohort_cells(period, 2, e.categories, g.count);
      tally.add_cell(period, by_month().cell(0, static_cast<std::size_t>(g.month - e.month - 1)), g.count);
      if (!e.reoffended) {
        e.reoffended = true;
        tally.add(period, Counter::reoffenders);
        tally.add_cohort_cells(period, 1, e.categories);
      }
    }
  }
}
}  // namespace

int age_band_cell(std::size_t kpi, const PersonMonth& pm) {
  static const BreakdownDef& b = breakdown("age_band");
  return b.cell(kpi, pm.age >= kAgeBandSplitMonths ? 1 : 0);
}

int disposal_cell(int category) {
  static const BreakdownDef& b = breakdown("disposal");
  return b.cell(0, static_cast<std::size_t>(category));
}

void formal_outcome(const Context& c, PersonMonth& pm, Record& r, Formal kind,
                    const std::vector<OffenceGroup>& offences, bool desist) {
  const bool counted = pm.child() && c.reported(pm.t);
  const long period = c.period(pm.t);
  auto& tally = pm.block.tally;
  if (!r.formal_ever) {  // MODEL.md §6.1: first YC, YCC or conviction on the PNC
    r.formal_ever = true;
    if (counted) {
      tally.add(period, Counter::fte);
      if (pm.people.flags[pm.id] & 1) tally.add(period, Counter::fte_girls);
      if (kind == Formal::YC || kind == Formal::YCC) tally.add(period, Counter::fte_caution_first);
    }
  }
  long proven = 0;
  for (const auto& g : offences) proven += g.count;
  r.proven_before = r.proven_total;
  r.proven_total += static_cast<std::int32_t>(proven);
  if (counted) {
    tally.add(period, kind == Formal::YC ? Counter::youth_cautions
                      : kind == Formal::YCC ? Counter::youth_conditional_cautions : Counter::convictions);
    if (kind == Formal::YC || kind == Formal::YCC)
      tally.add_cell(period, disposal_cell(kind == Formal::YC ? kDisposalYC : kDisposalYCC));
    tally.add(period, Counter::proven_offences, proven);
    if (r.counted_period != period) {
      r.counted_period = static_cast<std::int32_t>(period);
      tally.add(period, Counter::ccs);
      tally.add_cell(period, age_band_cell(0, pm));
    }
    const long year = pm.t / 12;
    if (r.counted_year != year) {
      r.counted_year = static_cast<std::int32_t>(year);
      ++tally.ccs_year[static_cast<std::size_t>(year)];
      ++tally.year_cells[static_cast<std::size_t>(year)][static_cast<std::size_t>(age_band_cell(0, pm))];
    }
    pm.log(c, LogEvent::Formal, static_cast<std::uint8_t>(kind));
  }
  if (pm.block.log && pm.t >= 0)  // proofs in the follow-up tail still count for cohorts
    for (const auto& g : offences)
      pm.block.log->push_back({LogEvent::Proof, static_cast<std::uint8_t>(kind), static_cast<std::uint32_t>(pm.id),
                               static_cast<std::int32_t>(pm.t), static_cast<std::int32_t>(pm.age), g.month, g.count});
  count_reoffences(c, pm, r, offences);
  // MODEL.md §1: partial desistance after each formal outcome.
  if (desist) {
    const double u = sim::unit(c.draw(Purpose::desistance, pm.id, pm.t, static_cast<std::uint64_t>(kind))[0]);
    if (sim::bernoulli(u, c.p.desistance.per_outcome))
      pm.people.propensity[pm.id] = static_cast<float>(pm.people.propensity[pm.id] * c.p.desistance.factor);
  }
  r.last_outcome = static_cast<std::int32_t>(pm.t);
  if (kind == Formal::Conviction) r.history = History::Convicted;
  else if (r.history == History::None) r.history = History::Cautioned;
}

void index_event(const Context& c, PersonMonth& pm, Record& r, IndexDisposal disposal) {
  // MODEL.md §6.2: the first YC, YCC, non-custodial conviction or release of a child in the quarter.
  if (!pm.child() || !c.reported(pm.t)) return;
  const long period = c.period(pm.t);
  if (r.index_period == period) return;
  r.index_period = static_cast<std::int32_t>(period);
  // Previous offences: proven before the index event, so a caution's or sentence's own offences are excluded
  // (they were just added); a release counts everything proven before it.
  const long previous = disposal == IndexDisposal::custody_release ? r.proven_total : r.proven_before;
  const IndexCategories k{disposal, previous_offences_class(previous),
                          static_cast<std::uint8_t>(pm.people.flags[pm.id] & 1u),
                          static_cast<std::uint8_t>(pm.age >= kAgeBandSplitMonths ? 1 : 0)};
  pm.block.tally.add(period, Counter::cohort);
  pm.block.tally.add_cohort_cells(period, 0, k);
  r.cohorts[r.next_cohort] = CohortEntry{static_cast<std::int32_t>(pm.t), false, k};
  r.next_cohort = static_cast<std::uint8_t>((r.next_cohort + 1) % r.cohorts.size());
  pm.log(c, LogEvent::Index, static_cast<std::uint8_t>(disposal), k.girl, static_cast<std::int32_t>(previous));
}

}  // namespace yjsim::models

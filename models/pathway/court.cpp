// MODEL.md §1b step 8 and §4: cases due this month are sentenced together as one occasion (and the later parts
// of split cases as a second one).
#include <algorithm>
#include <array>
#include <cmath>

#include "models/pathway/phases.h"
#include "sim/distributions.h"

namespace yjsim::models {

namespace {
long custody_months(const Context& c, Sentence s, const sim::Words& w) {
  if (s == Sentence::dto) {
    const auto k = sim::categorical(sim::unit(w[2]), c.d.dto_weights);
    return static_cast<long>(c.p.court.dto_terms[k]) / 2;  // half the term in custody
  }
  return 1 + sim::geometric0(sim::unit(w[3]), c.p.court.long_extra_months_mean);
}
// Custody still to serve after the credit for time on remand (court.remand_credit; docs/model.md, version 2):
// at least one month, the model's grain, so that a release is a later month's event. At credit 0, the term's
// custodial part, as in version 1.
long served_months(const Context& c, long custody, long remand_months) {
  if (c.p.court.remand_credit == 0.0) return custody;
  const auto credit = static_cast<long>(std::lround(c.p.court.remand_credit * static_cast<double>(remand_months)));
  return std::max(1L, custody - credit);
}
// The sentence table's shares, with the custodial ones scaled by age and previous convictions (docs/model.md
// "Version 1 and version 2"; court.custody_age_rr, court.custody_conviction_rr) and the table renormalised. At
// ratio 1 the table itself, so version 1's draws are unchanged.
std::array<double, 5> sentence_shares(const Context& c, const std::array<double, 5>& table, const Record& r, long age) {
  const auto year = static_cast<std::size_t>(std::clamp(age / 12, 10L, 17L) - 10);
  const double rr = c.p.court.custody_age_rr[year] *
                    std::pow(c.p.court.custody_conviction_rr, std::min<int>(r.convictions, 10));
  if (rr == 1.0) return table;
  std::array<double, 5> w = table;
  w[static_cast<std::size_t>(Sentence::dto)] *= rr;
  w[static_cast<std::size_t>(Sentence::long_detention)] *= rr;
  double sum = 0;
  for (double x : w) sum += x;
  for (double& x : w) x /= sum;
  return w;
}

}  // namespace

namespace {
// One sentencing occasion: the cases due this month that are (later) or are not the later part of a split
// case (court.split_share). False when the decision waits for a place (nothing has changed yet).
bool occasion(const Context& c, PersonMonth& pm, Record* r, bool later) {
  std::vector<OffenceGroup> offences;
  bool remanded = false, due = false;
  long remand_months = 0;  // month ends on remand for the occasion's cases (they overlap: the longest)
  for (const auto& k : r->pending) {
    if (k.court_month != pm.t || k.later_part != later) continue;
    due = true;
    remanded |= k.remanded_at_charge;
    if (k.remanded_at_charge) remand_months = std::max<long>(remand_months, (k.on_remand ? pm.t : k.bail_month) - k.charge_month);
    offences.insert(offences.end(), k.offences.begin(), k.offences.end());
  }
  if (!due) return true;
  const bool breach_only = offences.empty();
  const auto& p = c.p;
  const sim::Words w = c.draw(Purpose::court, pm.id, pm.t, later ? 1 : 0);
  const bool acquitted = sim::bernoulli(sim::unit(w[0]), remanded ? p.court.acquittal_remanded : p.court.acquittal);
  const auto& table = remanded     ? p.court.sentence_remanded
                      : later      ? p.court.sentence_split
                      : (r->history == History::Convicted || breach_only) ? p.court.sentence_repeat
                                                                          : p.court.sentence_first;
  auto s = static_cast<Sentence>(sim::categorical(sim::unit(w[1]), sentence_shares(c, table, *r, pm.age)));
  std::int8_t community_instead = -1;  // MODEL.md §8 custody_to_community_share: a YRO with the intervention
  if (!acquitted && custodial(s) && pm.child()) {
    const PathwayAnswer a = pathway_place(c, pm, *r, Target::cusp_of_custody);
    if (a.ask == Ask::wait) {
      pm.suspend(Phase::court, a, Detected{});
      return false;  // nothing has changed yet: the month resumes here once places are allocated
    }
    if (a.ask == Ask::yes) {
      s = Sentence::yro;
      community_instead = static_cast<std::int8_t>(a.intervention);
    }
  }
  // The remand of a case ends at its sentence.
  std::erase_if(r->pending, [&](const Case& k) { return k.court_month == pm.t && k.later_part == later; });
  const bool counted = pm.child() && c.reported(pm.t);
  const long period = c.period(pm.t);
  if (counted) pm.block.tally.add(period, Counter::court_occasions);
  if (acquitted) return true;
  const auto t32 = static_cast<std::int32_t>(pm.t);
  r->last_sentence_month = t32;
  r->last_sentence = s;
  r->history_before_sentence = r->history;
  if (court_order(s)) {
    const bool ro = s == Sentence::referral_order;
    const auto& range = ro ? p.court.ro_months : p.court.yro_months;
    const long months = sim::uniform_int(sim::unit(w[2]), static_cast<long>(range[0]), static_cast<long>(range[1]));
    auto& end = ro ? r->ro_end : r->yro_end;
    end = std::max(end, static_cast<std::int32_t>(t32 + months - 1));  // in force at month ends t..t+L-1
  }
  if (community_instead >= 0) enrol(c, pm, *r, static_cast<std::uint8_t>(community_instead));
  const bool to_custody = custodial(s);
  if (to_custody) {
    const auto months = static_cast<std::int32_t>(custody_months(c, s, w));
    const auto served = static_cast<std::int32_t>(served_months(c, months, remand_months));
    // Concurrent sentences: the later release and the longer licence.
    r->release_month = r->in_custody ? std::max(r->release_month, t32 + served) : t32 + served;
    r->licence_months = r->in_custody ? std::max(r->licence_months, months) : months;
    r->in_custody = true;
    if (counted) {
      pm.block.tally.add(period, Counter::custodial_sentences);
      pm.block.tally.add(period, Counter::custodial_term_months, 2 * months);  // custody, then licence as long
      pm.block.tally.add_cell(period, age_band_cell(1, pm));
      pm.log(c, LogEvent::Custodial);
    }
  }
  if (counted) pm.block.tally.add_cell(period, disposal_cell(kDisposalSentence0 + static_cast<int>(s)));
  formal_outcome(c, pm, *r, Formal::Conviction, offences, !later);
  if (r->convictions < 255) ++r->convictions;
  // A sentence for breach alone is not an index event; a custodial sentence's index event is the release.
  if (!to_custody && !breach_only)
    index_event(c, pm, *r, s == Sentence::discharge_fine   ? IndexDisposal::discharge_fine
                           : s == Sentence::referral_order ? IndexDisposal::referral_order
                                                           : IndexDisposal::yro);
  return true;
}
}  // namespace

// Cases due this month are sentenced together as one occasion; the later parts of split cases due this month
// make a second occasion after it (a separate disposal; docs/model.md, version 2).
bool court(const Context& c, PersonMonth& pm) {
  Record* r = pm.rec();
  if (!r || r->pending.empty()) return true;
  return occasion(c, pm, r, false) && occasion(c, pm, r, true);
}

}  // namespace yjsim::models

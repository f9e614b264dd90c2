#include "models/tracker_reference.h"

#include <algorithm>
#include <map>

namespace yjsim::models {

namespace {

// One replicate's log into people and entries (appended), people keyed by the person's id in the replicate.
void collect(const std::vector<LogEvent>& log, std::uint32_t replicate, ReferenceRun& out) {
  std::map<std::uint32_t, std::vector<const LogEvent*>> by_person;  // people with an index event only
  for (const auto& e : log)
    if (e.kind == LogEvent::Index) by_person[e.person];
  for (const auto& e : log)
    if (e.kind == LogEvent::Index || e.kind == LogEvent::Proof) {
      const auto it = by_person.find(e.person);
      if (it != by_person.end()) it->second.push_back(&e);
    }
  for (auto& [id, events] : by_person) {
    std::stable_sort(events.begin(), events.end(), [](const LogEvent* a, const LogEvent* b) { return a->month < b->month; });
    ReferencePerson p{replicate, id, false, {}};
    long first_index = -1;
    std::vector<const LogEvent*> indices;
    for (const LogEvent* e : events) {
      if (e->kind == LogEvent::Index) {
        if (first_index < 0) first_index = e->month;
        p.girl = e->commit_month != 0;
        indices.push_back(e);
      } else if (first_index >= 0 && e->commit_month > first_index) {
        p.proofs.push_back({e->commit_month, e->month, e->count, e->detail});
      }
    }
    const auto person = static_cast<std::uint32_t>(out.people.size());
    for (const LogEvent* ix : indices) {
      ReferenceEntry r{person, ix->month, static_cast<IndexDisposal>(ix->detail),
                       static_cast<std::uint8_t>(std::clamp(ix->age_months / 12, 10, 17)), ix->count, {}, {}, {}};
      const long m = ix->month;
      for (const auto& g : p.proofs) {
        if (g.commit < m + 1 || g.commit > m + kReoffenceWindowMonths) continue;
        for (std::size_t e = 0; e < kCuts; ++e) {
          const long cut = m + static_cast<long>(e);
          if (g.commit > cut) continue;
          if (g.proof <= cut) r.proven[e] = static_cast<std::int16_t>(std::min(r.proven[e] + g.count, 30000));
          else {
            r.pending[e] = static_cast<std::int16_t>(std::min(r.pending[e] + g.count, 30000));
            if (g.proof <= m + kProofDeadlineMonths)
              r.pending_proven[e] = static_cast<std::int16_t>(std::min(r.pending_proven[e] + g.count, 30000));
          }
        }
      }
      out.entries.push_back(r);
    }
    out.people.push_back(std::move(p));
  }
}

}  // namespace

ReferenceRun reference_run(const Scenario& s, std::uint64_t seed, long replicates, int threads,
                           const std::atomic<bool>* cancel) {
  Scenario base = s;
  base.variants.resize(1);  // the baseline only: what the service runs today
  base.variants[0].params.run.seed = seed;
  base.variants[0].params.run.replicates = static_cast<double>(replicates);
  RunOptions o;
  o.threads = threads;
  o.keep_event_log = true;
  o.cancel = cancel;
  const Results res = run_scenario(base, o);
  ReferenceRun out{base.baseline(), base.baseline().run.start, static_cast<long>(base.baseline().run.months), {}, {}};
  const auto& logs = res.variants[0].logs;
  for (std::size_t r = 0; r < logs.size(); ++r) collect(logs[r], static_cast<std::uint32_t>(r), out);
  return out;
}

}  // namespace yjsim::models

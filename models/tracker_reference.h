#pragma once
// The live tracker's simulated children (docs/tracker.md): every index event of a model run of a scenario's
// baseline, with the child's index disposal, previous offences, sex and age, and every later offence group that
// the run proved (committed when, proven when). A real child's remaining follow-up is projected from the
// simulated children who had the same start and the same history so far (analysis/tracker.cpp); the model's
// own offending hazard (propensity, age, post-event rate, desistance), detection, outcomes and court delay
// (court.mean_delay_months, the proof lag) generate them, so the tracker projects with the model and nothing else.
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "models/kpis.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::models {

struct ReferenceProof {
  std::int32_t commit;  // model month the offences were committed
  std::int32_t proof;   // model month of the caution or conviction
  std::int32_t count;   // offences proven
  std::uint8_t kind;    // Formal: 0 YC, 1 YCC, 2 conviction, 3 adult caution
};

struct ReferencePerson {
  std::uint32_t replicate;
  std::uint32_t person;
  bool girl;
  std::vector<ReferenceProof> proofs;  // committed after the person's first index event, in proof order
};

// Follow-up months of the measure (index month + 1 .. + kProofDeadlineMonths) as seen at each month e after
// the index month, e = 0 .. kProofDeadlineMonths.
constexpr std::size_t kCuts = kProofDeadlineMonths + 1;

struct ReferenceEntry {
  std::uint32_t person;        // index into ReferenceRun::people
  std::int32_t month;          // model month of the index event
  IndexDisposal disposal;
  std::uint8_t age_years;      // at the index event, 10..17
  std::int32_t previous;       // offences proven before the index event
  std::array<std::int16_t, kCuts> proven{};   // reoffences (window +1..+12) proven by index month + e
  std::array<std::int16_t, kCuts> pending{};  // reoffences committed by + e, proven after + e
  std::array<std::int16_t, kCuts> pending_proven{};  // of those, proven by + 18 (they count)
  // Reoffences committed after + e and proven by + 18: what the child had still to do at month e.
  std::int16_t still_to_come(std::size_t e) const {
    return static_cast<std::int16_t>(final() - proven[e] - pending_proven[e]);
  }
  std::int16_t final() const { return proven[kCuts - 1]; }
};

struct ReferenceRun {
  Params params;         // the parameter set that made it
  sim::YearMonth start;  // month 0 of the run
  long horizon;          // index events happen in months 0 .. horizon - 1
  std::vector<ReferencePerson> people;
  std::vector<ReferenceEntry> entries;
};

// Runs the scenario's baseline (its interventions included) with the given seed and replicates, keeping each
// replicate's event log, and collects its index events. Bit-identical at any thread count.
// `cancel` (may be null): set to stop; the run then throws sim::Cancelled.
ReferenceRun reference_run(const Scenario& s, std::uint64_t seed, long replicates, int threads,
                           const std::atomic<bool>* cancel = nullptr);

}  // namespace yjsim::models

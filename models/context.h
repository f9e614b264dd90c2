#pragma once
// What every phase of a person's month needs: the frozen parameters and tables derived from them, the random
// streams' address, and the person being stepped.
#include <algorithm>
#include <array>
#include <cstdint>

#include "models/entry_schedule.h"
#include "models/intervention_state.h"
#include "models/parameters.h"
#include "models/person_state.h"
#include "models/streams.h"
#include "models/vocabulary.h"
#include "sim/random.h"

namespace yjsim::models {

// Tables computed once from a parameter set.
struct Derived {
  std::array<double, kExitAgeMonths> age_rate{};  // base_rate x age_rr by age in months (offences per month, z=1)
  std::array<double, kExitAgeMonths + 1> age_rate_sum{};  // [a]: age_rate summed below age a (never_due)
  std::array<double, kPostEventMonths + 1> post{};  // post-event ratio by months since the event (MODEL.md §2)
  std::array<double, 7> dto_weights{};
  double log_survive_month;  // log(1 - desistance.monthly_hazard)
  long career_from_months;   // desistance.from_age in months, rounded: careers can end from birth + this
  std::array<double, 9> detection{};  // [0]: detection.probability from the start on; [k]: k years before it
  double detection_at(long t) const {
    return detection[t >= 0 ? 0 : static_cast<std::size_t>(std::min((-t - 1) / 12 + 1, 8L))];
  }
  explicit Derived(const Params& p);
};

struct Context {
  const Params& p;
  const Derived& d;
  const EntrySchedule& schedule;
  std::uint64_t replicate;
  long horizon;     // reported months
  long last_month;  // last simulated month
  long walk_stop;   // a quiet person's next offence is searched no further than this (month 0 when a variant
                    // changes the offending rate there, so that it is recomputed with the variant's rate)
  const InterventionRun* effects;  // this replicate's interventions (never null; may be empty)
  sim::Words draw(Purpose what, std::size_t id, long month, std::uint64_t index) const {
    return sim::Stream(p.run.seed, purpose_id(what))
        .words(static_cast<std::uint64_t>(id), replicate, sim::step_word(month), index);
  }
  bool reported(long t) const { return t >= 0 && t < horizon; }
  long period(long t) const { return t / 3; }
};

struct PersonMonth {
  People& people;
  Block& block;
  std::size_t id;
  long t;    // month
  long age;  // age in months
  bool child() const { return age >= kEntryAgeMonths && age < kAdultAgeMonths; }
  Record* rec() {
    const auto r = people.record[id];
    return r < 0 ? nullptr : &block.records[static_cast<std::size_t>(r)];
  }
  Record& ensure_rec() {
    if (people.record[id] < 0) {
      people.record[id] = static_cast<std::int32_t>(block.records.size());
      block.records.emplace_back();
    }
    return block.records[static_cast<std::size_t>(people.record[id])];
  }
  // The month stops at `phase` to wait for a place; it resumes there once places are allocated.
  void suspend(Phase phase, const PathwayAnswer& a, const Detected& d) {
    block.suspended.push_back({static_cast<std::uint32_t>(id), phase, a.intervention, d, a.priority, a.draw});
  }
  void log(const Context& c, LogEvent::Kind k, std::uint8_t detail = 0, std::int32_t commit = 0, std::int32_t n = 0) {
    if (block.log && c.reported(t))
      block.log->push_back({k, detail, static_cast<std::uint32_t>(id), static_cast<std::int32_t>(t),
                            static_cast<std::int32_t>(age), commit, n});
  }
};

}  // namespace yjsim::models

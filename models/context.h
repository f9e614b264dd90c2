#pragma once
// What every phase of a person's month needs: the frozen parameters and tables derived from them, the random
// streams' address, and the person being stepped.
#include <array>
#include <cstdint>

#include "models/entry_schedule.h"
#include "models/intervention_run.h"
#include "models/parameters.h"
#include "models/person_state.h"
#include "sim/random.h"

namespace yjsim::models {

// Stream ids (STYLE.md 5): one per decision, never by variant, so paired variants share draws.
enum class Purpose : std::uint64_t {
  entry = 1, offence, police, remand, bail, court, desistance, breach, cases, places, pathway
};

// Tables computed once from a parameter set.
struct Derived {
  std::array<double, kExitAgeMonths> age_rate{};  // base_rate x age_rr by age in months (offences per month, z=1)
  std::array<double, 13> post{};                  // post-event ratio by months since the event (MODEL.md §2)
  std::array<double, 7> dto_weights{};
  double log_survive_month;  // log(1 - desistance.monthly_hazard)
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
    return sim::Stream(p.run.seed, static_cast<std::uint64_t>(what))
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
  void suspend(std::uint8_t step, const PathwayAnswer& a, const Detected& d) {
    block.suspended.push_back({static_cast<std::uint32_t>(id), step, a.intervention, d, a.priority, a.draw});
  }
  void log(const Context& c, LogEvent::Kind k, std::uint8_t detail = 0, std::int32_t commit = 0, std::int32_t n = 0) {
    if (block.log && c.reported(t))
      block.log->push_back({k, detail, static_cast<std::uint32_t>(id), static_cast<std::int32_t>(t),
                            static_cast<std::int32_t>(age), commit, n});
  }
};

// The phases of MODEL.md §1b, one file each.
void enter(const Context& c, People& people, std::size_t id);                      // entry_schedule: new 10-year-olds
void age_and_transition(const Context& c, PersonMonth& pm);                         // 1 ageing.cpp
void remand_bail(const Context& c, PersonMonth& pm);                                // 2 remand.cpp
void release_from_custody(const Context& c, PersonMonth& pm);                       // 3 release.cpp
Detected offend_and_detect(const Context& c, PersonMonth& pm);                      // 5 offending.cpp
// Steps 6 and 8 return false when the person's month stops to wait for a place (block.suspended).
bool police_outcome(const Context& c, PersonMonth& pm, const Detected& d);          // 6 police_station.cpp
void breach(const Context& c, PersonMonth& pm);                                     // 7 breach.cpp
bool court(const Context& c, PersonMonth& pm);                                      // 8 court.cpp
void month_end(const Context& c, PersonMonth& pm);                                  // 9 month_end.cpp

// Shared by the phases (outcomes.cpp): a YC, YCC, adult caution or conviction proving `offences`.
enum class Formal : std::uint8_t { YC = 0, YCC = 1, Conviction = 2, AdultCaution = 3 };
void formal_outcome(const Context& c, PersonMonth& pm, Record& r, Formal kind,
                    const std::vector<OffenceGroup>& offences);
void index_event(const Context& c, PersonMonth& pm, Record& r);
// Returns false when the remand decision waits for a place (nothing has changed yet).
bool open_case(const Context& c, PersonMonth& pm, Record& r, std::vector<OffenceGroup>& offences, bool may_remand,
               const Detected& d);

// Offending rate and the search for a quiet person's next offence (offending.cpp).
double offending_rate(const Context& c, const People& people, std::size_t id, long t, const Record* r);
void schedule_next(const Context& c, People& people, std::size_t id, long from);
void advance_clock(const Context& c, People& people, std::size_t id, long t);  // clock to the start of month t
bool busy(const Record& r, long t);  // needs stepping in month t (post-event window, orders, cases, custody)

}  // namespace yjsim::models

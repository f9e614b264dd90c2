#pragma once
// The mutable state of one replicate (STYLE.md 2: parameters are const, state is mutable and owned by the
// replicate). Everyone has a few hot fields (24 bytes); a child who has met the justice system also has a Record,
// kept per block of people so that blocks run in parallel without sharing.
#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "models/kpis.h"
#include "models/parameters.h"
#include "models/vocabulary.h"
#include "sim/allocator.h"

namespace yjsim::models {

constexpr std::int16_t kNever = INT16_MAX;     // a wake month that never comes
constexpr std::int32_t kLongAgo = INT32_MIN / 4;  // a month long before any run

struct OffenceGroup {
  std::int32_t month;  // month the offences were committed
  std::int32_t count;  // offences proven if the case is proven
};

struct Case {                          // a charged case awaiting court (MODEL.md §3-4)
  std::int32_t court_month;            // month it is sentenced
  std::int32_t charge_month;           // month of charge (a remand starts then)
  bool remanded_at_charge = false;     // for the verdict and sentence tables
  bool on_remand = false;              // the child is on remand for this case now
  std::vector<OffenceGroup> offences;  // empty for a breach
  std::int32_t bail_month = 0;         // after a bail: its month (the remand's month ends end before it)
  bool later_part = false;             // the later occasion of a split case (court.split_share)
};

struct Enrolment {                     // a place on an intervention (MODEL.md §8)
  std::uint8_t intervention;           // index in the variant's interventions
  std::int32_t start;                  // first month active
  std::int32_t end;                    // last month active
  std::int32_t effect_end;             // last month the offending effect applies (end + persist_months)
};

struct CohortEntry {                   // an index event (MODEL.md §6.2), kept while reoffences can count
  std::int32_t month = kLongAgo;
  bool reoffended = false;
  IndexCategories categories{};        // for the cohort's breakdowns
};

struct Record {
  // Hot: read for everyone stepped, every month (busy, offending_rate, supervised, remanded), so first and
  // together (72 bytes with the two vectors) rather than spread across the record's 240.
  bool in_custody = false;               // sentenced custody
  std::int32_t last_outcome = kLongAgo;  // latest formal outcome or release: the post-event rate (§2)
  std::int32_t ycc_end = kLongAgo, ro_end = kLongAgo, yro_end = kLongAgo,
               licence_end = kLongAgo;  // last month in force
  std::vector<Case> pending;
  std::vector<Enrolment> enrolments;  // interventions (MODEL.md §8)
  // The rest: read at events.
  History history = History::None;
  bool formal_ever = false;        // has a YC, YCC, adult caution or conviction (on the PNC)
  bool released_ever = false;      // released from sentenced custody before (custody_rr applied)
  std::int32_t release_month = 0;  // when in custody: month of release (MODEL.md §1b step 3)
  std::int32_t licence_months = 0;       // licence length that starts at release
  std::int32_t proven_total = 0;         // offences proven by formal outcomes so far (the PNC record)
  std::int32_t proven_before = 0;        // the same before the latest formal outcome (previous offences, §6.2)
  std::uint8_t convictions = 0;          // convictions so far (at most 255), for sentencing
  std::int32_t counted_period = -1, counted_year = -1, index_period = -1;  // de-duplication for KPIs
  std::uint8_t next_cohort = 0;
  std::array<CohortEntry, 8> cohorts{};  // ring of recent index events (at most 7 within 18 months)
  // Interventions (MODEL.md §8)
  std::uint32_t ever_enrolled = 0;       // bit k: has had a place on intervention k (one course each in v1)
  std::int32_t decided_month = kLongAgo; // month of the pathway decisions below
  std::uint32_t decided = 0, granted = 0;  // bit k: a place on pathway intervention k was asked / given
  std::int32_t last_sentence_month = kLongAgo;  // for court_order and cusp_of_custody eligibility
  Sentence last_sentence = Sentence::discharge_fine;
  History history_before_sentence = History::None;
  std::int32_t last_police_month = kLongAgo;  // for diversion eligibility: a decision that could be diverted
  std::int32_t last_release = kLongAgo;

  bool remanded() const {
    for (const auto& c : pending)
      if (c.on_remand) return true;
    return false;
  }
  bool on_court_order(long t) const { return ro_end >= t || yro_end >= t; }
  bool on_licence(long t) const { return !in_custody && licence_end >= t; }
  bool supervised(long t) const { return ycc_end >= t || on_court_order(t) || on_licence(t); }
  bool youth_order(long t) const { return on_court_order(t) || in_custody || licence_end >= t; }
};

// Hot state of everyone, by person id (ids follow the entry order).
struct People {
  std::vector<double> clock;             // unit-rate hazard left until the next offence, at the start of `wake`
  std::vector<double> clock_from;        // the same at the start of walk_from (to wake someone early, exactly)
  std::vector<float> propensity;         // z x girl_rr x needs x desistance x custody factors
  std::vector<std::int16_t> birth;       // month of birth (age in months = t - birth)
  std::vector<std::int16_t> career_end;  // first month with propensity 0 (MODEL.md §1)
  std::vector<std::int16_t> wake;        // next month this person needs attention; kNever if none
  std::vector<std::int16_t> walk_from;   // month at whose start `clock` holds (wake searched from here)
  std::vector<std::uint8_t> flags;       // bit 0: girl
  std::vector<std::uint8_t> needs;       // needs flags, bit i = Params::needs[i]
  std::vector<std::int32_t> record;      // index into the block's records, -1 if none

  void resize(std::size_t n) {
    clock.resize(n); clock_from.resize(n); propensity.resize(n); birth.resize(n); career_end.resize(n); wake.resize(n); walk_from.resize(n);
    flags.resize(n); needs.resize(n); record.resize(n, -1);
  }
  static constexpr std::size_t bytes_per_person() {
    return 2 * sizeof(double) + sizeof(float) + 4 * sizeof(std::int16_t) + 2 * sizeof(std::uint8_t) + sizeof(std::int32_t);
  }
};

// A per-person event, recorded only when a test asks for it (the KPI concordance test).
struct LogEvent {
  enum Kind : std::uint8_t { Formal, Proof, Index, Custodial, RemandStart, Release, Transition };
  Kind kind;
  std::uint8_t detail;      // Formal: 0 YC, 1 YCC, 2 conviction, 3 adult caution; Index: IndexDisposal
  std::uint32_t person;
  std::int32_t month;       // month of the event
  std::int32_t age_months;  // age at the event
  std::int32_t commit_month;  // Proof: month the offences were committed; Index: 1 for a girl (the tracker)
  std::int32_t count;         // Proof: offences; Index: previous offences (models/tracker_reference.cpp)
};

struct Detected {
  long incidents = 0, detected = 0;
  bool serious = false;
};

// The phases of the month after step 4 (MODEL.md §1b), by name: where a month starts after the allocation of
// places, or resumes after waiting for a place at a decision.
enum class Phase : std::uint8_t { offending = 5, police_station = 6, breach = 7, court = 8 };

// At a pathway decision point: no place changes the decision, a place does, or the decision waits for places.
enum class Ask { no, yes, wait };
struct PathwayAnswer {
  Ask ask = Ask::no;
  std::uint8_t intervention = 0;
  double priority = 0;
  std::uint64_t draw = 0;
};

// A person whose month stopped at a decision that needs a capacity-limited place (MODEL.md §8); the month goes
// on from `phase` once places are allocated.
struct Suspended {
  std::uint32_t id;
  Phase phase;                // police_station (diversion, remand) or court (custody to community)
  std::uint8_t intervention;
  Detected detected;          // the month's detected case (step 6)
  double priority;
  std::uint64_t draw;
};

struct Block {                    // people [begin, end) of a replicate and what only they touch
  std::vector<Record> records;
  Tally tally;
  std::vector<LogEvent>* log = nullptr;
  std::vector<std::vector<sim::Candidate>> candidates;  // [intervention]: asking for a place this month
  std::vector<Suspended> suspended;
};

struct ReplicateState {
  People people;
  std::vector<Block> blocks;
};

}  // namespace yjsim::models

#pragma once
// Runs a scenario: for each replicate, one burn-in shared by all variants, then the horizon and follow-up for
// the baseline and each variant from a copy of the burn-in state (MODEL.md §1, §9). Replicates run in parallel
// on TBB; people are stepped in fixed blocks, so results are bit-identical at any thread count.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "models/kpis.h"
#include "models/person_state.h"
#include "models/scenario.h"
#include "sim/calendar.h"

namespace yjsim::models {

struct RunOptions {
  int threads = 0;                                  // 0: all cores
  std::function<void(long done, long total)> progress;  // called from worker threads after each variant run
  const std::atomic<bool>* cancel = nullptr;        // set to stop; run_scenario then throws sim::Cancelled
  bool keep_event_log = false;                      // per-person events, for the KPI concordance test
  std::size_t block_size = 1 << 14;                 // people per block (fixed: part of the result's definition)
  long first_replicate = 0;                         // run replicates [first, first + count) of the scenario's
  long replicate_count = -1;                        //   (-1: to the last); each is the same whatever the split
  // Per variant: true = not wanted (its replicates stay empty, state_bytes too for the baseline; a baseline not
  // wanted still runs when two or more variants follow it, see follow_baseline below). A variant's
  // replicates do not depend on the other variants, so a front end that has them already (the desktop app,
  // when only another variant changed) reuses them instead.
  std::vector<bool> skip_variants;
  // A variant that differs from the baseline by interventions alone simulates only the children who could take
  // a place, from the month they first could, and takes everyone else from the baseline's run (exactly the same
  // results: models/simulation.cpp follow_baseline). false: every variant in full (the test of that).
  bool follow_baseline = true;
};

struct VariantResult {
  std::string name;
  std::string description;
  std::vector<KpiValues> replicates;            // [replicate]
  std::vector<std::vector<LogEvent>> logs;      // [replicate], only with keep_event_log
};

struct Results {
  sim::Calendar calendar;
  std::uint64_t seed;
  long replicates;                              // replicates held here
  long first_replicate;                         // the scenario replicate number of slot 0
  std::vector<long> months_in_period;
  std::vector<VariantResult> variants;          // baseline first
  double person_months_per_replicate;           // everyone alive in every simulated month, burn-in included
  std::size_t people_per_replicate;
  std::vector<double> state_bytes;              // [replicate]: the baseline's state at its last month

  // values[replicate] of a KPI in one period (by_year: one horizon year).
  std::vector<double> values(std::size_t variant, int kpi, std::size_t slot, bool by_year) const;
  // Paired difference variant minus baseline, per replicate (MODEL.md §9).
  std::vector<double> diffs(std::size_t variant, int kpi, std::size_t slot, bool by_year) const;
  // values[replicate] of a breakdown cell (models/kpis.h BreakdownDef::cell) in one period or year.
  std::vector<double> cell_values(std::size_t variant, int cell, std::size_t slot, bool by_year) const;
};

Results run_scenario(const Scenario& s, const RunOptions& o = {});
// Adds the next replicates of the same scenario (a later run_scenario with first_replicate = into's end).
void append_replicates(Results& into, const Results& more);

// Month of the last month of a period's cohort plus 18: when its official reoffending figure is complete.
long cohort_complete_month(const sim::Calendar& cal, long period);
// Month the MoJ publishes that cohort's figure: last month + kPublicationLagMonths (models/vocabulary.h).
long cohort_publication_month(const sim::Calendar& cal, long period);

}  // namespace yjsim::models

#pragma once
// The live tracker (docs/tracker.md): the MoJ proven-reoffending measure to date for a service's quarterly
// cohorts, and the projection of each cohort's final official figure from the model, conditioned on what is known
// about each child at the extract date.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "input/cohort.h"
#include "models/scenario.h"
#include "models/tracker_reference.h"
#include "sim/summary.h"

namespace yjsim::analysis {

// The simulated children the projection draws from: one reference run per parameter set (a scenario's posterior
// draws when it has them, else its baseline alone), indexed by what a real child's record shows.
class ReferencePool {
 public:
  explicit ReferencePool(std::vector<models::ReferenceRun> runs);
  std::size_t parameter_sets() const { return runs_.size(); }
  std::size_t entries() const;
  const models::ReferenceRun& run(std::size_t j) const { return runs_[j]; }
  // Simulated children like this one (start and history to month e after the index month), most specific match
  // with at least kMinMatches children first; never empty for 0 <= e < 18.
  struct Query {
    models::IndexDisposal disposal;
    std::uint8_t previous_class, girl, older;
    int e;
    long proven, pending;
  };
  const std::vector<std::uint32_t>& matches(std::size_t set, const Query& q, int* level = nullptr) const;
  static constexpr std::size_t kMinMatches = 10;
  static constexpr int kLevels = 7;

 private:
  std::vector<models::ReferenceRun> runs_;
  std::vector<std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>> index_;  // per set
};

// Parameter sets for the reference: the baseline, plus each posterior draw when the scenario carries them.
// The parameter sets a projection draws from: a calibrated scenario's posterior draws (at most
// kMaxParameterSets, evenly spread), else the baseline's parameters.
inline constexpr std::size_t kMaxParameterSets = 12;
std::vector<models::Params> parameter_sets(const models::Scenario& s);
// Runs the reference: `replicates` replicates of the scenario's baseline per parameter set.
ReferencePool make_reference(const models::Scenario& s, std::uint64_t seed, long replicates, int threads,
                             const std::atomic<bool>* cancel = nullptr);

struct TrackOptions {
  long draws = 1000;
  std::uint64_t seed = 20190331;
  int threads = 0;
  std::optional<double> target_binary, target_frequency;
  bool per_child = false;
  // Chance that a pending case ends in an acquittal (default: the parameter set's court.acquittal).
  std::optional<double> pending_acquittal;
};

struct Projection {       // of a cohort's final figure, over the draws
  sim::Summary summary;   // mean, p5, p50, p95
  double sd_parameter;    // between parameter sets (0 with one set)
  double sd_stochastic;   // within a parameter set
};

struct CohortTrack {
  std::string label;                       // "2019-Q2", the calendar quarter of its first month
  long first_month, last_month;            // month indices (input::Date::month_index)
  long complete_month, publication_month;  // models::cohort_complete_month / cohort_publication_month
  bool complete;                           // as-of month >= complete_month: the figure is final
  long size = 0, reoffenders = 0, reoffences = 0, pending_offences = 0;  // proven by as-of (MoJ measure)
  double binary = NAN, frequency = NAN;    // to date
  double concentration = NAN;              // to date: share of reoffences by the top 10% of children
  Projection binary_final{}, frequency_final{};
  double concentration_final = NAN;        // mean over draws
  double p_binary_below = NAN, p_frequency_below = NAN;  // P(final < target), when a target is given
};

struct ChildTrack {  // only with --per-child: the pseudonymous id and what the projection says of the child
  std::string id, cohort;
  long proven, pending;
  double p_reoffender, mean_reoffences;
};

struct TrackResult {
  input::Date as_of;
  long draws = 0;
  std::size_t parameter_sets = 0, reference_entries = 0;
  std::optional<double> target_binary, target_frequency;
  std::vector<CohortTrack> cohorts;                // in quarter order
  std::vector<std::vector<double>> binary_draws;  // [cohort][draw]
  std::vector<std::vector<double>> frequency_draws;
  std::vector<ChildTrack> children;
};

TrackResult track(const input::CohortExtract& x, const ReferencePool& pool, const TrackOptions& o);

// A synthetic extract from a model run (the back-test and data/examples/): the children of replicate `replicate`
// with index events in model months [first, last], seen at the end of model month `as_of` (as_of >= last). Ids are
// "SYN-<replicate>-<person>".
input::CohortExtract synthetic_extract(const models::ReferenceRun& run, std::uint32_t replicate, long first,
                                       long last, long as_of);

struct BacktestRow {
  long offset;   // months after the cohort's last month
  long cohorts;  // cohorts projected
  double coverage_binary, coverage_frequency;      // share whose final figure is in the central 90% (randomised PIT)
  double inside_binary, inside_frequency;          // share whose final figure is inside [p05, p95], ties included
  double mae_binary, mae_frequency;                // of the projected mean
  double mae_naive_binary, mae_naive_frequency;    // of the figure proven to date
  double width_binary, width_frequency;            // mean width of the 90% interval
};
struct BacktestOptions {
  long truth_replicates = 16;      // synthetic service histories with known outcomes
  long reference_replicates = 100;
  long draws = 400;
  std::uint64_t seed = 20190331;
  int threads = 0;
  const std::atomic<bool>* cancel = nullptr;  // set to stop (sim::Cancelled)
};
inline const std::vector<long>& backtest_offsets() {
  static const std::vector<long> o = {3, 6, 9, 12, 15};
  return o;
}
std::vector<BacktestRow> backtest(const models::Scenario& s, const BacktestOptions& o);

}  // namespace yjsim::analysis

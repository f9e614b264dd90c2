#pragma once
// Runs scenarios on a background thread so that the window never freezes. The first few replicates run first,
// so that a result shows within a second, then the rest in growing chunks merged with append_replicates
// (the merged results are identical to one big run). A new submission cancels the run in progress.
// A variant's replicates depend only on the baseline (the shared burn-in) and on the variant itself, so the
// worker keeps those it has run and reuses them when they come again: changing one variant does not re-run the
// baseline or the other variants.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::gui {

struct Snapshot {
  long job = 0;                                      // the submission these belong to (0: none yet)
  std::shared_ptr<const models::Scenario> scenario;  // what was run
  std::shared_ptr<const models::Results> results;    // merged so far; null before the first chunk
  long done = 0, total = 0;                          // variant runs (replicates x variants)
  bool running = false;
  std::string error;                 // a failure (not a cancellation)
  double first_result_seconds = -1;  // from submission to the first chunk
  double seconds = -1;               // from submission to the last chunk
  long reused = 0;                   // variant runs taken from earlier runs rather than run again
  // Capacity's demand (analysis/capacity.h): the same scenario with unlimited places, its first 50 replicates,
  // run after the results when an intervention has a limited number of places (null: none, or not yet).
  std::shared_ptr<const models::Results> demand;
  bool demand_running = false;
};

class Worker {
 public:
  // `notify` is called from the worker thread whenever there is something new to show.
  explicit Worker(std::function<void()> notify, long first_chunk = 20);
  // What decides variant v's replicates: the baseline and the variant, without names or the replicate count.
  static std::string variant_key(const models::Scenario& s, std::size_t v);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  long submit(models::Scenario s);  // returns the job number
  Snapshot snapshot() const;

 private:
  struct Job {
    long id;
    std::shared_ptr<const models::Scenario> scenario;
    std::shared_ptr<std::atomic<bool>> cancel;
  };
  void loop();
  void run(const Job& job);
  void publish(const Job& job, const models::Results& merged, bool last, double seconds);
  // Replicates [first, first + count) of the job, from the cache where it has them, else run.
  models::Results chunk(const Job& job, const std::vector<std::string>& keys, long first, long count);

  // What the worker has run (its own thread only): per variant key, the replicates from 0 on.
  struct Cached {
    std::string key;
    std::vector<models::KpiValues> replicates;
    std::vector<double> state_bytes;  // the baseline's
  };
  std::vector<Cached> cache_;
  void run_demand(const Job& job);
  std::string demand_key_;  // the unlimited-places scenario demand_ was run for
  std::shared_ptr<const models::Results> demand_;
  std::optional<models::Results> shell_;  // calendar and sizes of the cached baseline (no replicates)
  std::string shell_key_;

  std::function<void()> notify_;
  long first_chunk_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Job> pending_;
  std::shared_ptr<std::atomic<bool>> current_cancel_;
  Snapshot snapshot_;
  long next_id_ = 1;
  bool quit_ = false;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace yjsim::gui

#include "gui/worker.h"

#include <algorithm>
#include <chrono>

#include "analysis/capacity.h"
#include "input/scenario_writer.h"
#include "sim/errors.h"

namespace yjsim::gui {

using Clock = std::chrono::steady_clock;

namespace {
constexpr std::size_t kCachedVariants = 12;  // a few scenarios' worth (each is KBs a replicate)
}

std::string Worker::variant_key(const models::Scenario& s, std::size_t v) {
  models::Scenario key;
  key.variants.push_back(s.variants.front());
  if (v > 0) key.variants.push_back(s.variants[v]);
  for (auto& x : key.variants) {
    x.name = x.description = "";
    x.params.run.replicates = 1;  // replicate r is the same whatever the count
  }
  if (v > 0) key.variants.back().name = "v";
  key.calibration = s.calibration;  // with draws, replicate r runs with draw r mod N: the draws decide it too
  return std::to_string(v == 0) + input::scenario_to_toml(key);
}

Worker::Worker(std::function<void()> notify, long first_chunk)
    : notify_(std::move(notify)), first_chunk_(first_chunk), thread_([this] { loop(); }) {}

Worker::~Worker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
    if (current_cancel_) *current_cancel_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

long Worker::submit(models::Scenario s) {
  long id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (current_cancel_) *current_cancel_ = true;  // the run in progress is stale now
    id = next_id_++;
    pending_ = Job{id, std::make_shared<const models::Scenario>(std::move(s)),
                   std::make_shared<std::atomic<bool>>(false)};
    current_cancel_ = pending_->cancel;
    snapshot_.job = id;
    snapshot_.scenario = pending_->scenario;
    snapshot_.results.reset();
    snapshot_.done = 0;
    snapshot_.total = static_cast<long>(pending_->scenario->baseline().run.replicates) *
                      static_cast<long>(pending_->scenario->variants.size());
    snapshot_.running = true;
    snapshot_.error.clear();
    snapshot_.first_result_seconds = snapshot_.seconds = -1;
    snapshot_.reused = 0;
    snapshot_.demand.reset();
    snapshot_.demand_running = false;
  }
  wake_.notify_all();
  return id;
}

Snapshot Worker::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

void Worker::loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return quit_ || pending_; });
      if (quit_) return;
      job = *pending_;
      pending_.reset();
    }
    try {
      run(job);
    } catch (const sim::Cancelled&) {
      // a newer submission replaced this one; it is already waiting
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (snapshot_.job == job.id) {
        snapshot_.error = e.what();
        snapshot_.running = snapshot_.demand_running = false;
      }
    }
    if (notify_) notify_();
  }
}

void Worker::run(const Job& job) {
  const auto start = Clock::now();
  const long replicates = static_cast<long>(job.scenario->baseline().run.replicates);
  std::vector<std::string> keys;
  for (std::size_t v = 0; v < job.scenario->variants.size(); ++v) keys.push_back(variant_key(*job.scenario, v));
  std::optional<models::Results> merged;
  long next = 0;
  while (next < replicates) {
    // 20 first (a result within a second), then chunks as big as what is done: 20, 20, 40, 80, ...
    const long count = std::min(replicates - next, std::max(first_chunk_, next));
    models::Results part = chunk(job, keys, next, count);
    if (merged)
      models::append_replicates(*merged, part);
    else
      merged = std::move(part);
    next += count;
    publish(job, *merged, next >= replicates, std::chrono::duration<double>(Clock::now() - start).count());
  }
  run_demand(job);
}

// After the results (they are shown and exportable meanwhile), as the board pack does: the demand is a mean, not
// a paired difference, so the first 50 replicates estimate it well enough. Kept while the scenario with
// unlimited places is unchanged (changing only the places does not re-run it).
void Worker::run_demand(const Job& job) {
  constexpr long kDemandRuns = 50;  // as report/board_pack.cpp
  if (!analysis::any_limited(*job.scenario)) return;
  const models::Scenario u = analysis::unlimited_places(*job.scenario);
  const std::string key = input::scenario_to_toml(u);
  if (key != demand_key_ || !demand_) {
    models::RunOptions o;
    o.cancel = job.cancel.get();
    o.replicate_count = std::min<long>(static_cast<long>(u.baseline().run.replicates), kDemandRuns);
    demand_ = std::make_shared<const models::Results>(models::run_scenario(u, o));
    demand_key_ = key;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (snapshot_.job != job.id) return;
    snapshot_.demand = demand_;
    snapshot_.demand_running = false;
  }
  if (notify_) notify_();
}

models::Results Worker::chunk(const Job& job, const std::vector<std::string>& keys, long first, long count) {
  const std::size_t variants = keys.size();
  auto find = [this](const std::string& key) -> Cached* {
    for (auto& c : cache_)
      if (c.key == key) return &c;
    return nullptr;
  };
  std::vector<const Cached*> have(variants, nullptr);
  long reused = 0;
  for (std::size_t v = 0; v < variants; ++v)
    if (const Cached* c = find(keys[v]); c && static_cast<long>(c->replicates.size()) >= first + count) {
      have[v] = c;
      ++reused;
    }
  std::optional<models::Results> part;
  if (reused == static_cast<long>(variants) && shell_ && shell_key_ == keys[0]) {
    part = *shell_;  // nothing to run
    part->replicates = count;
    part->first_replicate = first;
    part->state_bytes.assign(static_cast<std::size_t>(count), 0.0);
    for (const auto& v : job.scenario->variants)
      part->variants.push_back({v.name, v.description, std::vector<models::KpiValues>(static_cast<std::size_t>(count)), {}});
  } else {
    models::RunOptions o;
    o.cancel = job.cancel.get();
    o.first_replicate = first;
    o.replicate_count = count;
    for (const Cached* c : have) o.skip_variants.push_back(c != nullptr);
    const long base = first * static_cast<long>(variants);
    o.progress = [this, &job, base, reused, count](long done, long) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (snapshot_.job == job.id) snapshot_.done = std::max(snapshot_.done, base + reused * count + done);
    };
    part = models::run_scenario(*job.scenario, o);
    shell_ = *part;
    shell_key_ = keys[0];
    shell_->variants.clear();
    shell_->state_bytes.clear();
  }
  const auto slot = [first](long i) { return static_cast<std::size_t>(first + i); };
  const auto at = [](long i) { return static_cast<std::size_t>(i); };
  for (std::size_t v = 0; v < variants; ++v) {
    if (!have[v]) continue;
    for (long i = 0; i < count; ++i) {
      part->variants[v].replicates[at(i)] = have[v]->replicates[slot(i)];
      if (v == 0) part->state_bytes[at(i)] = have[v]->state_bytes[slot(i)];
    }
  }
  // What was run now is kept for later, when it follows on from what the cache holds (pointers into the
  // cache are not used after this point: it may grow or drop its oldest entry).
  for (std::size_t v = 0; v < variants; ++v) {
    if (have[v]) continue;
    Cached* c = find(keys[v]);
    if (!c && first == 0) {
      if (cache_.size() >= kCachedVariants) cache_.erase(cache_.begin());
      cache_.push_back({keys[v], {}, {}});
      c = &cache_.back();
    }
    if (!c || static_cast<long>(c->replicates.size()) != first) continue;
    for (long i = 0; i < count; ++i) {
      c->replicates.push_back(part->variants[v].replicates[at(i)]);
      c->state_bytes.push_back(v == 0 ? part->state_bytes[at(i)] : 0.0);
    }
  }
  if (reused) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (snapshot_.job == job.id) snapshot_.reused += reused * count;
  }
  return std::move(*part);
}

void Worker::publish(const Job& job, const models::Results& merged, bool last, double seconds) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (snapshot_.job != job.id) return;
    snapshot_.results = std::make_shared<const models::Results>(merged);
    snapshot_.done = merged.replicates * static_cast<long>(merged.variants.size());
    if (snapshot_.first_result_seconds < 0) snapshot_.first_result_seconds = seconds;
    snapshot_.seconds = seconds;
    snapshot_.running = !last;
    // Said with the last chunk, so that nothing sees the run settled before its demand run (run_demand).
    snapshot_.demand_running = last && analysis::any_limited(*job.scenario);
  }
  if (notify_) notify_();
}

}  // namespace yjsim::gui

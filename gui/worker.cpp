#include "gui/worker.h"

#include <algorithm>
#include <chrono>

#include "sim/errors.h"

namespace yjsim::gui {

using Clock = std::chrono::steady_clock;

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
        snapshot_.running = false;
      }
    }
    if (notify_) notify_();
  }
}

void Worker::run(const Job& job) {
  const auto start = Clock::now();
  const long replicates = static_cast<long>(job.scenario->baseline().run.replicates);
  const long variants = static_cast<long>(job.scenario->variants.size());
  std::optional<models::Results> merged;
  long next = 0;
  while (next < replicates) {
    // 20 first (a result within a second), then chunks as big as what is done: 20, 20, 40, 80, ...
    const long count = std::min(replicates - next, std::max(first_chunk_, next));
    models::RunOptions o;
    o.cancel = job.cancel.get();
    o.first_replicate = next;
    o.replicate_count = count;
    const long base = next * variants;
    o.progress = [this, &job, base](long done, long) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (snapshot_.job == job.id) snapshot_.done = std::max(snapshot_.done, base + done);
    };
    models::Results part = models::run_scenario(*job.scenario, o);
    if (merged)
      models::append_replicates(*merged, part);
    else
      merged = std::move(part);
    next += count;
    publish(job, *merged, next >= replicates, std::chrono::duration<double>(Clock::now() - start).count());
  }
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
  }
  if (notify_) notify_();
}

}  // namespace yjsim::gui

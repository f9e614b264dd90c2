#pragma once
// `yjsim track`: the live tracker (docs/tracker.md).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace yjsim::cli {

struct TrackArgs {
  std::string children, events;        // CHILDREN.csv EVENTS.csv
  std::string as_of;                   // YYYY-MM-DD
  std::string scenario;                // "" : the built-in defaults
  std::string output, csv_dir;
  long draws = 1000;
  std::optional<std::uint64_t> seed;  // default: the scenario's run.seed
  int threads = 0;
  std::optional<double> target_binary, target_frequency;
  bool per_child = false;
  std::optional<long> reference_replicates;
  bool quiet = false;
  std::string backtest;                // --backtest SCENARIO.toml
  long truth_replicates = 16;
  std::string make_example;            // --make-example DIR
};

int track(const TrackArgs& a, const std::atomic<bool>& interrupted);

}  // namespace yjsim::cli

#pragma once
// The yjsim subcommands: each parses nothing itself (main does), calls the library and returns an exit code.
#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace yjsim::cli {

struct RunArgs {
  std::string scenario;
  std::string output;  // HDF5 path; empty: <scenario stem>.h5
  std::string csv_dir;
  std::optional<long> replicates;
  std::optional<std::string> seed;  // checked as strictly as run.seed in a file (0 .. 2^63 - 1)
  int threads = 0;
  bool quiet = false;
  bool breakdowns = false;  // also print the breakdowns table
  std::vector<std::string> fit;  // targets --fit name:low:high ...
  long budget = 400;             // targets --fit: most runs
};

class Cluster;
struct SweepArgs {
  std::string sweep;
  std::string output;  // default: <sweep stem>.h5
  bool resume = false;
  int threads = 0;
  bool quiet = false;
};

struct CalibrateArgs {
  std::string targets;
  std::string output;  // default: <targets stem>.calibrated.toml in this folder
  long budget = 600, particles = 60, replicates = 10;  // docs/calibration.md "Budget"
  int threads = 0;
  bool resume = false, quiet = false;
};

int calibrate(const CalibrateArgs& a, const std::atomic<bool>& interrupted);
int run(const RunArgs& a, const std::atomic<bool>& interrupted);
int sweep(const SweepArgs& a, const std::atomic<bool>& interrupted, Cluster& cluster);
int check_sweep(const std::string& file, const std::atomic<bool>& interrupted);
int check(const std::string& scenario, const std::atomic<bool>& interrupted);
int params(bool as_toml, bool interventions);
int targets(const RunArgs& a, const std::atomic<bool>& interrupted);

}  // namespace yjsim::cli

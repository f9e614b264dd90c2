#pragma once
// The yjsim subcommands: each parses nothing itself (main does), calls the library and returns an exit code.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace yjsim::cli {

struct RunArgs {
  std::string scenario;
  std::string output;  // HDF5 path; empty: <scenario stem>.h5
  std::string csv_dir;
  std::string json;  // run --json FILE: the summary as JSON
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
  std::string csv_dir;  // --csv DIR: parameters.csv and summary.csv of every point
  std::optional<long> replicates;
  std::optional<std::string> seed;
  std::string design_file;  // --design-file: the points of an external design (CSV)
  long morris = 0;          // --morris R: R Morris trajectories instead of the file's design
  int morris_levels = 4;
  long sobol = 0;           // --sobol N: a Saltelli design of N base points, N x (axes + 2) points
  double progress_every = 60;  // seconds between progress lines when stderr is not a terminal
  bool resume = false;
  int threads = 0;
  bool quiet = false;
};

struct CalibrateArgs {
  std::string targets;
  std::string output;  // default: <targets stem>.calibrated.toml in this folder
  long budget = 1200, particles = 120, replicates = 10;  // docs/calibration.md "The fit: a posterior, not a point"
  int threads = 0;
  bool resume = false, quiet = false;
};

// --seed: a whole number 0 .. 2^63 - 1 written in digits, as run.seed in a file (sim::InputError otherwise).
std::uint64_t seed_flag(const std::string& text);
// An output's folder must exist: it is never created silently (sim::InputError naming the flag, exit 2).
void require_parent_folder(const std::string& path, const std::string& field);
// A --csv folder as a path whose parent must exist ("out/" -> "out").
std::string csv_folder(const std::string& dir);
int compare(const std::string& a, const std::string& b, const std::string& variant, const std::string& csv);
int calibrate(const CalibrateArgs& a, const std::atomic<bool>& interrupted);
int run(const RunArgs& a, const std::atomic<bool>& interrupted);
int sweep(const SweepArgs& a, const std::atomic<bool>& interrupted, Cluster& cluster);
int check_sweep(const std::string& file, const std::atomic<bool>& interrupted);
int check(const std::string& scenario, const std::atomic<bool>& interrupted);
int params(bool as_toml, bool interventions);
int targets(const RunArgs& a, const std::atomic<bool>& interrupted);

}  // namespace yjsim::cli

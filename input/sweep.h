#pragma once
// Sweeps (issue 6): a base scenario and axes over any scenario parameter or intervention field, as a full grid,
// a list of points, or a Latin hypercube of N points. Each point is the base scenario with the point's values
// set in the baseline and every variant; it runs exactly as `yjsim run` would run that scenario.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/scenario.h"

namespace yjsim::input {

enum class Design { grid, list, lhs };

struct Axis {
  std::string parameter;        // "offending.base_rate", "court.ryda[2]", "intervention.<name>.<field>",
                                // "intervention.<name>.effect.<field>"
  std::vector<double> values;   // grid and list
  double from = 0, to = 0;      // lhs (and grid/list given as a range)
  bool log = false;             // log scale for ranges
  long line = 0;                // where the axis is in the sweep file (for messages)
};

struct Sweep {
  std::string file, text;       // the sweep file as given
  std::string base_file;        // the base scenario's path ("" when inline)
  models::Scenario base;                // with the sweep's replicates/seed overrides applied
  Design design = Design::grid;
  std::vector<Axis> axes;
  std::uint64_t lhs_seed = 0;
  std::vector<std::vector<double>> points;  // [point][axis]
  std::uint64_t fingerprint() const;        // identifies the sweep's work, for --resume
};

// At most this many points (a grid's size is computed before it is built): exit 2 at once above it.
inline constexpr std::size_t kMaxSweepPoints = 100000;

struct SweepOptions {
  const std::atomic<bool>* cancel = nullptr;  // set (Ctrl-C): validation stops with sim::Cancelled
  std::size_t max_points = kMaxSweepPoints;
};

// Throws sim::InputError naming the sweep file (or the base scenario), line, field, found and allowed;
// sim::Cancelled if options.cancel is set while the points are built and validated.
Sweep parse_sweep(const std::string& text, const std::string& file, const SweepOptions& options = {});
Sweep load_sweep(const std::string& path, const SweepOptions& options = {});

// The base scenario with point p's values set; validated like a scenario file.
models::Scenario scenario_at(const Sweep& s, std::size_t point);

const char* design_name(Design d);

// A sweep file has [[axis]] tables at its top level (false for anything else, even malformed TOML: the scenario
// reader then gives the message, with file and line).
bool is_sweep_file(const std::string& path);

}  // namespace yjsim::input

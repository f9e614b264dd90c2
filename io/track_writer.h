#pragma once
// The live tracker's results in machine formats (docs/hdf5.md, "/track"; docs/tracker.md, projection.csv). No
// child id is written unless the result holds per-child rows (--per-child), and then only the pseudonymous ids.
#include <string>

#include "analysis/tracker.h"

namespace yjsim::io {

class OutputSet;

struct TrackInfo {
  std::string children_file, events_file;
  std::string scenario_file;  // "" for the built-in defaults
  std::string scenario_toml;
};

// projection.csv: one row per quarterly cohort, the columns of docs/tracker.md in their order.
std::string projection_csv(const analysis::TrackResult& t);
void write_projection_csv(const analysis::TrackResult& t, const std::string& dir, OutputSet& outputs);
void write_track_hdf5(const analysis::TrackResult& t, const TrackInfo& info, const std::string& path, OutputSet& outputs);

}  // namespace yjsim::io

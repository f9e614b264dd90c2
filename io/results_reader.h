#pragma once
// A results file written by `yjsim run` read back (docs/hdf5.md): the scenario it recorded, its seed and
// replicates, and every variant's KPI matrices, so that `yjsim report RESULTS.h5` can re-run the recorded scenario
// and check the re-run against what the file holds (docs/report.md).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/tracker.h"

namespace yjsim::io {

struct StoredRun {
  std::string path;
  long format_version = 0;
  std::string yjsim_version, scenario_file, scenario_toml, scenario_resolved_toml, start;
  std::uint64_t seed = 0;
  long replicates = 0, months = 0;
  // kpi[variant][kpi name]: [replicates x periods], row-major, as stored.
  std::map<std::string, std::map<std::string, std::vector<double>>> kpi;
};

// Throws sim::InputError naming the file and what is wrong (not HDF5, not a yjsim results file, a field missing).
StoredRun read_results_file(const std::string& path);
// A file written by `yjsim track -o` (docs/hdf5.md "/track"), read back: the tracker's result as it was
// computed (cohorts, projections, draws, targets), for `yjsim report TRACK.h5` (the tracker pack).
struct StoredTrack {
  std::string path, yjsim_version, scenario_file, children_file, events_file;
  analysis::TrackResult result;  // without per-child rows
};
StoredTrack read_track_file(const std::string& path);
// Whether an HDF5 file is the tracker's (a /track group).
bool is_track_file(const std::string& path);

// The root attribute `format` of a yjsim HDF5 file ("yjsim-results", "yjsim-sweep"); "" for anything else.
std::string stored_format(const std::string& path);
// Whether a file starts with the HDF5 signature (a results file rather than a scenario).
bool is_hdf5_file(const std::string& path);

}  // namespace yjsim::io

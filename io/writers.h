#pragma once
// Results out in machine formats: HDF5 (docs/hdf5.md layout, format_version 1) and CSV; provenance.
#include <string>

#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::io {

class OutputSet;

struct RunInfo {
  std::string scenario_file;
  std::string scenario_toml;           // the file's text as read
  std::string scenario_resolved_toml;  // every parameter and intervention in full (catalogue entries expanded)
};

std::string version_string();  // "0.1.0 (commit abc123)"

// Writes `path` through a temporary file; throws sim::IoError (sim::InputError if `path` is not a regular file).
void write_hdf5(const models::Results& r, const RunInfo& info, const std::string& path);
// One CSV per table (quarters and years) into `dir`; throws sim::IoError.
void write_csv(const models::Results& r, const std::string& dir);
// The same, added to a set of outputs that succeed or fail together (committed by the caller).
void write_hdf5(const models::Results& r, const RunInfo& info, const std::string& path, OutputSet& outputs);
void write_csv(const models::Results& r, const std::string& dir, OutputSet& outputs);

}  // namespace yjsim::io

#pragma once
// Sweep results: each finished point is saved on its own (an atomic file in OUT.h5.parts/), so an interrupted
// sweep resumes from the points already done; the HDF5 file is assembled from them at the end.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/morris.h"
#include "analysis/sobol.h"
#include "analysis/sensitivity.h"
#include "input/sweep.h"
#include "models/simulation.h"

namespace yjsim::io {

// Dimensions of one point's values: replicates x variants x KPIs x (periods + years), replicate outermost, so
// that the values of consecutive replicate ranges concatenate.
struct PointShape {
  std::size_t variants, kpis, replicates, periods, years;
  std::size_t per_replicate() const { return variants * kpis * (periods + years); }
  std::size_t size() const { return replicates * per_replicate(); }
};

PointShape point_shape(const input::Sweep& s);
std::vector<double> flatten(const models::Results& r);  // the layout above, for r's replicates
// A point's values back as Results (for summaries and sensitivity), with the sweep's calendar.
models::Results unflatten(const std::vector<double>& data, const input::Sweep& s);

std::string parts_dir(const std::string& output);
void write_point(const std::string& output, const input::Sweep& s, std::size_t point, const std::vector<double>& data);
// The saved values of a point, if there is a complete file for this very sweep.
std::optional<std::vector<double>> read_point(const std::string& output, const input::Sweep& s, std::size_t point);

// Saved point files in the parts folder that do not belong to this very sweep (its file, base scenario, seed or
// replicates changed since they were saved): --resume refuses them rather than discard them silently.
std::size_t foreign_points(const std::string& output, const input::Sweep& s);
// Every point's saved values (throws sim::IoError if one is missing).
std::vector<models::Results> load_points(const std::string& output, const input::Sweep& s);
// What a sweep run from the command line adds to the sweep file's own description (issue 16).
struct SweepExtras {
  std::string design;  // the /sweep attribute `design` when the command line replaced the file's ("morris", "file")
  // Morris elementary effects [variant][kpi][axis], when the points are a Morris design.
  std::vector<std::vector<std::vector<analysis::MorrisEffect>>> morris;
  // Sobol indices [variant][kpi][axis], when the points are a Saltelli design.
  std::vector<std::vector<std::vector<analysis::SobolIndex>>> sobol;
};

// Writes OUT.h5 (through a temporary file) from the points' results, with summaries and their sensitivity.
void write_sweep_hdf5(const std::string& output, const input::Sweep& s, const std::vector<models::Results>& points,
                      const analysis::SweepSensitivity& sens, const SweepExtras& extras = {});

}  // namespace yjsim::io

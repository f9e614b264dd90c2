#pragma once
// Sweep results: each finished point is saved on its own (an atomic file in OUT.h5.parts/), so an interrupted
// sweep resumes from the points already done; the HDF5 file is assembled from them at the end.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/simulation.h"
#include "models/sweep.h"

namespace yjsim::io {

// Dimensions of one point's values: replicates x variants x KPIs x (periods + years), replicate outermost, so
// that the values of consecutive replicate ranges concatenate.
struct PointShape {
  std::size_t variants, kpis, replicates, periods, years;
  std::size_t per_replicate() const { return variants * kpis * (periods + years); }
  std::size_t size() const { return replicates * per_replicate(); }
};

PointShape point_shape(const models::Sweep& s);
std::vector<double> flatten(const models::Results& r);  // the layout above, for r's replicates
// A point's values back as Results (for summaries and sensitivity), with the sweep's calendar.
models::Results unflatten(const std::vector<double>& data, const models::Sweep& s);

std::string parts_dir(const std::string& output);
void write_point(const std::string& output, const models::Sweep& s, std::size_t point, const std::vector<double>& data);
// The saved values of a point, if there is a complete file for this very sweep.
std::optional<std::vector<double>> read_point(const std::string& output, const models::Sweep& s, std::size_t point);

// Assembles OUT.h5 (through a temporary file) from the saved points, with summaries and sensitivity.
void write_sweep_hdf5(const std::string& output, const models::Sweep& s);

// Sensitivity table (PRCC of each axis on key KPIs), as printed by `yjsim sweep`.
std::string sensitivity_table(const models::Sweep& s, const std::string& output);

}  // namespace yjsim::io

#pragma once
// An external sweep design (issue 16): a CSV file of points, one row per point, one column per axis named exactly
// as the sweep file's axes (in any order; a leading `point` column, and Morris's `trajectory` and `step`, are
// read and otherwise ignored). `yjsim sweep SWEEP.toml --design-file points.csv` runs these points instead of the
// sweep file's design.
#include <string>
#include <vector>

#include "input/sweep.h"

namespace yjsim::io {

// Points [row][axis] in the order of s.axes. Throws sim::InputError naming the file, line and column: a missing or
// unknown column, a field that is not a number, a row of the wrong length, no rows, more than kMaxSweepPoints.
std::vector<std::vector<double>> read_design_file(const std::string& path, const input::Sweep& s);

// The inverse: a design as CSV text (a `point` column, then the axes), as `yjsim sweep --morris` writes it.
std::string design_csv(const input::Sweep& s, const std::vector<std::vector<double>>& points);

}  // namespace yjsim::io

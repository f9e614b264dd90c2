#pragma once
// The sweep design from the command line (issue 16): `--design-file points.csv` (an external design) or
// `--morris R` (R Morris trajectories over the axes' ranges) instead of the sweep file's own design.
#include <optional>
#include <string>

#include "analysis/morris.h"
#include "analysis/sobol.h"
#include "input/sweep.h"

namespace yjsim::cli {

struct DesignChoice {
  std::string label;  // "" (the sweep file's design), "file", "morris"
  std::optional<analysis::MorrisDesign> morris;
  std::optional<analysis::SobolDesign> sobol;
  std::vector<analysis::MorrisAxis> morris_axes;
};

// Replaces s.points as the flags ask and validates every new point (sim::InputError naming the design file's line).
DesignChoice choose_design(input::Sweep& s, const std::string& design_file, long morris_trajectories, int morris_levels,
                           long sobol_base);

}  // namespace yjsim::cli

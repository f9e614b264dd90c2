#include "apps/sweep_design.h"

#include <algorithm>

#include "io/design_file.h"
#include "sim/errors.h"

namespace yjsim::cli {

namespace {

// Every point must make a valid scenario, as the sweep file's own points must.
void validate_points(const input::Sweep& s, const std::string& source, long first_line) {
  for (std::size_t p = 0; p < s.points.size(); ++p) {
    try {
      (void)input::scenario_at(s, p);
    } catch (const sim::InputError& e) {
      // The sweep reader names the sweep file's axis; here the row of the design is what to fix.
      std::string why = e.what();
      const std::string head = "makes an invalid scenario: ", tail = "; allowed: values that keep the scenario valid";
      if (const auto at = why.find(head); at != std::string::npos) why = why.substr(at + head.size());
      if (why.size() > tail.size() && why.compare(why.size() - tail.size(), tail.size(), tail) == 0)
        why.resize(why.size() - tail.size());
      std::string values;
      for (std::size_t j = 0; j < s.axes.size(); ++j) values += (j ? ", " : "") + s.axes[j].parameter + " = " + std::to_string(s.points[p][j]);
      throw sim::InputError(source, first_line > 0 ? first_line + static_cast<long>(p) : 0, "point " + std::to_string(p),
                            values + ", which makes an invalid scenario (" + why + ")", "values that keep the scenario valid");
    }
  }
}

// An axis's range for Morris: from/to, or the smallest and largest of its values.
analysis::MorrisAxis range_of(const input::Axis& a, const std::string& file) {
  double from = a.from, to = a.to;
  if (!a.values.empty()) {
    from = *std::min_element(a.values.begin(), a.values.end());
    to = *std::max_element(a.values.begin(), a.values.end());
  }
  if (!(to > from))
    throw sim::InputError(file, a.line, "axis " + a.parameter, "an empty range", "--morris, --sobol: a range (from < to) or two values or more");
  return {from, to, a.log};
}

}  // namespace

DesignChoice choose_design(input::Sweep& s, const std::string& design_file, long morris_trajectories, int morris_levels,
                           long sobol_base) {
  DesignChoice c;
  if ((!design_file.empty()) + (morris_trajectories > 0) + (sobol_base > 0) > 1)
    throw sim::InputError("command line", 0, "--design-file, --morris, --sobol", "more than one",
                          "one design: a file of points, a Morris design or a Saltelli (Sobol) design");
  if (!design_file.empty()) {
    s.points = io::read_design_file(design_file, s);
    validate_points(s, design_file, 2);
    c.label = "file";
  } else if (morris_trajectories > 0) {
    for (const auto& a : s.axes) c.morris_axes.push_back(range_of(a, s.file));
    c.morris = analysis::morris_design(c.morris_axes, static_cast<std::size_t>(morris_trajectories), morris_levels, s.lhs_seed);
    if (c.morris->points.size() > input::kMaxSweepPoints)
      throw sim::InputError("command line", 0, "--morris", std::to_string(c.morris->points.size()) + " points",
                            "at most " + std::to_string(input::kMaxSweepPoints) + " points");
    s.points = c.morris->points;
    validate_points(s, s.file, 0);
    c.label = "morris";
  } else if (sobol_base > 0) {
    for (const auto& a : s.axes) c.morris_axes.push_back(range_of(a, s.file));
    const std::size_t n = static_cast<std::size_t>(sobol_base) * (s.axes.size() + 2);
    if (n > input::kMaxSweepPoints)
      throw sim::InputError("command line", 0, "--sobol", std::to_string(n) + " points",
                            "at most " + std::to_string(input::kMaxSweepPoints) + " points");
    c.sobol = analysis::sobol_design(c.morris_axes, static_cast<std::size_t>(sobol_base), s.lhs_seed);
    s.points = c.sobol->points;
    validate_points(s, s.file, 0);
    c.label = "sobol";
  }
  return c;
}

}  // namespace yjsim::cli

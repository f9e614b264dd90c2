#pragma once
// The calibrated scenario `yjsim calibrate -o` writes: the base scenario's text as it is (its comments and
// sources kept), then a [calibration] table with the area's run start and population, the fitted values and the
// posterior draws (docs/calibration.md "The calibrated scenario"), after the fit report as comments.
#include <string>
#include <vector>

#include "input/targets.h"

namespace yjsim::input {

// `out_path` is where the text will be written: a relative `catalogue` path of the base scenario is rewritten to
// stay correct from there. `report` lines are written as comments above the table. Throws sim::InputError if the
// base scenario already holds a [calibration] (calibrate the scenario it was made from instead).
std::string calibrated_scenario_toml(const TargetsFile& t, const models::Calibration& c, const std::string& out_path,
                                     const std::vector<std::string>& report);

}  // namespace yjsim::input

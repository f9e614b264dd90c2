#pragma once
// The fit report of `yjsim calibrate` (docs/calibration.md): each target against the calibrated model, the
// posterior of each parameter and the warnings, as lines for the terminal and for the calibrated file's comments.
#include <string>
#include <vector>

#include "analysis/calibrate.h"

namespace yjsim::report {

std::vector<std::string> fit_report(const input::TargetsFile& t, const analysis::CalibrationResult& r);

}  // namespace yjsim::report

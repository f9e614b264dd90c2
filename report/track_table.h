#pragma once
// The live tracker on a terminal (docs/tracker.md): the measure to date and the projected final figure per
// quarterly cohort, the board's questions, and the back-test table. Formats analysis results only.
#include <string>
#include <vector>

#include "analysis/tracker.h"

namespace yjsim::report {

std::string track_table(const analysis::TrackResult& t);
std::string backtest_table(const std::vector<analysis::BacktestRow>& rows, long truth_replicates);

}  // namespace yjsim::report

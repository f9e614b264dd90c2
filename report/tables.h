#pragma once
// Human formats on a terminal: the KPI table with each variant's paired comparison, the calibration check and the
// sensitivity table. They format analysis results; they compute nothing of their own.
#include <string>
#include <vector>

#include "analysis/calibration.h"
#include "analysis/sensitivity.h"
#include "input/sweep.h"
#include "models/simulation.h"

namespace yjsim::report {

// Each KPI by horizon year: mean and 90% interval over replicates; variants with the paired difference.
std::string text_table(const models::Results& r);
// The breakdowns of `yjsim run --breakdowns`: the cohort by disposal, previous offences, sex and age, year by year.
std::string breakdown_table(const models::Results& r);
// For a calibrated scenario: each headline figure's spread split into parameter uncertainty and chance ("" else).
std::string uncertainty_table(const models::Results& r, const models::Scenario& s);
// The calibration check of `yjsim targets`.
std::string format_target_table(const std::vector<analysis::TargetRow>& rows, const models::Results& r);
// PRCC of each swept parameter on the key KPIs, ranked, as printed by `yjsim sweep`.
std::string sensitivity_table(const input::Sweep& s, const analysis::SweepSensitivity& sens);

}  // namespace yjsim::report

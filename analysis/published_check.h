#pragma once
// The board pack's calibration page (docs/report.md "The calibration"): a calibrated scenario's published
// figures against the calibrated model, and the posterior of each fitted parameter, from the scenario itself.
// The model's figure is computed as `yjsim calibrate` computes it (analysis::target_value over the baseline's
// replicates, each replicate with its posterior draw), so a figure the fit checked reads the same here.
#include <atomic>
#include <string>
#include <vector>

#include "analysis/calibrate.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::analysis {

struct PublishedCheck {
  models::PublishedFigure figure;
  double mean = 0, p05 = 0, p95 = 0;  // the calibrated model's figure over its runs
  bool within = false;                // the published figure inside the model's 90% interval
};

// The published figures as targets (first and last month from the period); throws sim::InputError on a period
// that is not "YYYY-MM..YYYY-MM".
input::Target as_target(const models::PublishedFigure& f);
// True if `g` is whole quarters of the run `r` (the model's figure can be read from it).
bool in_run_quarters(const input::Target& g, const models::Results& r);

// Where the model's figures come from: `r` when every published figure is whole quarters of its months; else a
// check run of the scenario's baseline from the first figure's month to the last (`r`'s seed and replicates),
// as the fit was run (a plan from April 2019 on a fit to 2016: the check run).
struct CalibrationCheck {
  std::vector<PublishedCheck> figures;      // in the calibration's order
  std::vector<ParameterPosterior> parameters;  // from the draws (low, high: the lowest and highest draw)
  bool from_check_run = false;
  std::string check_start;  // the check run's first month ("2016-01"), with from_check_run
  long check_months = 0, runs = 0;
};
CalibrationCheck check_calibration(const models::Scenario& s, const models::Results& r, int threads = 0,
                                   const std::atomic<bool>* cancel = nullptr);

}  // namespace yjsim::analysis

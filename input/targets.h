#pragma once
// Targets files (docs/calibration.md "Targets files"): an area's published figures, the scenario to fit to them
// and the parameters to fit, for `yjsim calibrate`. Every error names the file, line and field.
#include <optional>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "sim/calendar.h"

namespace yjsim::input {

struct Target {
  std::string kpi;                    // a KPI of models/kpis.cpp
  std::string breakdown, category;    // optional: a breakdown cell of that KPI (docs/hdf5.md)
  double value = 0;
  sim::YearMonth first, last;         // the months of `period`: whole quarters of the run
  std::string period;                 // as written: "2016-01..2016-12"
  std::optional<double> cohort_size;  // for a binomial or Poisson sampling error
  std::optional<double> sd;
  bool holdout = false;               // not fitted: reported as a check
  std::string source;
  long line = 0;
};

struct FitRange {
  std::string parameter;  // a parameter element (models/parameters.h param_element)
  double low = 0, high = 0;
  long line = 0;
};

struct TargetsFile {
  std::string file, text;
  std::string scenario;  // the scenario's path, resolved against the targets file's folder
  std::string area;
  sim::YearMonth start;  // run.start for the fit: `start`, else the earliest target's first month
  std::vector<Target> targets;
  std::vector<FitRange> fit;  // empty: the documented default set (analysis/calibrate.h)
  models::Scenario base;      // the scenario with [population] and start applied, its horizon covering the targets
};

// Reads, checks and loads the scenario. Periods must be whole quarters of the run from `start`; KPIs, breakdowns
// and categories must exist; fit parameters must be parameter elements with a range inside the allowed values.
TargetsFile parse_targets(const std::string& text, const std::string& file);
TargetsFile load_targets(const std::string& path);

}  // namespace yjsim::input

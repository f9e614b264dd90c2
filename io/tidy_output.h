#pragma once
// Tidy (long-format) tables of a run and of a sweep (issue 16; docs/hdf5.md "Tidy CSV and JSON"): the printed
// table's numbers, unrounded, one row per variant x KPI x period x statistic, and every replicate's yearly values.
#include <string>
#include <vector>

#include "analysis/morris.h"
#include "analysis/sobol.h"
#include "analysis/sensitivity.h"
#include "input/sweep.h"
#include "models/simulation.h"

namespace yjsim::io {

class AtomicFile;
class OutputSet;

// summary.csv (horizon years, as printed) or summary_by_quarter.csv:
//   variant,kpi,period,year,statistic,value,unit
void write_summary_csv(const models::Results& r, bool by_year, AtomicFile& out);
// replicates_by_year.csv: variant,replicate,kpi,period,year,value,difference,unit (difference from the baseline's
// same replicate; empty on baseline rows).
void write_replicates_csv(const models::Results& r, AtomicFile& out);
// The three files above into `dir`, added to a set of outputs that succeed or fail together.
void write_tidy_csv(const models::Results& r, const std::string& dir, OutputSet& outputs);

struct JsonInfo {
  std::string scenario_file, command;
};
// The summary (the rows of summary.csv) with the run's provenance, as one JSON document.
std::string summary_json(const models::Results& r, const JsonInfo& info);

// A sweep: every point's summary rows with its parameter values in front:
//   point,<axis 1>,...,<axis n>,variant,kpi,period,year,statistic,value,unit
void write_sweep_summary_csv(const input::Sweep& s, const std::vector<models::Results>& points, AtomicFile& out);
// parameters.csv of a sweep: point,<axis 1>,...,<axis n>
void write_sweep_parameters_csv(const input::Sweep& s, AtomicFile& out);

// sensitivity.csv of a sweep: every variant x KPI x axis: variant,kpi,parameter,prcc,prcc_p5,prcc_p95,rank and,
// for a Morris design, morris_mu,morris_mu_star,morris_sigma; for a Saltelli design, sobol_first,sobol_total. PRCC intervals are 90% (Fisher z); rank 1 is the
// largest |PRCC| of the KPI.
void write_sweep_sensitivity_csv(const input::Sweep& s, const analysis::SweepSensitivity& sens,
                                 const std::vector<std::vector<std::vector<analysis::MorrisEffect>>>& morris,
                                 const std::vector<std::vector<std::vector<analysis::SobolIndex>>>& sobol, AtomicFile& out);

}  // namespace yjsim::io

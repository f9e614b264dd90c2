#pragma once
// `yjsim calibrate` (docs/calibration.md): a posterior over a scenario's parameters given an area's published
// figures, by a sequential Monte Carlo sampler with likelihood tempering (Del Moral, Doucet & Jasra 2006; as
// used for simulation models by e.g. the IMABC/ABC-SMC literature): particles drawn from the prior ranges are
// moved from the prior (temperature 0) to the posterior (temperature 1) through intermediate temperatures
// chosen so that half the particles' weight survives each step, resampled, and moved by random-walk Metropolis.
//
// Each candidate is run with the same seed and replicates (common random numbers), so that the likelihood moves
// smoothly with the parameters. A target's likelihood is normal: the model's mean over R replicates against the
// published value, with variance = the published figure's sampling variance + the model mean's Monte Carlo
// variance (replicate variance / R), so no target is asked to be matched more closely than the model can tell.
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "input/targets.h"
#include "models/simulation.h"
#include "sim/summary.h"

namespace yjsim::analysis {

struct CalibrateOptions {
  long particles = 120;   // N: posterior draws
  long budget = 1200;     // model evaluations at most (each: `replicates` replicates of the baseline)
  long replicates = 10;   // per evaluation
  // A fit whose calibrated mean misses a criterion by about its own Monte Carlo error is refined on this many
  // times the replicates (docs/calibration.md "Refinement"); 1: never.
  long refine_factor = 4;
  int threads = 0;        // 0: all cores
  const std::atomic<bool>* cancel = nullptr;  // set to stop: the model throws sim::Cancelled
  std::string resume_from;  // a checkpoint's text (on_stage): continue from it if it is of this fit
  std::function<void(const std::string& checkpoint)> on_stage;        // after the design and every stage
  std::function<void(const std::string& line, double done)> progress;  // one line per stage; done <= 1 of budget
};

// A parameter the fit found: its prior range and posterior summary.
struct ParameterPosterior {
  std::string name;
  double low, high;
  double mean, sd, p05, p50, p95;
  double map;  // the value of the particle with the highest likelihood
};

// Issue 11's criterion for a calibrated mean (docs/calibration.md "Missed figures"): within 3 points of a
// binary rate, within 10% of a frequency or per-reoffender rate; other targets have none (only the 90%
// interval check).
struct Criterion {
  bool applies = false;
  bool points = false;   // tolerance in percentage points of a rate, else a share of the figure
  double tolerance = 0;  // 0.03 (3 points) or 0.10 (10%)
  std::string text;      // "+-3 points", "+-10%"
};
Criterion criterion_of(const input::Target& g);
// The miss of a mean as a multiple of the criterion's tolerance (|result| <= 1: met); NaN without a
// criterion.
double criterion_ratio(const input::Target& g, double mean);

// The candidate the fit ran that came nearest a target's criterion: the most likely of those whose mean (over
// the fit's replicates, common random numbers) meets it, else the one nearest the figure (the evidence for
// "reachable" or "not reached").
struct Nearest {
  bool meets = false;
  // Its log-likelihood if it meets the criterion, else minus its criterion_ratio.
  double score = -std::numeric_limits<double>::infinity();
  std::vector<double> x;      // its parameter values
  std::vector<double> means;  // its mean of every target (file order)
  long replicates = 0;        // over this many replicates (the fit's, or the refinement's)
};

// A target against the calibrated model (the posterior's draws in turn, as `yjsim run` uses them).
struct TargetCheck {
  input::Target target;
  // One year's sampling sd of the figure: the sd given, binomial/Poisson, or the chance within a draw.
  double sigma = 0;
  std::string sigma_from;  // "sd", "cohort_size", "model replicates"
  double mean = 0, p05 = 0, p95 = 0;  // of the calibrated model's figure
  bool within = false;                // target inside the model's 90% interval
  Criterion criterion;                // issue 11's criterion for the mean, if any
  bool meets = true;                  // the mean meets the criterion (true without one)
  long draws_meeting = 0;             // posterior draws whose mean over the fit's replicates meets it
  double fit_mean = 0;                // the posterior draws' average of their means over the fit's replicates
  double chance_sd = 0;               // the model's chance within a posterior draw (one replicate)
  // The prior ranges' own figure: the mean and sd of the design's candidates' means (a Latin hypercube of the
  // prior), the pull the posterior mean is judged against.
  double prior_mean = std::numeric_limits<double>::quiet_NaN();
  double prior_sd = std::numeric_limits<double>::quiet_NaN();
  Nearest nearest;                    // of every candidate run (the sampler's, then a search if none met it)
  long search_runs = 0;               // runs of that search toward the figure
  std::string verdict;                // met / missed but reachable / not reached (empty without a criterion)
};

struct CalibrationResult {
  std::vector<ParameterPosterior> parameters;
  std::vector<std::vector<double>> draws;   // [draw][parameter], equally weighted
  std::vector<TargetCheck> targets;         // fitted first, then held out, in file order
  std::vector<std::string> warnings;        // unreached targets, identifiability, an unfinished sampler
  std::vector<std::vector<double>> correlation;  // posterior correlation of the parameters
  long evaluations = 0;          // the sampler's runs, of `replicates` replicates each
  long refined_replicates = 0;   // the refinement's replicates per run (0: not refined)
  long refined_runs = 0;         // and its runs
  int stages = 0;
  bool converged = false;  // reached temperature 1 within the budget
  std::string method;      // one line, for the calibrated scenario
};

// The documented default set of parameters for the targets given (docs/calibration.md) when a file has no [[fit]].
std::vector<input::FitRange> default_fit_parameters(const input::TargetsFile& t);

// The fit. Deterministic for a given scenario seed at any thread count; a run resumed from a checkpoint equals an
// uninterrupted one. Throws sim::Cancelled (via the model) when `cancel` is set.
CalibrationResult calibrate(const input::TargetsFile& t, const CalibrateOptions& o);

// The scenario with the calibration: fitted values (MAP) set in every variant, posterior draws attached.
models::Scenario calibrated_scenario(const input::TargetsFile& t, const CalibrationResult& r, const std::string& date);

// A target's value in one replicate of a run (a KPI or breakdown cell over the target's quarters).
double target_value(const models::Results& r, std::size_t replicate, const input::Target& g);
// Its mean and percentiles over the run's replicates (the baseline's).
sim::Summary target_summary(const models::Results& r, const input::Target& g);

// A parameter's posterior from equally weighted draws, in its range low..high; `fitted`: the value the scenario
// runs without draws (the most likely draw).
ParameterPosterior posterior_of(const std::string& name, double low, double high, const std::vector<double>& draws,
                                double fitted);

}  // namespace yjsim::analysis

#pragma once
// The area's published figures against the national picture, for the board pack (docs/report.md "Published
// figures and the funnel plot"): where a calibrated scenario's figures fall on its charts, and a funnel plot of
// its binary reoffending rate against the national rate for a cohort of its size.
#include <optional>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "models/simulation.h"
#include "sim/calendar.h"

namespace yjsim::analysis {

// A national binary proven-reoffending rate (England and Wales, sum of four 3-month cohorts), as in
// data/published_figures.csv (a test checks every row against that file).
struct NationalRate {
  std::string cohort;        // "April 2016 to March 2017"
  sim::YearMonth first, last;
  double rate = 0;           // a fraction
  double cohort_size = 0;    // children (cohort entries)
  std::string source;
};
const std::vector<NationalRate>& national_binary_rates();

// The national cohort sharing the most months with first..last (the later one on a tie); nothing if none does.
struct NationalMatch {
  NationalRate national;
  long overlap_months = 0, period_months = 0;
};
std::optional<NationalMatch> national_rate_for(sim::YearMonth first, sim::YearMonth last);

// The `prob` quantile of the rate of Binomial(n, p0) / n, interpolated between whole counts so that the limit is
// smooth in n (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med 24:1185).
double binomial_limit(double p0, double n, double prob);

// Where a published figure falls on the run's quarterly charts: quarters first..last of the run (clipped to the
// run), and the figure on the chart's scale (a count a quarter for a count; a rate as it is).
struct ChartMark {
  models::PublishedFigure figure;
  bool in_run = false;  // some of its months are in the run's quarters
  bool before = false;  // not in the run: it ends before the run starts (else it starts after the run ends)
  long first_period = 0, last_period = 0;
  double per_quarter = 0;
};
std::vector<ChartMark> chart_marks(const models::Calibration& c, const std::string& kpi, const sim::Calendar& cal);

struct Funnel {
  std::string area;
  models::PublishedFigure figure;      // the area's binary rate
  NationalMatch national;
  double n = 0;                        // the area's cohort: published, or the calibrated model's
  bool n_published = false;
  std::vector<double> ns;              // cohort sizes along the x axis
  std::vector<double> lo95, hi95, lo998, hi998;  // the limits at each of ns
  double at_lo95 = 0, at_hi95 = 0, at_lo998 = 0, at_hi998 = 0;  // the limits at n
  std::string verdict;                 // "within the 95% limits", "above the 99.8% limit", ...
};
// One per published binary rate of the calibration with a national cohort sharing months with it. The cohort
// size, when not published, is the baseline's mean cohort over a period of the figure's length in this run.
std::vector<Funnel> funnels(const models::Calibration& c, const models::Results& r);

}  // namespace yjsim::analysis

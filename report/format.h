#pragma once
// How numbers are shown to people: each KPI in its own unit and format from the KPI table (a binary rate as a
// percentage, costs in pounds with thousands separators). The desktop app's tables, charts and script checks and
// the board pack all use these, so the figures a test compares are exactly the figures shown.
#include <string>

#include "analysis/comparison.h"
#include "models/kpis.h"
#include "sim/summary.h"

namespace yjsim::report {

using KpiFormat = models::NumberFormat;

KpiFormat kpi_format(const std::string& kpi);  // the KPI table's format; {1, 1} for a name it does not know
// A short title for a chart or table row ("First time entrants per 100,000").
std::string kpi_title(const std::string& kpi);
std::string kpi_short_title(const std::string& kpi);  // for a table row ("FTEs per 100,000")

std::string format_number(double x, int decimals);  // thousands separators; "n/a" for NaN
std::string format_value(const std::string& kpi, double x);
std::string format_diff(const std::string& kpi, double x);  // with a sign
std::string format_interval(const std::string& kpi, double low, double high, bool diff = false);
std::string format_probability(double p);  // "73%"
std::string format_gbp(double x);          // exact pounds: "£12,300" (prices of interventions)

// The cells of the results tables (shared by the panel and the script's checks).
std::string summary_text(const std::string& kpi, const sim::Summary& s);     // "226.9 [169.7, 289.4]"
std::string difference_text(const std::string& kpi, const sim::Summary& d);  // "-5.2 [-20.1, +9.3]"
std::string avoided_text(const sim::Summary& s);                             // "3.1 [0.0, 7.0]"
std::string extra_cost_text(const sim::Summary& s);                          // "+£12,000 [...]"
std::string cost_per_avoided_text(const analysis::CostPerOutcome& c);

}  // namespace yjsim::report

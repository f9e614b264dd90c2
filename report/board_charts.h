#pragma once
// The board pack's fan chart of one indicator (docs/report.md "What the pages say" 4), shared by the pack's charts
// page and the desktop app's print export, so that a chart printed from the app is the pack's chart.
#include <atomic>
#include <string>

#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::report {

// A4 (210 mm) less the pack's 13 mm margins each side is 184 mm: 2173 pixels at 300 dots per inch.
constexpr int kPrintWidthPx = 2173;

// "% of the cohort" for the binary rate, "GBP" for cost, else the KPI table's unit.
std::string board_unit(const std::string& kpi);

// A count too small for quarters (custodial sentences in a borough: analysis::small_count) is charted by year, as
// the app does.
bool yearly_chart(const models::Results& r, const std::string& kpi);

// Each quarter (or year: yearly_chart) of `kpi`, the baseline and every variant (mean line, 50% and 90% bands), and the area's published
// figures of that KPI in the run's months as markers (analysis::chart_marks).
std::string kpi_fan_chart_svg(const models::Results& r, const models::Calibration& c, const std::string& kpi);

// That chart as a PNG kPrintWidthPx wide (report/chromium.h: needs Chromium).
std::string kpi_chart_print_png(const models::Results& r, const models::Calibration& c, const std::string& kpi,
                                const std::atomic<bool>* cancel = nullptr);

}  // namespace yjsim::report

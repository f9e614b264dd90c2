#pragma once
// The board pack (docs/report.md): one set of results as a self-contained HTML page for a partnership board,
// the same as a PDF (printed from that HTML by headless Chromium) and an XLSX workbook. `yjsim report` and the
// desktop app call the same functions, so the pack is the same from either.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/board_summary.h"
#include "analysis/capacity.h"
#include "analysis/funnel.h"
#include "analysis/published_check.h"
#include "analysis/value_for_money.h"
#include "models/scenario.h"
#include "models/simulation.h"

namespace yjsim::report {

struct BoardPackOptions {
  int threads = 0;                                     // for the demand run (0: all cores)
  const std::atomic<bool>* cancel = nullptr;           // set to stop (throws sim::Cancelled)
  std::function<void(long done, long total)> progress;  // the demand run's progress
};

struct BoardPack {
  models::Scenario scenario;
  models::Results results;
  std::optional<models::Results> demand;  // the same scenario with unlimited places, first 50 runs (analysis/capacity.h)
  analysis::BoardSummary summary;
  std::vector<analysis::ValueForMoney> value;  // [variant - 1]
  std::vector<analysis::CapacityRow> capacity;
  std::string model_version;  // io::version_string()
  std::string rerun_command;  // the `yjsim report` command that makes this pack again
  std::string run_command;    // the `yjsim run` command that makes its results file
  std::vector<analysis::Funnel> funnels;  // a calibrated scenario's published binary rates against the national rate
  analysis::CalibrationCheck calibration;  // its published figures against the calibrated model, and the posterior
};

// The pack of finished results; runs the demand run first when an intervention has a limited number of places,
// and for a calibrated scenario whose run does not cover the area's figures, the check run of its calibration.
BoardPack make_board_pack(models::Scenario s, models::Results r, const BoardPackOptions& o = {});

// The HTML page: no scripts, no external references, A4 print styles, SVG charts inline.
std::string board_html(const BoardPack& p);
// A page in the pack's style around `body` (HTML): the board pack's and the tracker pack's.
std::string board_page(const std::string& title, const std::string& body);
// The XLSX workbook's bytes (libxlsxwriter): the summary table as printed, per-year figures, interventions,
// value for money, capacity and per-replicate data, units in the headers.
std::string board_xlsx(const BoardPack& p);
// A PDF of an HTML page by headless Chromium (no network: the page references nothing outside itself).
// Throws sim::IoError when Chromium is missing or fails.
std::string html_to_pdf(const std::string& html, const std::atomic<bool>* cancel = nullptr);

struct BoardPackFiles {
  std::string html, pdf, xlsx;  // empty: not written
};
// Writes a pack's files asked for together, all complete or none replaced (io/atomic_file.h): the outputs are
// checked first, then the page made by html(), its PDF, and the workbook made by xlsx() (the board pack and the
// tracker pack).
void write_pack_files(const BoardPackFiles& files, const std::function<std::string()>& html,
                      const std::function<std::string()>& xlsx, const std::atomic<bool>* cancel);
// Writes the files asked for together: all complete, or none replaced (io/atomic_file.h).
void write_board_pack(const BoardPack& p, const BoardPackFiles& files, const std::atomic<bool>* cancel = nullptr);
// For the desktop app: File > Board pack from the results on screen.
void write_board_pack(const models::Results& r, const models::Scenario& s, const BoardPackFiles& files,
                      const BoardPackOptions& o = {});

// The sentences of page one (shared by the HTML, the PDF and the tests).
std::string indicator_sentence(const analysis::IndicatorFigure& f);
std::string cost_sentence(const analysis::IndicatorFigure& cost, const analysis::ValueForMoney& v, const std::string& period);
std::string timing_sentence(const analysis::VariantDecision& d, const sim::Calendar& cal);
std::string capacity_sentence(const analysis::CapacityRow& c, const sim::Calendar& cal);
// "better", "worse", "costs more", "costs less", "no change" or "too few children to tell".
std::string board_verdict(const analysis::IndicatorFigure& f);
// A row of the summary table: "Custodial sentences (sentences)" (the HTML and the XLSX Summary sheet).
std::string board_row_label(const std::string& kpi);
std::string month_name(const std::string& iso);  // "2019-12" -> "December 2019"
// "January to December 2016" for "2016-01..2016-12".
std::string period_name(const std::string& period);
// The area's published figure in a sentence: "Bromley published 46.1% for January to December 2016 (source)".
std::string published_sentence(const std::string& area, const models::PublishedFigure& f);
// The funnel plot's reading: the area's rate, cohort, the national rate and the verdict.
std::string funnel_sentence(const analysis::Funnel& f);

// The calibration page (HTML, PDF and the XLSX's strings): where the model's figures come from, then a row per
// published figure (indicator, period, published, model mean, model 90% interval, within it or not, fitted or held
// out) and per parameter (name, fitted value, posterior mean, sd, 90% interval, median).
std::string calibration_sentence(const BoardPack& p);
std::vector<std::string> calibration_row(const analysis::PublishedCheck& c);
std::vector<std::string> posterior_row(const analysis::ParameterPosterior& q);

}  // namespace yjsim::report

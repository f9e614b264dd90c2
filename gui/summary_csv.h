#pragma once
// The results panel's by-year table as a CSV (issue 13 item 7): written beside the CSV export's KPI files as
// table_as_shown.csv (beside the tidy summary.csv of io::write_csv), one row per variant, KPI and year (and the whole horizon), the figures as numbers and as shown.
#include <string>

#include "gui/results_view.h"

namespace yjsim::gui {

std::string summary_csv(const ResultsView& view);

}  // namespace yjsim::gui

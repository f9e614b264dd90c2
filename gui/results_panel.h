#pragma once
// The right panel: progress of the run, a chart per KPI (baseline and variants, each with its 90% band), the
// table by year (difference with interval, chance of improvement) and the cost per outcome avoided.
#include <optional>
#include <string>

#include "gui/results_view.h"
#include "gui/ui_registry.h"
#include "gui/worker.h"

namespace yjsim::gui {

struct ResultsPanelInput {
  const ResultsView* view = nullptr;  // null before the first result
  const Snapshot* run = nullptr;      // the worker's state
  bool stale = false;                 // the view is of an earlier version of the scenario
  std::string cannot_run;             // why the scenario as edited cannot run ("" if it can)
  bool capturing = false;             // a chart is being saved: no hover effects or buttons
};

struct ResultsPanelState {
  bool differences = false;  // chart each variant's paired difference from the baseline instead of levels
};

struct ResultsPanelOutput {
  std::optional<std::string> save_chart;   // the planner asked to save this chart (its key) as PNG
  std::optional<std::string> print_chart;  // ... or the board pack's chart of this KPI at print resolution
};

ResultsPanelOutput draw_results_panel(const ResultsPanelInput& in, ResultsPanelState& state, UiRegistry& ui);

// Colour of variant `v` in charts and tables (the baseline is dark grey).
unsigned int variant_colour(std::size_t v);

}  // namespace yjsim::gui

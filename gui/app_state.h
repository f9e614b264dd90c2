#pragma once
// The scenario being edited, and every edit a planner can make to it. All edits go through these functions:
// they keep variants following the baseline where the planner has not changed them, and count edits so that a
// fresh run starts. Nothing here simulates: running is the library's job (worker.h).
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/parameters.h"
#include "models/scenario.h"

namespace yjsim::gui {

struct AppState {
  models::Scenario scenario;                    // variants[0] is the baseline
  std::vector<models::Intervention> catalogue;  // the rows of the intervention list
  std::string path;                             // the file it came from or was saved to ("" if none)
  std::size_t selected = 0;                     // the variant shown in the scenario panel
  // Per variant: the settings of interventions the planner unticked, so that ticking again restores them.
  std::vector<std::map<std::string, models::Intervention>> stash;
  long edits = 0;         // counts changes (a new run starts after each)
  bool modified = false;  // differs from the scenario as opened or saved
  std::string saved_text;  // the scenario as opened or saved, written as TOML (what `modified` compares)
};

// The bundled files (from the source tree this binary was built from).
std::string bundled_scenario();
std::string bundled_catalogue();

// Opens a scenario file. Throws sim::InputError (bad file) with the reader's message.
AppState open_scenario(const std::string& path);
// Writes the scenario as TOML (the CLI's format); throws sim::IoError.
void save_scenario(AppState& s, const std::string& path);
// The scenario as the CLI would read it: written as TOML and read back. Throws sim::InputError.
models::Scenario runnable(const AppState& s);

// ---- interventions ----
// The rows to show: the catalogue, then any intervention of the scenario that is not in it.
std::vector<models::Intervention> intervention_rows(const AppState& s);
models::Intervention* find_intervention(models::Variant& v, const std::string& name);
void set_enabled(AppState& s, std::size_t variant, const models::Intervention& row, bool on);
// Changes one enabled intervention through `edit`; baseline edits carry over to variants that had the same.
template <class F>
void edit_intervention(AppState& s, std::size_t variant, const std::string& name, F edit);
void replace_intervention(AppState& s, std::size_t variant, const models::Intervention& changed);

// ---- variants ----
std::size_t add_variant(AppState& s);  // a copy of the baseline; returns its index
std::size_t duplicate_variant(AppState& s, std::size_t v);
void remove_variant(AppState& s, std::size_t v);  // not the baseline
// "" if done; otherwise why not (the name is used as an HDF5 group and must be unique).
std::string rename_variant(AppState& s, std::size_t v, const std::string& name);
void set_description(AppState& s, std::size_t v, const std::string& text);

// ---- parameters ----
// May this variant change this parameter? (run, population except growth, and values drawn at entry: no.)
bool variant_may_change(const models::ParamDecl& d);
// Sets element `i` of a parameter; in the baseline, variants that had the old value follow.
void set_parameter(AppState& s, std::size_t variant, const models::ParamDecl& d, std::size_t i, double value);
void set_seed(AppState& s, std::uint64_t seed);
void set_start(AppState& s, const sim::YearMonth& start);

// ---- months ----
std::string month_label(const sim::YearMonth& m);  // "Apr 2019"
// "Calibrated to Bromley (scenarios/calibration/bromley.targets.toml, 2026-12-02), 60 posterior draws"
std::string calibration_summary(const models::Calibration& c);
// A start month typed by the planner, "2019-04" or "Apr 2019", as months from the run's first month. Without a
// value, `why` says what is wrong (not a month, before the run starts).
struct StartMonth {
  std::optional<long> month;
  std::string why;
};
StartMonth parse_start_month(const std::string& text, const sim::YearMonth& run_start);
// "" when `month` is inside the horizon; otherwise the warning to show next to the field.
std::string start_month_warning(long month, const models::Params& baseline);

const models::ParamDecl* find_parameter(const std::string& name);
double parameter_value(const models::Params& p, const models::ParamDecl& d, std::size_t i);

template <class F>
void edit_intervention(AppState& s, std::size_t variant, const std::string& name, F edit) {
  models::Intervention* iv = find_intervention(s.scenario.variants[variant], name);
  if (!iv) return;
  models::Intervention changed = *iv;
  edit(changed);
  replace_intervention(s, variant, changed);
}

}  // namespace yjsim::gui

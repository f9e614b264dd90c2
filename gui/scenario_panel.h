#pragma once
// The left panel: the variants (tabs; add, duplicate, remove, name, description), the borough and run
// settings, the model's parameters and the interventions of the selected variant.
#include <map>
#include <string>

#include "gui/app_state.h"
#include "gui/ui_registry.h"

namespace yjsim::gui {

struct ScenarioPanelState {
  std::string name_buffer, name_error;  // the variant name being typed, and why it is not accepted
  std::size_t name_of = static_cast<std::size_t>(-1);  // the variant the buffer belongs to
  std::string start_buffer;                            // "YYYY-MM" being typed
  bool start_active = false;
  std::map<std::string, std::string> places_text;  // places being typed, per variant and intervention
  std::string places_active;                       // the places field being edited ("" if none)
  std::map<std::string, std::string> start_text;   // start months being typed ("2019-04"), likewise
  std::string iv_start_active;
  bool select_tab = false;  // make the tab bar show state.selected (after add, remove...)
};

void draw_scenario_panel(AppState& s, ScenarioPanelState& panel, UiRegistry& ui);
void calibration_line(const models::Calibration& c, UiRegistry& ui);

// Grey text wrapped at the panel's edge (notes under a heading).
void wrapped_note(const char* text);

// Parts of the panel (parameter_editor.cpp, intervention_list.cpp).
void draw_run_settings(AppState& s, ScenarioPanelState& panel, UiRegistry& ui);
void draw_parameters(AppState& s, UiRegistry& ui);
void draw_interventions(AppState& s, ScenarioPanelState& panel, UiRegistry& ui);

}  // namespace yjsim::gui

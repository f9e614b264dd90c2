#include "gui/scenario_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

namespace yjsim::gui {

namespace {

void variant_tabs(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  if (!ImGui::BeginTabBar("variants", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  ui.clear_texts("variant/tab/");
  for (std::size_t v = 0; v < s.scenario.variants.size(); ++v) {
    ImGuiTabItemFlags flags = 0;
    if (panel.select_tab && v == s.selected) flags |= ImGuiTabItemFlags_SetSelected;
    const std::string label = s.scenario.variants[v].name + "###tab" + std::to_string(v);
    const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
    ui.item("variant/tab/" + std::to_string(v));
    ui.text("variant/tab/" + std::to_string(v), s.scenario.variants[v].name);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(v == 0 ? "Today's services: what the variants are compared with"
                               : "A what-if: the baseline with the changes made here");
    if (open) {
      if (!panel.select_tab) s.selected = v;
      ImGui::EndTabItem();
    }
  }
  panel.select_tab = false;
  ImGui::EndTabBar();
}

void variant_buttons(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  if (ImGui::Button("Add variant")) {
    s.selected = add_variant(s);
    panel.select_tab = true;
  }
  ui.item("variant/add");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new what-if, starting as a copy of the baseline");
  ImGui::SameLine();
  if (ImGui::Button("Duplicate")) {
    s.selected = duplicate_variant(s, s.selected);
    panel.select_tab = true;
  }
  ui.item("variant/duplicate");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.selected == 0);
  if (ImGui::Button("Remove")) {
    remove_variant(s, s.selected);
    panel.select_tab = true;
  }
  ui.item("variant/remove");
  ImGui::EndDisabled();
}

void variant_name(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  auto& v = s.scenario.variants[s.selected];
  if (panel.name_of != s.selected) {
    panel.name_of = s.selected;
    panel.name_buffer = v.name;
    panel.name_error.clear();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Name");
  ImGui::SameLine(ImGui::GetFontSize() * 6.5f);
  ImGui::SetNextItemWidth(-1);
  ImGui::BeginDisabled(s.selected == 0);
  // The name applies on Enter or when the field loses focus, not at every key: a half-typed name would
  // otherwise label the charts and start a run.
  const bool enter = ImGui::InputText("##name", &panel.name_buffer, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool typing = ImGui::IsItemActive();
  if (enter || ImGui::IsItemDeactivatedAfterEdit())
    panel.name_error = rename_variant(s, s.selected, panel.name_buffer);
  ui.item("variant/name");
  ImGui::EndDisabled();
  if (!typing && panel.name_error.empty()) panel.name_buffer = v.name;
  if (typing && panel.name_buffer != v.name) ImGui::TextDisabled("Enter to rename (Escape: keep \"%s\")", v.name.c_str());
  if (!panel.name_error.empty()) ImGui::TextColored({0.75f, 0.1f, 0.1f, 1}, "%s", panel.name_error.c_str());
  ui.text("variant/name_error", panel.name_error);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Description");
  ImGui::SameLine(ImGui::GetFontSize() * 6.5f);
  ImGui::SetNextItemWidth(-1);
  std::string description = v.description;
  if (ImGui::InputText("##description", &description)) set_description(s, s.selected, description);
  ui.item("variant/description");
}

}  // namespace

void wrapped_note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

// What a calibrated scenario was fitted to (docs/calibration.md), under the file name: a planner must know that
// the baseline reproduces an area's own figures, and which, before reading any result. The fitted_to lines are in
// the tooltip and in an expandable section.
void calibration_line(const models::Calibration& c, UiRegistry& ui) {
  if (c.empty()) {
    ui.text("scenario/calibration", "");
    return;
  }
  const std::string line = calibration_summary(c);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{0.1f, 0.3f, 0.6f, 1});
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ui.text("scenario/calibration", line);
  std::string lines;
  for (const auto& f : c.fitted_to) lines += (lines.empty() ? "" : "\n") + f;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fitted to:\n%s\n\nMethod: %s", lines.c_str(), c.method.c_str());
  const bool open = ImGui::TreeNode("fitted_to", "What it was fitted to (%zu figures)", c.fitted_to.size());
  ui.item("scenario/calibration/fitted_to");
  if (open) {
    for (const auto& f : c.fitted_to) ImGui::BulletText("%s", f.c_str());
    wrapped_note(("Method: " + c.method).c_str());
    ImGui::TreePop();
  }
  ui.text("scenario/calibration/fitted_to/lines", lines);
}

void draw_scenario_panel(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  const std::string file =
      s.path.empty() ? "(not saved yet)" : std::filesystem::path(s.path).filename().string();
  ImGui::Text("Scenario: %s%s", file.c_str(), s.modified ? "  (changed)" : "");
  ui.text("scenario/state", s.modified ? "changed" : "as opened or saved");
  if (ImGui::IsItemHovered() && !s.path.empty()) ImGui::SetTooltip("%s", s.path.c_str());
  calibration_line(s.scenario.calibration, ui);
  variant_tabs(s, panel, ui);
  variant_buttons(s, panel, ui);
  variant_name(s, panel, ui);
  ImGui::Spacing();
  const bool run = ImGui::CollapsingHeader("Borough and run", ImGuiTreeNodeFlags_DefaultOpen);
  ui.item("section/run");
  if (run) draw_run_settings(s, panel, ui);
  const bool parameters = ImGui::CollapsingHeader("Model parameters");
  ui.item("section/parameters");
  if (parameters) draw_parameters(s, ui);
  const std::string title = "Interventions in " + s.scenario.variants[s.selected].name + "###interventions";
  const bool interventions = ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
  ui.item("section/interventions");
  if (interventions) draw_interventions(s, panel, ui);
}

}  // namespace yjsim::gui

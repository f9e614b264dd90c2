// The borough and run settings and the model's parameters, edited through models::parameter_table(): its
// units, ranges and sources are shown, and edits are clamped to the allowed range.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <map>

#include "gui/scenario_panel.h"

namespace yjsim::gui {

namespace {

const ImVec4 kChanged{0.1f, 0.35f, 0.75f, 1};

void parameter_tooltip(const models::ParamDecl& d, bool locked) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::Text("%s (%s)", d.name, d.unit);
  if (d.max >= 1e299)
    ImGui::Text("allowed: %g or more", d.min);
  else
    ImGui::Text("allowed: %g to %g", d.min, d.max);
  ImGui::Text("source: %s", d.source);
  if (locked) ImGui::TextDisabled("Set in the baseline: it applies to every variant.");
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// One number of a parameter, with a label column; `shown` scales it for display (a share as a percentage).
void number(AppState& s, UiRegistry& ui, const char* label, const char* name, std::size_t i = 0,
            double shown = 1, const char* format = "%g") {
  const models::ParamDecl* d = find_parameter(name);
  if (!d) return;
  const std::size_t v = s.selected;
  const bool locked = v > 0 && !variant_may_change(*d);
  const double value = parameter_value(s.scenario.variants[v].params, *d, i);
  const bool changed = v > 0 && value != parameter_value(s.scenario.variants[0].params, *d, i);
  ImGui::AlignTextToFramePadding();
  if (changed)
    ImGui::TextColored(kChanged, "%s *", label);
  else
    ImGui::TextUnformatted(label);
  if (changed && ImGui::IsItemHovered())
    ImGui::SetTooltip("Changed in this variant (baseline: %g)",
                      parameter_value(s.scenario.variants[0].params, *d, i));
  ImGui::SameLine(ImGui::GetFontSize() * 15);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  double x = value * shown;
  ImGui::BeginDisabled(locked);
  const std::string id = std::string("##") + name + std::to_string(i);
  if (ImGui::InputDouble(id.c_str(), &x, 0, 0, format)) set_parameter(s, v, *d, i, x / shown);
  std::string key = std::string("param/") + name;
  if (d->default_value.size() > 1) key.append("/").append(std::to_string(i));
  ui.item(key);
  ImGui::EndDisabled();
  parameter_tooltip(*d, locked);
}

void start_month(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  const auto& run = s.scenario.variants[0].params.run;
  if (!panel.start_active) panel.start_buffer = run.start.iso();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("First month (YYYY-MM)");
  ImGui::SameLine(ImGui::GetFontSize() * 15);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::BeginDisabled(s.selected > 0);
  const bool edited = ImGui::InputText("##start", &panel.start_buffer);
  ui.item("param/run.start");
  panel.start_active = ImGui::IsItemActive();
  ImGui::EndDisabled();
  const auto ym = sim::YearMonth::parse(panel.start_buffer);
  if (edited && ym && !(*ym == run.start)) set_start(s, *ym);
  if (!ym) {
    ImGui::SameLine();
    ImGui::TextColored({0.75f, 0.1f, 0.1f, 1}, "a month such as 2018-04");
  }
}

void seed(AppState& s, UiRegistry& ui) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Random seed");
  ImGui::SameLine(ImGui::GetFontSize() * 15);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::BeginDisabled(s.selected > 0);
  std::uint64_t seed = s.scenario.variants[0].params.run.seed;
  if (ImGui::InputScalar("##seed", ImGuiDataType_U64, &seed) &&
      seed != s.scenario.variants[0].params.run.seed && seed < (std::uint64_t{1} << 63))
    set_seed(s, seed);
  ui.item("param/run.seed");
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The same scenario and seed always give the same results");
}

void all_parameters(AppState& s, UiRegistry& ui) {
  std::string section;
  bool open = false;
  for (const auto& d : models::parameter_table()) {
    const std::string name = d.name, sec = name.substr(0, name.find('.'));
    if (sec != section) {
      if (open) ImGui::TreePop();
      section = sec;
      open = ImGui::TreeNode(("[" + sec + "]").c_str());
      ui.item("section/parameters/" + sec);
    }
    if (!open) continue;
    const std::size_t n = d.default_value.size();
    for (std::size_t i = 0; i < n; ++i) {
      const std::string label =
          n > 1 ? name.substr(sec.size() + 1) + "[" + std::to_string(i) + "]" : name.substr(sec.size() + 1);
      number(s, ui, label.c_str(), d.name, i);
    }
  }
  if (open) ImGui::TreePop();
}

}  // namespace

void draw_run_settings(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  if (s.selected > 0) wrapped_note("Set in the baseline; a variant may change only the yearly growth.");
  number(s, ui, "Children aged 10-17", "population.size_10_17", 0, 1, "%.0f");
  number(s, ui, "Yearly growth of intake (%)", "population.annual_growth", 0, 100, "%.2f");
  number(s, ui, "Months to simulate", "run.months", 0, 1, "%.0f");
  start_month(s, panel, ui);
  number(s, ui, "Replicates", "run.replicates", 0, 1, "%.0f");
  seed(s, ui);
}

void draw_parameters(AppState& s, UiRegistry& ui) {
  wrapped_note("The main levers of the model (hover for units, ranges and sources).");
  number(s, ui, "Offending rate at 17", "offending.base_rate", 0, 1, "%.5g");
  number(s, ui, "Detection per offence", "detection.probability");
  number(s, ui, "Desistance after an outcome", "desistance.per_outcome");
  number(s, ui, "Rate ratio after custody", "offending.custody_rr");
  number(s, ui, "Court delay (months)", "court.mean_delay_months");
  for (std::size_t i = 0; i < 3; ++i) {
    static const char* const labels[] = {"Remand at charge: no history", "Remand at charge: cautioned",
                                         "Remand at charge: convicted"};
    number(s, ui, labels[i], "court.ryda", i, 1, "%.4g");
  }
  number(s, ui, "YRO breach per month", "orders.yro_breach_monthly");
  number(s, ui, "Custody place a year (£)", "costs.custody_place_year_gbp", 0, 1, "%.0f");
  number(s, ui, "Remand night (£)", "costs.remand_night_gbp", 0, 1, "%.0f");
  number(s, ui, "Sentencing occasion (£)", "costs.court_case_gbp", 0, 1, "%.0f");
  const bool all = ImGui::TreeNode("All parameters");
  ui.item("section/all_parameters");
  if (all) {
    all_parameters(s, ui);
    ImGui::TreePop();
  }
}

}  // namespace yjsim::gui

// The intervention list of the selected variant: for each catalogue entry a tick box, places a year and start
// month, its effect with the evidence behind it (with a warning where the evidence is weak, absent or
// harmful, or the interval is assumed), and a card with the description and sources (click the name).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

#include "report/format.h"
#include "gui/table_header.h"
#include "gui/scenario_panel.h"

namespace yjsim::gui {

using namespace report;

namespace {

using models::Intervention;

const ImVec4 kAmber{0.72f, 0.42f, 0.0f, 1}, kRed{0.78f, 0.1f, 0.1f, 1}, kGreen{0.1f, 0.5f, 0.2f, 1},
    kGrey{0.45f, 0.45f, 0.45f, 1};

struct Evidence {
  const char* label;
  ImVec4 colour;
  const char* warning;  // null when the evidence supports the effect
};

Evidence evidence_of(const std::string& e) {
  if (e == "strong") return {"strong", kGreen, nullptr};
  if (e == "moderate") return {"moderate", kGreen, nullptr};
  if (e == "weak") return {"\u26a0 weak", kAmber, "Weak evidence: the real effect may be smaller, or none."};
  if (e == "none")
    return {"\u26a0 none", kAmber,
            "No evidence of an effect on reoffending: any effect shown is an assumption."};
  if (e == "harmful")
    return {"\u26a0 harmful", kRed,
            "Evidence of harm: studies found MORE reoffending with this intervention."};
  return {"\u26a0 not stated", kAmber, "The evidence behind this intervention is not stated."};
}

std::string effect_text(const Intervention& iv) {
  char buf[96];
  if (iv.rr_low == iv.rr_high)
    std::snprintf(buf, sizeof buf, "%.2f (fixed)", iv.offending_rr);
  else
    std::snprintf(buf, sizeof buf, "%.2f [%.2f, %.2f]", iv.offending_rr, iv.rr_low, iv.rr_high);
  return buf;
}

std::string cost_text(const Intervention& iv) {
  std::string t;
  if (iv.cost_per_place_gbp > 0) t = format_gbp(iv.cost_per_place_gbp) + " a place";
  if (iv.fixed_cost_per_year_gbp > 0)
    t.append(t.empty() ? "" : " + ").append(format_gbp(iv.fixed_cost_per_year_gbp)).append(" a year");
  return t.empty() ? "no cost set" : t;
}

std::string places_text(double places) {
  if (!std::isfinite(places)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", places);
  return buf;
}

// "" or "unlimited": no limit; otherwise a number >= 0. False if the text is neither.
bool parse_places(const std::string& text, double& places) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos || text.substr(first).rfind("unlimited", 0) == 0) {
    places = std::numeric_limits<double>::infinity();
    return true;
  }
  char* end = nullptr;
  const double x = std::strtod(text.c_str() + first, &end);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  if (!end || *end != '\0' || !(x >= 0) || x > 1e12) return false;
  places = x;
  return true;
}

// What to show for an unticked row: what ticking it would bring back.
Intervention shown_copy(const AppState& s, const Intervention& row) {
  const std::size_t v = s.selected;
  if (auto it = s.stash[v].find(row.name); it != s.stash[v].end()) return it->second;
  for (const auto& iv : s.scenario.variants[0].interventions)
    if (v > 0 && iv.name == row.name) return iv;
  return row;
}

void wrapped(const char* label, const std::string& text) {
  if (text.empty()) return;
  ImGui::TextColored(kGrey, "%s", label);
  ImGui::TextWrapped("%s", text.c_str());
}

std::string eligibility(const Intervention& iv) {
  char ages[64];
  std::snprintf(ages, sizeof ages, "; ages %g to under %g", iv.age_min, iv.age_max);
  std::string t = std::string(models::target_name(iv.target)) + ages;
  if (!iv.needs.empty()) {
    t += "; needs:";
    for (const auto& n : iv.needs) t += " " + n;
  }
  return t;
}

std::string what_it_does(const Intervention& iv) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      "offending rate x %.2f (95%% interval %.2f to %.2f) while active for %.0f months%s; uptake %.0f%%",
      iv.offending_rr, iv.rr_low, iv.rr_high, iv.duration_months,
      iv.persist_months > 0 ? (" and " + places_text(iv.persist_months) + " months after").c_str() : "",
      iv.uptake * 100);
  std::string t = buf;
  auto share = [&](double x, const char* what) {
    if (x <= 0) return;
    std::snprintf(buf, sizeof buf, "; %s %.0f%%", what, x * 100);
    t += buf;
  };
  share(iv.divert_share, "diverts from a caution or charge");
  share(iv.custody_to_community_share, "turns custodial sentences into a YRO:");
  share(iv.ryda_to_bail_share, "turns remands into bail:");
  return t;
}

// A labelled number on one line of the card; true (and `value` set, clamped) once the planner has finished
// typing it (Enter or leaving the field): the effect's fields depend on each other, and a half-typed number
// ("0" on the way to "0.85") must not move the others.
bool number_field(const char* label, const char* id, double& value, double lo, double hi, const char* fmt) {
  static std::map<ImGuiID, double> typing;  // what is being typed, per field
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(kGrey, "%s", label);
  ImGui::SameLine(ImGui::GetFontSize() * 14);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  const ImGuiID gid = ImGui::GetID(id);
  const auto it = typing.find(gid);
  double x = it != typing.end() ? it->second : value;
  ImGui::InputDouble(id, &x, 0, 0, fmt);
  if (ImGui::IsItemActive()) {
    typing[gid] = x;
    return false;
  }
  typing.erase(gid);
  if (!ImGui::IsItemDeactivatedAfterEdit()) return false;
  x = std::clamp(x, lo, hi);
  if (x == value) return false;
  value = x;
  return true;
}

// What the planner may change on the card: how it is delivered, and the effect. A changed effect is the
// planner's assumption, and the scenario says so (interval "assumed", with a note), so that it is never shown
// later as published evidence.
void editable_fields(AppState& s, UiRegistry& ui, const Intervention& iv) {
  ImGui::Separator();
  ImGui::TextColored(kGrey, "Change for this variant");
  const std::string key = "iv/" + iv.name + "/";
  double ramp = iv.ramp_up_months, uptake = iv.uptake * 100, duration = iv.duration_months;
  // Allowed ranges from the intervention field table (the same as a scenario file's).
  auto lo = [](const char* f) { return models::intervention_field(f).min; };
  auto hi = [](const char* f) { return models::intervention_field(f).max; };
  if (number_field("Ramp-up (months to full)", "##ramp", ramp, lo("ramp_up_months"), hi("ramp_up_months"), "%g"))
    edit_intervention(s, s.selected, iv.name, [&](Intervention& x) { x.ramp_up_months = ramp; });
  ui.item(key + "ramp");
  if (number_field("Uptake (% who take part)", "##uptake", uptake, lo("uptake") * 100, hi("uptake") * 100, "%g"))
    edit_intervention(s, s.selected, iv.name, [&](Intervention& x) { x.uptake = uptake / 100; });
  ui.item(key + "uptake");
  if (number_field("Duration (months)", "##duration", duration, lo("duration_months"), hi("duration_months"), "%.0f"))
    edit_intervention(s, s.selected, iv.name, [&](Intervention& x) { x.duration_months = std::floor(duration); });
  ui.item(key + "duration");
  double rr = iv.offending_rr, low = iv.rr_low, high = iv.rr_high;
  const bool changed_rr = number_field("Effect: rate ratio", "##rr", rr, lo("effect.offending_rr"), hi("effect.offending_rr"), "%.3g");
  ui.item(key + "rr");
  const bool changed_low = number_field("  95% interval, low", "##rr_low", low, lo("effect.rr_low"), hi("effect.rr_low"), "%.3g");
  ui.item(key + "rr_low");
  const bool changed_high = number_field("  95% interval, high", "##rr_high", high, lo("effect.rr_high"), hi("effect.rr_high"), "%.3g");
  ui.item(key + "rr_high");
  if (changed_rr || changed_low || changed_high) {
    // Keep the interval around the effect: whichever end the planner moved, the other values follow.
    if (changed_rr) {
      low = std::min(low, rr);
      high = std::max(high, rr);
    }
    if (changed_low) {
      rr = std::max(rr, low);
      high = std::max(high, rr);
    }
    if (changed_high) {
      rr = std::min(rr, high);
      low = std::min(low, rr);
    }
    edit_intervention(s, s.selected, iv.name, [&](Intervention& x) {
      x.offending_rr = rr;
      x.rr_low = low;
      x.rr_high = high;
      x.interval_given = true;
      x.interval_assumed = true;
      x.interval_note = "effect set by the planner in yjsim-gui, not published evidence";
    });
  }
  const bool own = iv.interval_note.rfind("effect set by the planner", 0) == 0;
  const char* note = "\u26a0 This effect is your own assumption, not published evidence.";
  if (own) ImGui::TextColored(kAmber, "%s", note);
  ui.text(key + "effect_note", own ? note : "");
}

// The card of one intervention (opened by clicking its name; Escape or a click elsewhere closes it).
void details_card(AppState& s, UiRegistry& ui, const Intervention& templ) {
  const Intervention* have = find_intervention(s.scenario.variants[s.selected], templ.name);
  const Intervention iv = have ? *have : shown_copy(s, templ);
  ImGui::Text("%s (%s)%s", iv.name.c_str(), iv.kind.c_str(), have ? "" : ": not used in this variant");
  ui.item("iv/" + templ.name + "/card");  // the card's title: on screen whenever the card is open
  const Evidence e = evidence_of(iv.evidence);
  if (e.warning) ImGui::TextColored(e.colour, "\u26a0 %s", e.warning);
  if (iv.interval_assumed)
    ImGui::TextColored(kAmber, "\u26a0 The interval of the effect is assumed, not published.");
  wrapped("What it is", iv.description);
  wrapped("Who is eligible", eligibility(iv));
  wrapped("What it does in the model", what_it_does(iv));
  wrapped("Evidence", iv.evidence.empty() ? "not stated" : iv.evidence);
  if (iv.interval_assumed) wrapped("Why the interval is assumed", iv.interval_note);
  wrapped("Sources", iv.source);
  wrapped("Cost", cost_text(iv) + (iv.price_year.empty() ? "" : " (" + iv.price_year + " prices)"));
  if (have) editable_fields(s, ui, iv);
}

void details_popup(AppState& s, UiRegistry& ui, const Intervention& templ) {
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSizeConstraints({em * 20, 0}, {em * 42, em * 40});
  if (!ImGui::BeginPopup("details")) return;
  ImGui::PushTextWrapPos(em * 40);
  details_card(s, ui, templ);
  ImGui::PopTextWrapPos();
  ImGui::EndPopup();
}

void places_cell(AppState& s, ScenarioPanelState& panel, UiRegistry& ui, const Intervention& iv, bool on) {
  const std::string key = std::to_string(s.selected) + "/" + iv.name;
  std::string& text = panel.places_text[key];
  if (panel.places_active != key) text = places_text(iv.places_per_year);
  double places = 0;
  const bool valid = parse_places(text, places);
  if (!valid) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4{1, 0.8f, 0.8f, 1});
  ImGui::SetNextItemWidth(-1);
  ImGui::BeginDisabled(!on);
  const bool edited = ImGui::InputTextWithHint("##places", "unlimited", &text);
  ui.item("iv/" + iv.name + "/places");
  if (ImGui::IsItemActive())
    panel.places_active = key;
  else if (panel.places_active == key)
    panel.places_active.clear();
  ImGui::EndDisabled();
  if (!valid) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(valid ? "New starts a year (empty: as many as are eligible)"
                            : "A number of places, or empty for unlimited");
  if (edited && on && parse_places(text, places) && places != iv.places_per_year)
    edit_intervention(s, s.selected, iv.name, [&](Intervention& x) { x.places_per_year = places; });
}

// The month places start, as a calendar month ("Apr 2019"); typed as "2019-04" or "Apr 2019". A month past
// the horizon is allowed (a plan may start later) but marked: no places start within the run.
void start_cell(AppState& s, ScenarioPanelState& panel, UiRegistry& ui, const Intervention& iv, bool on) {
  const models::Params& base = s.scenario.baseline();
  const std::string key = std::to_string(s.selected) + "/" + iv.name, ui_key = "iv/" + iv.name + "/start";
  std::string& text = panel.start_text[key];
  // Not being typed: the month in use, unless what was typed last cannot be used (it stays, in red, so that
  // the planner sees it was refused).
  if (panel.iv_start_active != key && (text.empty() || parse_start_month(text, base.run.start).month))
    text = month_label(base.run.start.plus(static_cast<long>(iv.start_month)));
  const StartMonth typed = parse_start_month(text, base.run.start);
  const std::string warning = typed.month ? start_month_warning(*typed.month, base) : "";
  if (!typed.month) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4{1, 0.8f, 0.8f, 1});
  else if (!warning.empty()) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4{1, 0.9f, 0.7f, 1});
  ImGui::SetNextItemWidth(-1);
  ImGui::BeginDisabled(!on);
  const bool edited = ImGui::InputTextWithHint("##start", "YYYY-MM", &text);
  ui.item(ui_key);
  if (ImGui::IsItemActive())
    panel.iv_start_active = key;
  else if (panel.iv_start_active == key)
    panel.iv_start_active.clear();
  ImGui::EndDisabled();
  if (!typed.month || !warning.empty()) ImGui::PopStyleColor();
  if (!warning.empty() && on) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kAmber, "\u26a0 after the horizon");
    ImGui::PopTextWrapPos();
  }
  ui.text(ui_key + "/shown", text);
  ui.text(ui_key + "/note", typed.month ? warning : "not used: " + typed.why);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", !typed.month      ? ("Not used: type " + typed.why).c_str()
                            : !warning.empty() ? warning.c_str()
                                               : "Month places start (type 2019-04 or Apr 2019)");
  if (!edited || !on) return;
  const StartMonth now_typed = parse_start_month(text, base.run.start);  // the text after this frame's keys
  if (now_typed.month && static_cast<double>(*now_typed.month) != iv.start_month)
    edit_intervention(s, s.selected, iv.name,
                      [&](Intervention& x) { x.start_month = static_cast<double>(*now_typed.month); });
}

void row(AppState& s, ScenarioPanelState& panel, UiRegistry& ui, const Intervention& templ) {
  const Intervention* have = find_intervention(s.scenario.variants[s.selected], templ.name);
  const bool on = have != nullptr;
  const Intervention iv = on ? *have : shown_copy(s, templ);
  ImGui::PushID(templ.name.c_str());
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  bool tick = on;
  if (ImGui::Checkbox("##use", &tick)) set_enabled(s, s.selected, templ, tick);
  ui.item("iv/" + templ.name + "/use");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(on ? "Commissioned in this variant: untick to drop it"
                         : "Tick to commission it in this variant");
  ImGui::TableNextColumn();
  if (!on) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  if (ImGui::Selectable(iv.name.c_str(), false)) ImGui::OpenPopup("details");
  ui.item("iv/" + templ.name + "/details");
  details_popup(s, ui, templ);
  if (!on) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s, for: %s (click for details and sources)", iv.kind.c_str(),
                      models::target_name(iv.target));
  ImGui::PushStyleColor(ImGuiCol_Text, kGrey);
  ImGui::TextWrapped("%s", cost_text(iv).c_str());
  ImGui::PopStyleColor();
  // Places and start next to the name: on a laptop's narrow panel they stay in view, the evidence scrolls.
  ImGui::TableNextColumn();
  places_cell(s, panel, ui, iv, on);
  ImGui::TableNextColumn();
  start_cell(s, panel, ui, iv, on);
  ImGui::TableNextColumn();
  const Evidence e = evidence_of(iv.evidence);
  ImGui::TextColored(e.colour, "%s", e.label);
  if (e.warning && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.warning);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(effect_text(iv).c_str());
  if (iv.interval_assumed) {
    ImGui::TextColored(kAmber, "\u26a0 interval assumed");
    if (ImGui::IsItemHovered() && !iv.interval_note.empty()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
      ImGui::TextUnformatted(iv.interval_note.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  ImGui::PopID();
}

}  // namespace

void draw_interventions(AppState& s, ScenarioPanelState& panel, UiRegistry& ui) {
  const auto rows = intervention_rows(s);
  if (rows.empty()) {
    ImGui::TextColored(kAmber, "No intervention catalogue was found.");
    return;
  }
  wrapped_note(("Tick to commission in " + s.scenario.variants[s.selected].name +
                ". Effect: rate ratio on offending while active [95% interval]; click a name for its card.")
                   .c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
  const float em = ImGui::GetFontSize();
  // The list scrolls by itself under a fixed header, so that the variant tabs above stay in view; columns
  // keep the width of their widest text (a narrow panel scrolls sideways rather than squeezing names to
  // nothing).
  const float height = std::max(ImGui::GetContentRegionAvail().y, em * 18);
  float name_width = ImGui::CalcTextSize("Intervention").x;
  for (const auto& r : rows) name_width = std::max(name_width, ImGui::CalcTextSize(r.name.c_str()).x);
  if (ImGui::BeginTable("interventions", 6, flags, {0, height})) {
    ImGui::TableSetupScrollFreeze(2, 1);  // tick boxes and names stay in view when scrolling sideways
    ImGui::TableSetupColumn("Use", ImGuiTableColumnFlags_WidthFixed, std::max(em * 1.6f, ImGui::CalcTextSize("Use").x));
    ImGui::TableSetupColumn("Intervention", ImGuiTableColumnFlags_WidthFixed, name_width + em * 0.5f);
    const float pad = ImGui::GetStyle().FramePadding.x * 2 + 2;
    ImGui::TableSetupColumn("Places/yr", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("unlimited").x + pad);
    ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Sep 2020").x + pad);
    ImGui::TableSetupColumn("Evidence", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("\u26a0 harmful ").x);
    ImGui::TableSetupColumn("Effect (RR)", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("\u26a0 interval assumed").x);
    wrapped_headers_row(ui, "header/interventions",
                        {"tick to commission it in this variant",
                         "click a name for its card: what it is, who is eligible, the evidence and the sources",
                         "new starts a year; empty for unlimited (everyone eligible)",
                         "the calendar month places start: type 2019-04 or Apr 2019",
                         "the evidence of an effect on reoffending (docs/interventions.md)",
                         "the rate ratio on the child's offending while the intervention is active, with its 95% "
                         "interval"});
    for (const auto& r : rows) row(s, panel, ui, r);
    ImGui::EndTable();
  }
}

}  // namespace yjsim::gui

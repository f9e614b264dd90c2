#include "gui/results_panel.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "gui/chart.h"
#include "gui/table_header.h"
#include "gui/text_wrap.h"
#include "report/board_charts.h"
#include "report/format.h"
#include "models/kpis.h"

namespace yjsim::gui {

using namespace report;

namespace {

const ImVec4 kRed{0.78f, 0.1f, 0.1f, 1}, kGreen{0.1f, 0.5f, 0.2f, 1}, kGrey{0.45f, 0.45f, 0.45f, 1};

std::string what(long variants) {
  if (variants <= 1) return "the baseline";
  return "the baseline and " + std::to_string(variants - 1) + (variants == 2 ? " variant" : " variants");
}

void status(const ResultsPanelInput& in, UiRegistry& ui) {
  if (!in.cannot_run.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kRed,
                       "This version of the scenario cannot run: %s. The results below are of the last "
                       "version that could.",
                       in.cannot_run.c_str());
    ImGui::PopTextWrapPos();
    ui.text("status/cannot_run", in.cannot_run);
  }
  const Snapshot& r = *in.run;
  const long variants = r.scenario ? static_cast<long>(r.scenario->variants.size()) : 0;
  const long replicates = variants ? r.total / variants : 0;
  char line[256];
  if (r.job == 0) {
    std::snprintf(line, sizeof line, "No run yet.");
  } else if (!r.error.empty()) {
    std::snprintf(line, sizeof line, "The run failed: %s", r.error.c_str());
  } else if (r.running) {
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%ld of %ld replicates", variants ? r.done / variants : 0,
                  replicates);
    ImGui::ProgressBar(r.total ? static_cast<float>(r.done) / static_cast<float>(r.total) : 0.f, {-1, 0},
                       overlay);
    ui.item("status/progress");
    std::snprintf(line, sizeof line, "Running %ld replicates of %s; results refine as they finish.",
                  replicates, what(variants).c_str());
  } else {
    // Runs reused from earlier (an unchanged baseline or variant: the same replicates by construction) are said,
    // so a planner sees why a change to one variant is quick.
    char reused[96] = "";
    if (r.reused > 0) std::snprintf(reused, sizeof reused, "; %ld of %ld runs reused from earlier", r.reused, r.total);
    std::snprintf(line, sizeof line, "Finished: %ld replicates of %s in %.1f s (first result after %.2f s%s).",
                  replicates, what(variants).c_str(), r.seconds, r.first_result_seconds, reused);
  }
  text_wrapped_at_spaces(line, r.error.empty() ? kGrey : kRed);  // wraps on a narrow panel, never cut
  ui.text("status/line", line);
  if (r.first_result_seconds >= 0)
    ui.text("status/first_result_seconds", std::to_string(r.first_result_seconds));
  if (in.stale) ImGui::TextColored(kGrey, "Updating for your change...");
}

// Wraps to a new line when the next item would pass the panel's right edge (long variant names).
void same_line_or_wrap(float next_width) {
  const float gap = ImGui::GetFontSize();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float x = ImGui::GetItemRectMax().x + gap;
  if (x + next_width <= right) ImGui::SameLine(0, gap);
}

void legend(const ResultsView& view) {
  const float em = ImGui::GetFontSize();
  for (std::size_t v = 0; v < view.variant_names.size(); ++v) {
    const float w = em * 0.9f + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(view.variant_names[v].c_str()).x;
    if (v) same_line_or_wrap(w);
    ImGui::BeginGroup();
    ImGui::ColorButton(("##legend" + std::to_string(v)).c_str(),
                       ImGui::ColorConvertU32ToFloat4(variant_colour(v)), ImGuiColorEditFlags_NoTooltip,
                       {em * 0.9f, em * 0.9f});
    ImGui::SameLine();
    ImGui::TextUnformatted(view.variant_names[v].c_str());
    ImGui::EndGroup();
  }
  char note[96];
  std::snprintf(note, sizeof note, "lines: mean; bands: 90%% of replicates (%ld)", view.replicates);
  same_line_or_wrap(ImGui::CalcTextSize(note).x);
  ImGui::TextColored(kGrey, "%s", note);
}

bool is_reoffending(const std::string& kpi) { return kpi.rfind("reoffending_", 0) == 0; }

// Few custodial sentences (a borough): yearly totals, each year's spread in the tooltip's heading.
void yearly_counts(const ResultsView& view, const KpiView& k, bool differences, chart::Spec& s) {
  s.title = "Custodial sentences a year";
  s.subtitle = std::string(differences ? "variant minus baseline (paired by replicate); " : "") +
               "yearly totals: too few a quarter in this area for quarterly rates";
  s.x = view.year_x;
  s.x_ticks.clear();
  s.point_labels.clear();
  for (std::size_t y = 0; y < view.year_x.size(); ++y) {
    s.x_ticks.emplace_back(view.year_x[y], view.year_short[y]);
    s.point_labels.push_back(view.year_labels[y]);
  }
  s.series.clear();
  for (std::size_t v = differences ? 1 : 0; v < k.yearly.size(); ++v) {
    const Band& b = differences ? k.yearly_diff[v] : k.yearly[v];
    s.series.push_back({view.variant_names[v], variant_colour(v), b.mean, b.low, b.high});
  }
}

chart::Spec chart_spec(const ResultsView& view, const KpiView& k, bool interactive, bool differences) {
  chart::Spec s;
  s.title = kpi_title(k.kpi);
  s.subtitle = k.kpi == "cost_gbp"             ? "custody, remand, court, interventions; per quarter"
               : k.kpi == "custody_population" ? "mean of month-ends in each quarter"
                                               : "per quarter (not annualised)";
  s.x = view.period_x;
  s.x_min = 0;
  s.x_max = static_cast<double>(view.months);
  for (std::size_t p = 0; p < view.period_x.size(); ++p) {
    s.x_ticks.emplace_back(view.period_x[p], view.period_labels[p]);
    std::string label = view.period_labels[p];
    if (is_reoffending(k.kpi)) label += " cohort (complete " + view.cohorts[p].complete_iso + ")";
    s.point_labels.push_back(label);
  }
  for (std::size_t v = differences ? 1 : 0; v < k.variants.size(); ++v) {
    const Band& b = differences ? k.differences[v] : k.variants[v];
    s.series.push_back({view.variant_names[v], variant_colour(v), b.mean, b.low, b.high});
  }
  if (differences) {
    s.subtitle = "variant minus baseline (paired by replicate); " + s.subtitle;
    s.zero_line = true;
  }
  if (is_reoffending(k.kpi)) {
    long inside = 0;
    for (const auto& c : view.cohorts) {
      if (static_cast<double>(c.complete_month) < s.x_max) ++inside;
      s.markers.push_back({static_cast<double>(c.complete_month) + 0.5, c.label});
    }
    s.marker_legend = "\u25b2 official figure complete (" + std::to_string(inside) + " of " +
                      std::to_string(view.cohorts.size()) + " quarters)";
  }
  auto marks = [](const std::vector<PublishedMark>& from) {
    std::vector<chart::Published> to;
    for (const auto& m : from) to.push_back({m.x0, m.x1, m.value, m.label});
    return to;
  };
  if (!differences) s.published = marks(k.published);  // the area's own figures are levels, not differences
  if (!k.count_kpi.empty()) yearly_counts(view, k, differences, s);
  if (!k.count_kpi.empty() && !differences) s.published = marks(k.published_yearly);
  if (!s.published.empty())
    s.published_legend = "\u25c6 " + (view.area.empty() ? std::string("the area") : view.area) + "'s published figure" +
                         std::string(s.published.size() > 1 ? "s" : "") + " (hover for the period and source)";
  const std::string kpi = k.count_kpi.empty() ? k.kpi : k.count_kpi;
  if (differences)
    s.format = [kpi](double y) { return format_diff(kpi, y); };
  else
    s.format = [kpi](double y) { return format_value(kpi, y); };
  s.interactive = interactive;
  return s;
}

// Under a yearly-count chart: how many in a year, as shares of replicate-years, per variant.
void distribution_lines(const ResultsView& view, const KpiView& k, UiRegistry& ui) {
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kGrey, "In a full year (shares of replicates):");
  for (std::size_t v = 0; v < k.distribution.size(); ++v) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(variant_colour(v)), "%s: %s", view.variant_names[v].c_str(),
                       k.distribution[v].c_str());
    ui.text("chart/" + k.kpi + "/distribution/" + std::to_string(v), k.distribution[v]);
  }
  ImGui::PopTextWrapPos();
}

// The chart's buttons, over its top right corner (the chart must be the last item): "Print" saves the board
// pack's chart of this KPI at print resolution (report::kpi_chart_print_png), "PNG" the chart as on screen.
void chart_buttons(const KpiView& k, const std::string& key, ImVec2 lo, ImVec2 hi, UiRegistry& ui,
                   ResultsPanelOutput& out) {
  const float em = ImGui::GetFontSize();
  ImGui::SetItemAllowOverlap();
  const ImVec2 after = ImGui::GetCursorScreenPos();
  const float pad = ImGui::GetStyle().FramePadding.x * 2;
  const float png = ImGui::CalcTextSize("PNG").x + pad, print = ImGui::CalcTextSize("Print").x + pad;
  ImGui::PushID(k.kpi.c_str());
  ImGui::SetCursorScreenPos({hi.x - png - print - em * 0.6f, lo.y + em * 0.2f});
  if (ImGui::SmallButton("Print")) out.print_chart = k.count_kpi.empty() ? k.kpi : k.count_kpi;
  ui.item(key + "/print");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Save this chart for print: a PNG %d pixels wide (A4 less margins at 300 dpi), drawn as in "
                      "the board pack (each quarter, 50%% and 90%% bands)", report::kPrintWidthPx);
  ImGui::SetCursorScreenPos({hi.x - png - em * 0.3f, lo.y + em * 0.2f});
  if (ImGui::SmallButton("PNG")) out.save_chart = key;
  ui.item(key + "/png");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save this chart as a PNG picture, as on screen");
  ImGui::PopID();
  ImGui::SetCursorScreenPos(after);
}

void charts(const ResultsView& view, const ResultsPanelInput& in, bool differences, UiRegistry& ui,
            ResultsPanelOutput& out) {
  const float em = ImGui::GetFontSize();
  // Two charts a row when there is room for both, else one (a laptop, or a large text size).
  const int columns = ImGui::GetContentRegionAvail().x >= em * 48 ? 2 : 1;
  if (!ImGui::BeginTable("charts", columns, ImGuiTableFlags_SizingStretchSame)) return;
  for (const KpiView& k : view.kpis) {
    ImGui::TableNextColumn();
    const std::string key = "chart/" + k.kpi;
    ImVec2 lo, hi;
    const chart::Spec spec = chart_spec(view, k, !in.capturing, differences);
    chart::draw(k.kpi.c_str(), spec, {ImGui::GetContentRegionAvail().x, em * 16}, &lo, &hi);
    ui.item(key);
    std::string published;  // for scripts: each published figure drawn, at its value on the chart
    for (const auto& p : spec.published) published += (published.empty() ? "" : "; ") + spec.format(p.y) + " = " + p.label;
    ui.text(key + "/published", published);
    if (!in.capturing) chart_buttons(k, key, lo, hi, ui, out);  // the picture shows the chart only
    if (!k.count_kpi.empty()) distribution_lines(view, k, ui);
  }
  ImGui::EndTable();
}

// Green when the 90% interval of the difference is all on the better side, red when all on the worse side.
ImVec4 diff_colour(const KpiView& k, const analysis::Comparison& c) {
  const bool lower = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(k.kpi))].lower_is_better;
  const double lo = c.diff.p5, hi = c.diff.p95;
  if (std::isnan(lo) || std::isnan(hi)) return ImGui::GetStyleColorVec4(ImGuiCol_Text);
  if (lower ? hi < 0 : lo > 0) return kGreen;
  if (lower ? lo > 0 : hi < 0) return kRed;
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

// A table cell; its text wraps at the column's edge, so a table fits a laptop's width rather than being cut.
void cell(UiRegistry& ui, const std::string& key, const std::string& text, ImVec4 colour) {
  ImGui::TableNextColumn();
  text_wrapped_at_spaces(text, colour);  // never "+£47." over "8k"
  ui.text(key, text);
}

// A row's first cell: the short label ("2018/19"), the months on hover.
void row_label(const std::string& shown, const std::string& full) {
  ImGui::TableNextColumn();
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kGrey, "  %s", shown.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full.c_str());
}

// One KPI: a title row, then a row per year with the baseline, the variant, the paired difference and the
// chance that the variant is better.
void kpi_rows(const ResultsView& view, const KpiView& k, std::size_t v, UiRegistry& ui) {
  const ImVec4 normal = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  ImGui::TableNextRow();
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
  ImGui::TableNextColumn();
  text_wrapped_at_spaces(kpi_short_title(k.kpi), normal);  // "FTEs per 100,000" never split at its comma
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kpi_title(k.kpi).c_str());
  for (std::size_t y = 0; y < view.year_labels.size(); ++y) {
    const auto& c = k.by_year[v][y];
    const std::string key = "table/" + k.kpi + "/" + std::to_string(y) + "/";
    ImGui::TableNextRow();
    row_label(view.year_short[y], view.year_labels[y]);
    ui.text("year/" + std::to_string(y), view.year_labels[y]);
    cell(ui, key + "0/value", summary_text(k.kpi, c.baseline), normal);
    if (v == 0) continue;
    cell(ui, key + std::to_string(v) + "/value", summary_text(k.kpi, c.variant), normal);
    cell(ui, key + std::to_string(v) + "/diff", difference_text(k.kpi, c.diff), diff_colour(k, c));
    cell(ui, key + std::to_string(v) + "/p", shares_text(k.shares_by_year[v][y]), normal);
  }
  // The whole horizon, the total a board plans over (analysis::horizon_values), after the years.
  const auto& c = k.horizon[v];
  const std::string key = "table/" + k.kpi + "/horizon/";
  ImGui::TableNextRow();
  row_label("Whole horizon", view.horizon_label);
  ui.text("year/horizon", view.horizon_label);
  cell(ui, key + "0/value", summary_text(k.kpi, c.baseline), normal);
  if (v == 0) return;
  cell(ui, key + std::to_string(v) + "/value", summary_text(k.kpi, c.variant), normal);
  cell(ui, key + std::to_string(v) + "/diff", difference_text(k.kpi, c.diff), diff_colour(k, c));
  cell(ui, key + std::to_string(v) + "/p", shares_text(k.horizon_shares[v]), normal);
}

// The table of variant `v` against the baseline (v = 0: the baseline alone).
void comparison_table(const ResultsView& view, std::size_t v, UiRegistry& ui) {
  // Columns share the panel's width (cells wrap): at 1280 x 720 all five are in view.
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(("by_year" + std::to_string(v)).c_str(), v ? 5 : 2, flags)) return;
  // Weights: a figure with its interval ("225.3 [164.4, 289.7]") on one line at 1280 x 720 where it can be.
  const ImGuiTableColumnFlags stretch = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn("", stretch, 1.1f);
  ImGui::TableSetupColumn("Baseline", stretch, 1.5f);
  if (v) {
    ImGui::TableSetupColumn("Variant", stretch, 1.5f);  // named above the table (a long name would widen the column)
    ImGui::TableSetupColumn("Difference [90%]", stretch, 1.3f);
    ImGui::TableSetupColumn("Better / same / worse", stretch, 0.9f);
  }
  wrapped_headers_row(ui, "header/by_year/" + std::to_string(v),
                      {"", "mean [5th, 95th percentile] over replicates, without the change",
                       "mean [5th, 95th percentile] over replicates, with the change",
                       "the variant minus the baseline, paired by replicate: mean [5th, 95th percentile]",
                       "the shares of replicates in which the variant does better than the baseline, exactly the "
                       "same, and worse"});
  for (const auto& k : view.kpis) kpi_rows(view, k, v, ui);
  ImGui::EndTable();
}

void year_table(const ResultsView& view, UiRegistry& ui) {
  ImGui::PushStyleColor(ImGuiCol_Text, kGrey);
  ImGui::TextWrapped(
      "Mean [5th, 95th percentile] over replicates. Difference: variant minus baseline, paired by "
      "replicate (green: the 90%% interval is all better; red: all worse). Better / same / worse: the "
      "shares of replicates in which the variant does better than the baseline, exactly the same, and worse "
      "(a tie is not worse: where nothing can change, every replicate is the same).");
  ImGui::PopStyleColor();
  if (view.variant_names.size() == 1) comparison_table(view, 0, ui);
  for (std::size_t v = 1; v < view.variant_names.size(); ++v) {
    ImGui::ColorButton(("##t" + std::to_string(v)).c_str(), ImGui::ColorConvertU32ToFloat4(variant_colour(v)),
                       ImGuiColorEditFlags_NoTooltip,
                       {ImGui::GetFontSize() * 0.8f, ImGui::GetFontSize() * 0.8f});
    ImGui::SameLine();
    ImGui::TextWrapped("%s compared with the baseline", view.variant_names[v].c_str());  // long names wrap
    comparison_table(view, v, ui);
    ImGui::Spacing();
  }
}

// For each variant: the first official reoffending figure that can show its change, when that figure is
// complete and published, and how likely it is to show an improvement.
void board_table(const ResultsView& view, UiRegistry& ui) {
  ImGui::PushStyleColor(ImGuiCol_Text, kGrey);
  ImGui::TextWrapped(
      "The official reoffending figure (binary rate) of the first quarter in which the variant differs: complete "
      "18 months after the quarter ends, published by the MoJ about 4 months later. Chance: the shares of "
      "replicates in which that quarter's figure is better / the same / worse than the baseline's.");
  ImGui::PopStyleColor();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("board", 5, flags)) return;
  for (const char* h : {"Variant", "First figure", "Complete", "Published", "Better / same / worse"})
    ImGui::TableSetupColumn(h);
  wrapped_headers_row(ui, "header/board",
                      {"", "the first quarterly reoffending cohort (binary rate) that can show the change",
                       "the month that cohort's figure is complete: the quarter's last month + 18",
                       "the month the Ministry of Justice publishes it: + 22",
                       "the shares of replicates in which that quarter's figure is better / the same / worse than "
                       "the baseline's"});
  const ImVec4 normal = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  for (std::size_t v = 1; v < view.board.size(); ++v) {
    const BoardView& b = view.board[v];
    const std::string key = "board/" + std::to_string(v);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(variant_colour(v)), "%s", view.variant_names[v].c_str());
    ImGui::PopTextWrapPos();
    if (b.change_month < 0) {
      cell(ui, key + "/figure", "no change from the baseline", kGrey);
      continue;
    }
    if (b.period < 0) {
      cell(ui, key + "/figure", "the change starts after the horizon", kGrey);
      continue;
    }
    cell(ui, key + "/figure", b.figure, normal);
    cell(ui, key + "/complete", b.complete, normal);
    cell(ui, key + "/published", b.published, normal);
    cell(ui, key + "/chance", shares_text(b.shares), normal);
  }
  ImGui::EndTable();
  // The rest of the planner's question on the same screen: custody and cost over the horizon, value for money.
  for (std::size_t v = 1; v <= view.answer.size(); ++v) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(variant_colour(v)), "%s:", view.variant_names[v].c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    text_wrapped_at_spaces(view.answer[v - 1], ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ui.text("board/" + std::to_string(v) + "/answer", view.answer[v - 1]);
  }
}

void cost_table(const ResultsView& view, UiRegistry& ui) {
  ImGui::PushStyleColor(ImGuiCol_Text, kGrey);
  ImGui::TextWrapped(
      "Over the whole horizon. Extra cost: the variant's cost minus the baseline's (its interventions, "
      "and the custody, remand and court costs they change; negative: a saving). Cost per outcome "
      "avoided: mean extra cost / mean outcomes avoided, with the 5th-95th percentile of the ratio; "
      "not estimated when the 90%% interval of outcomes avoided includes 0.");
  ImGui::PopStyleColor();
  for (std::size_t v = 1; v < view.cost_per_outcome.size(); ++v) {
    ImGui::ColorButton(("##c" + std::to_string(v)).c_str(), ImGui::ColorConvertU32ToFloat4(variant_colour(v)),
                       ImGuiColorEditFlags_NoTooltip,
                       {ImGui::GetFontSize() * 0.8f, ImGui::GetFontSize() * 0.8f});
    ImGui::SameLine();
    ImGui::TextWrapped("%s", view.variant_names[v].c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(("cost" + std::to_string(v)).c_str(), 4, flags)) continue;
    // Shares of the panel's width (cells and headers wrap), so that the table fits a laptop's panel.
    stretch_columns({{"Outcome", 1.1f}, {"Avoided (mean [90%])", 1}, {"Extra cost (mean [90%])", 1.3f},
                     {"Cost per outcome avoided", 1.3f}});
    wrapped_headers_row(ui, "header/cost/" + std::to_string(v),
                        {"", "outcomes avoided over the horizon, paired by replicate",
                         "the variant's cost minus the baseline's over the horizon (negative: a saving)",
                         "extra cost / outcomes avoided, with its 5th-95th percentile; not estimable when the 90% "
                         "interval of outcomes avoided includes 0"});
    const ImVec4 normal = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    for (std::size_t i = 0; i < view.cost_per_outcome[v].size(); ++i) {
      const auto& c = view.cost_per_outcome[v][i];
      const std::string key = "cost/" + std::to_string(v) + "/" + std::to_string(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.outcome.c_str());
      cell(ui, key + "/avoided", avoided_text(c.avoided), normal);
      cell(ui, key + "/extra", extra_cost_text(c.extra_cost), normal);
      cell(ui, key + "/per", cost_per_avoided_text(c), c.estimable ? normal : kGrey);
    }
    ImGui::EndTable();
    ImGui::Spacing();
  }
}

std::string ratio_text(double bcr, double low, double high) {
  if (std::isnan(bcr)) return "n/a (no extra spending)";
  return format_number(bcr, 2) + " [" + format_number(low, 2) + ", " + format_number(high, 2) + "]";
}

// Value for money per variant over the horizon (analysis/value_for_money.h), as the board pack has it: the
// fully loaded view (custody, remand and court costs avoided) beside the marginal one (remand nights only).
void value_table(const ResultsView& view, UiRegistry& ui) {
  ImGui::PushStyleColor(ImGuiCol_Text, kGrey);
  ImGui::TextWrapped(
      "Over the whole horizon, paired by replicate. Fully loaded: custody, remand and court costs avoided at "
      "the scenario's unit costs (the public purse). Marginal: only the remand nights a local authority stops "
      "paying. Net cost = extra spending on interventions minus costs avoided (negative: a saving). "
      "Benefit-cost ratio: costs avoided per pound of extra spending.");
  ImGui::PopStyleColor();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  for (std::size_t i = 0; i < view.value.size(); ++i) {
    const auto& v = view.value[i];
    const std::string key = "vfm/" + std::to_string(i + 1);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(variant_colour(i + 1)), "%s", v.variant.c_str());
    // The line a board reads first (the fully loaded view).
    const std::string line = "Extra cost " + extra_cost_text(v.extra_cost) + "; chance of a net saving " +
                             format_probability(v.fully_loaded.p_net_saving) + "; benefit-cost ratio " +
                             ratio_text(v.fully_loaded.bcr, v.fully_loaded.bcr_low, v.fully_loaded.bcr_high);
    text_wrapped_at_spaces(line, ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ui.text(key + "/line", line);
    if (!ImGui::BeginTable(("vfm" + std::to_string(i)).c_str(), 3, flags)) continue;
    for (const char* h : {"Over the horizon", "Fully loaded", "Marginal (local cash)"}) ImGui::TableSetupColumn(h);
    wrapped_headers_row(ui, "header/vfm/" + std::to_string(i + 1),
                        {"", "custody, remand and court costs avoided at the scenario's unit costs (the public purse)",
                         "only the remand nights a local authority stops paying"});
    const ImVec4 normal = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    auto row = [&](const char* label, const std::string& id, const std::string& a, const std::string& b) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label);
      cell(ui, key + "/" + id + "/full", a, normal);
      cell(ui, key + "/" + id + "/marginal", b, normal);
    };
    row("Extra spending on interventions", "spending", extra_cost_text(v.extra_spending), extra_cost_text(v.extra_spending));
    row("Costs avoided", "avoided", extra_cost_text(v.fully_loaded.avoided), extra_cost_text(v.marginal.avoided));
    row("Net cost (negative: a saving)", "net", extra_cost_text(v.fully_loaded.net_cost), extra_cost_text(v.marginal.net_cost));
    row("Chance of a net saving", "p_saving", format_probability(v.fully_loaded.p_net_saving),
        format_probability(v.marginal.p_net_saving));
    row("Benefit-cost ratio [90%]", "bcr", ratio_text(v.fully_loaded.bcr, v.fully_loaded.bcr_low, v.fully_loaded.bcr_high),
        ratio_text(v.marginal.bcr, v.marginal.bcr_low, v.marginal.bcr_high));
    ImGui::EndTable();
    ImGui::Spacing();
  }
}

// What the capacity tables' columns hold (with a Variant column first when there are several variants; the
// per-year table has a Year column and no costs).
std::vector<std::string> capacity_tips(bool variant_column) {
  std::vector<std::string> t;
  if (variant_column) t.push_back("");
  t.push_back("");
  t.push_back("places funded: places_per_year with its ramp-up, from its start month");
  t.push_back("places started, mean over replicates");
  t.push_back("the children who start a place when places are unlimited (the demand run, first 50 replicates)");
  t.push_back("places funded minus places started");
  t.push_back("places funded at the price per place, plus the fixed cost for the months it runs");
  t.push_back("the spending on the places started");
  return t;
}
std::vector<std::string> capacity_year_tips() {
  auto t = capacity_tips(false);
  t.insert(t.begin() + 1, "the year of the horizon");
  t.resize(6);
  return t;
}

// The same per year of the horizon (places funded, started, would take one, unused), folded until asked for.
void capacity_by_year(const ResultsView& view, UiRegistry& ui) {
  const bool open = ImGui::TreeNode("capacity_by_year", "Each year");
  ui.item("capacity/by_year");
  if (!open) return;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("capacity_years", 6, flags)) {
    stretch_columns({{"Intervention", 1.6f}, {"Year", 0.8f}, {"Places funded", 1}, {"Started", 1},
                     {"Would take one", 1}, {"Unused", 1}});
    wrapped_headers_row(ui, "header/capacity_years", capacity_year_tips());
    const ImVec4 normal = ImGui::GetStyleColorVec4(ImGuiCol_Text), amber{0.8f, 0.45f, 0.0f, 1};
    bool one_variant = true;
    for (const auto& c : view.capacity) one_variant &= c.variant == view.capacity.front().variant;
    for (const auto& c : view.capacity)
      for (std::size_t y = 0; y < c.starts_year.size() && y < view.year_short.size(); ++y) {
        const std::string key = "capacity/" + c.variant + "/" + c.intervention + "/year/" + std::to_string(y);
        const double funded = y < c.places_funded_year.size() ? c.places_funded_year[y] : std::nan("");
        const bool demand = c.demand_known && y < c.demand_year.size();
        const bool beyond = c.limited && demand && c.demand_year[y].mean < funded;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(y ? "" : (one_variant ? c.intervention : c.variant + ": " + c.intervention).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(view.year_short[y].c_str());
        cell(ui, key + "/funded", c.limited ? funded_places_text(funded) : "unlimited",
             beyond ? amber : normal);
        cell(ui, key + "/starts", format_number(c.starts_year[y].mean, 1), normal);
        cell(ui, key + "/demand", demand ? format_number(c.demand_year[y].mean, 1) : c.limited ? "not computed" : "as started",
             demand ? normal : kGrey);
        cell(ui, key + "/unused", c.limited ? format_number(funded - c.starts_year[y].mean, 1) : "-", beyond ? amber : normal);
      }
    ImGui::EndTable();
  }
  ImGui::TreePop();
}

// Capacity per intervention (analysis/capacity.h): places funded, started and wanted (the demand run, from the
// worker), unused places, the contract's cost, and the board pack's warnings (places beyond demand).
void capacity_table(const ResultsView& view, const Snapshot& run, UiRegistry& ui) {
  if (view.capacity.empty()) {
    ImGui::TextColored(kGrey, "No commissioned interventions.");
    return;
  }
  const bool demand = !view.capacity.empty() && view.capacity.front().demand_known;
  std::string note = "Over the whole horizon, means over replicates (hover over a row for the 90% ranges). Would "
                     "take one: children who start a place when places are unlimited (the demand, the first 50 "
                     "replicates). Contract: places funded at the price per place, plus the fixed cost.";
  if (view.demand_needed && !demand)
    note += run.demand_running ? " The demand is being computed..." : " The demand is not computed yet.";
  ImGui::PushStyleColor(ImGuiCol_Text, kGrey);
  ImGui::TextWrapped("%s", note.c_str());
  ImGui::PopStyleColor();
  ui.text("capacity/demand", !view.demand_needed ? "not needed" : demand ? "demand run done" : "waiting for the demand run");
  // No scrolling table: one that scrolls is a child window, not drawn at all while out of view.
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingStretchProp;
  std::vector<std::string> warnings;
  bool one_variant = true;  // then the variant's name is the section's, not a column (as the board pack does)
  for (const auto& c : view.capacity) one_variant &= c.variant == view.capacity.front().variant;
  if (one_variant) ImGui::TextUnformatted(view.capacity.front().variant.c_str());
  if (ImGui::BeginTable("capacity", one_variant ? 7 : 8, flags)) {
    // Weights, not the contents' widths: a long intervention name would leave the figures' columns too narrow
    // for their headers' words.
    if (!one_variant) stretch_columns({{"Variant", 1.2f}});
    stretch_columns({{"Intervention", 1.6f}, {"Places funded", 1}, {"Started", 1}, {"Would take one", 1},
                     {"Unused", 1}, {"Contract", 1.1f}, {"Spent on starts", 1.1f}});
    wrapped_headers_row(ui, "header/capacity", capacity_tips(!one_variant));
    const ImVec4 normal = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    const ImVec4 amber{0.8f, 0.45f, 0.0f, 1};
    for (std::size_t i = 0; i < view.capacity.size(); ++i) {
      const auto& c = view.capacity[i];
      const std::string key = "capacity/" + c.variant + "/" + c.intervention;
      const bool beyond = c.limited && c.demand_known && c.demand.mean < c.places_funded;
      ImGui::TableNextRow();
      if (!one_variant) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.variant.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.intervention.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Started %s; would take one %s (means [90%% of replicates])", avoided_text(c.starts).c_str(),
                          c.demand_known ? avoided_text(c.demand).c_str() : "not computed");
      cell(ui, key + "/funded", c.limited ? funded_places_text(c.places_funded) : "unlimited", beyond ? amber : normal);
      cell(ui, key + "/starts", format_number(c.starts.mean, 1), normal);
      cell(ui, key + "/demand", c.demand_known ? format_number(c.demand.mean, 1) : c.limited ? "not computed" : "as started",
           c.demand_known ? normal : kGrey);
      cell(ui, key + "/unused", c.limited ? format_number(c.unused, 1) : "-", beyond ? amber : normal);
      cell(ui, key + "/contract", std::isnan(view.contract_cost[i]) ? "-" : format_value("cost_gbp", view.contract_cost[i]), normal);
      cell(ui, key + "/spent", std::isnan(view.spent[i]) ? "-" : format_value("cost_gbp", view.spent[i]), normal);
      for (const auto& w : c.warnings) warnings.push_back(c.variant + ": " + w);
    }
    ImGui::EndTable();
  }
  capacity_by_year(view, ui);
  std::string all;
  for (const auto& w : warnings) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored({0.8f, 0.45f, 0.0f, 1}, "\xe2\x9a\xa0 %s", w.c_str());
    ImGui::PopTextWrapPos();
    all += w + "\n";
  }
  ui.text("capacity/warnings", all);
}

}  // namespace

unsigned int variant_colour(std::size_t v) {
  static const ImU32 colours[] = {IM_COL32(70, 70, 70, 255),   IM_COL32(31, 119, 180, 255),
                                  IM_COL32(230, 120, 20, 255), IM_COL32(44, 150, 44, 255),
                                  IM_COL32(200, 40, 40, 255),  IM_COL32(140, 90, 180, 255),
                                  IM_COL32(140, 86, 75, 255),  IM_COL32(220, 100, 180, 255)};
  return colours[v % (sizeof colours / sizeof colours[0])];
}

ResultsPanelOutput draw_results_panel(const ResultsPanelInput& in, ResultsPanelState& state, UiRegistry& ui) {
  ResultsPanelOutput out;
  for (const char* prefix : {"table/", "cost/", "status/", "board/", "year/", "chart/", "vfm/", "capacity/"})
    ui.clear_texts(prefix);  // what is not drawn is not shown
  status(in, ui);
  if (!in.view) return out;
  const ResultsView& view = *in.view;
  if (!in.stale && in.run->running &&
      view.replicates * static_cast<long>(view.variant_names.size()) < in.run->total)
    ImGui::TextColored(kGrey, "Provisional: %ld replicates so far.", view.replicates);
  legend(view);
  if (view.variant_names.size() > 1) {
    ImGui::Checkbox("Chart each variant's difference from the baseline", &state.differences);
    ui.item("results/differences");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Paired by replicate: the band shows how sure the difference is, without the chance both share");
  }
  if (view.board.size() > 1) {
    const bool board = ImGui::CollapsingHeader("When the board will see it", ImGuiTreeNodeFlags_DefaultOpen);
    ui.item("section/board");
    if (board) board_table(view, ui);
  }
  charts(view, in, state.differences && view.variant_names.size() > 1, ui, out);
  ImGui::Spacing();
  const bool by_year = ImGui::CollapsingHeader("By year of the horizon", ImGuiTreeNodeFlags_DefaultOpen);
  ui.item("section/by_year");
  if (by_year) year_table(view, ui);
  if (view.variant_names.size() < 2) return out;
  const bool costs = ImGui::CollapsingHeader("Cost per outcome avoided", ImGuiTreeNodeFlags_DefaultOpen);
  ui.item("section/costs");
  if (costs) cost_table(view, ui);
  const bool value = ImGui::CollapsingHeader("Value for money", ImGuiTreeNodeFlags_DefaultOpen);
  ui.item("section/value");
  if (value) value_table(view, ui);
  const bool capacity = ImGui::CollapsingHeader("Capacity and cost per intervention", ImGuiTreeNodeFlags_DefaultOpen);
  ui.item("section/capacity");
  if (capacity) capacity_table(view, *in.run, ui);
  return out;
}

}  // namespace yjsim::gui

#include "gui/chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace yjsim::gui::chart {

namespace {

struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  bool valid() const { return lo <= hi; }
};

Range y_range(const Spec& s) {
  Range r;
  for (const auto& series : s.series)
    for (std::size_t i = 0; i < series.mean.size(); ++i) {
      r.add(series.mean[i]);
      if (i < series.low.size()) r.add(series.low[i]);
      if (i < series.high.size()) r.add(series.high[i]);
    }
  for (const auto& p : s.published) r.add(p.y);
  if (!r.valid()) return {0, 1};
  // Start the axis at 0 when the data are not far from it, so that a difference does not look bigger than it
  // is.
  if (r.lo > 0 && r.lo < 0.5 * r.hi) r.lo = 0;
  if (r.hi - r.lo < 1e-12) r.lo -= 1, r.hi += 1;
  const double pad = 0.05 * (r.hi - r.lo);
  return {r.lo == 0 ? 0 : r.lo - pad, r.hi + pad};
}

ImU32 with_alpha(ImU32 c, int alpha) {
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

struct Frame {  // maps data to pixels
  ImVec2 min, max;
  double x0, x1, y0, y1;
  float px(double x) const { return min.x + static_cast<float>((x - x0) / (x1 - x0)) * (max.x - min.x); }
  float py(double y) const { return max.y - static_cast<float>((y - y0) / (y1 - y0)) * (max.y - min.y); }
};

// The band as quads between consecutive defined points (a polygon fill would need convex shapes), with thin
// edges so that overlapping bands stay distinguishable.
void draw_band(ImDrawList* dl, const Frame& f, const Spec& s, const Series& se) {
  const ImU32 fill = with_alpha(se.colour, 34), edge = with_alpha(se.colour, 150);
  for (std::size_t i = 0; i + 1 < s.x.size() && i + 1 < se.low.size() && i + 1 < se.high.size(); ++i) {
    if (!std::isfinite(se.low[i]) || !std::isfinite(se.low[i + 1]) || !std::isfinite(se.high[i]) ||
        !std::isfinite(se.high[i + 1]))
      continue;
    const ImVec2 a{f.px(s.x[i]), f.py(se.high[i])}, b{f.px(s.x[i + 1]), f.py(se.high[i + 1])},
        c{f.px(s.x[i + 1]), f.py(se.low[i + 1])}, d{f.px(s.x[i]), f.py(se.low[i])};
    dl->AddQuadFilled(a, b, c, d, fill);
    dl->AddLine(a, b, edge, 1.0f);
    dl->AddLine(d, c, edge, 1.0f);
  }
}

void draw_line(ImDrawList* dl, const Frame& f, const Spec& s, const Series& se, float thickness) {
  for (std::size_t i = 0; i + 1 < s.x.size() && i + 1 < se.mean.size(); ++i) {
    if (!std::isfinite(se.mean[i]) || !std::isfinite(se.mean[i + 1])) continue;
    dl->AddLine({f.px(s.x[i]), f.py(se.mean[i])}, {f.px(s.x[i + 1]), f.py(se.mean[i + 1])}, se.colour,
                thickness);
  }
  for (std::size_t i = 0; i < s.x.size() && i < se.mean.size(); ++i)
    if (std::isfinite(se.mean[i]))
      dl->AddCircleFilled({f.px(s.x[i]), f.py(se.mean[i])}, thickness * 1.2f, se.colour);
}

void draw_axes(ImDrawList* dl, const Frame& f, const Spec& s, const std::vector<double>& yt) {
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border, 0.5f), text = ImGui::GetColorU32(ImGuiCol_Text);
  const float fh = ImGui::GetFontSize();
  for (double y : yt) {
    const float py = f.py(y);
    dl->AddLine({f.min.x, py}, {f.max.x, py}, grid);
    const std::string label = s.format ? s.format(y) : std::to_string(y);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText({f.min.x - ts.x - fh * 0.3f, py - ts.y * 0.5f}, text, label.c_str());
  }
  // Label every 1st, 2nd, 4th, 8th... tick, as often as the labels fit (every 4th quarter: one a year).
  float widest = 0;
  for (const auto& t : s.x_ticks) widest = std::max(widest, ImGui::CalcTextSize(t.second.c_str()).x);
  const float spacing = s.x_ticks.size() > 1 ? f.px(s.x_ticks[1].first) - f.px(s.x_ticks[0].first) : 1e9f;
  std::size_t stride = 1;
  while (static_cast<float>(stride) * spacing < widest + fh && stride < s.x_ticks.size()) stride *= 2;
  for (std::size_t i = 0; i < s.x_ticks.size(); ++i) {
    const float px = f.px(s.x_ticks[i].first);
    dl->AddLine({px, f.max.y}, {px, f.max.y + fh * 0.3f}, text);
    const ImVec2 ts = ImGui::CalcTextSize(s.x_ticks[i].second.c_str());
    if (i % stride || px + ts.x * 0.5f > f.max.x + fh) continue;
    dl->AddText({px - ts.x * 0.5f, f.max.y + fh * 0.35f}, text, s.x_ticks[i].second.c_str());
  }
  dl->AddRect(f.min, f.max, ImGui::GetColorU32(ImGuiCol_Border));
}

// Series names with their colours from `at`, wrapping to a new line at `right` (long variant names).
// Returns the lines used.
int draw_legend(ImDrawList* dl, ImVec2 at, float right, const Spec& s, bool draw) {
  const float fh = ImGui::GetFontSize(), left = at.x;
  int lines = s.series.empty() ? 0 : 1;
  for (const auto& se : s.series) {
    const float w = fh * 1.8f + ImGui::CalcTextSize(se.name.c_str()).x;
    if (at.x > left && at.x + w - fh * 0.9f > right) {
      at = {left, at.y + fh * 1.2f};
      ++lines;
    }
    if (draw) {
      dl->AddRectFilled({at.x, at.y + fh * 0.2f}, {at.x + fh * 0.7f, at.y + fh * 0.9f}, se.colour);
      dl->AddText({at.x + fh * 0.9f, at.y}, ImGui::GetColorU32(ImGuiCol_Text), se.name.c_str());
    }
    at.x += w;
  }
  return lines;
}

// Lines `text` takes wrapped at `width`.
int wrapped_lines(const std::string& text, float width) {
  if (text.empty()) return 0;
  const float h = ImGui::CalcTextSize(text.c_str(), nullptr, false, width).y;
  return std::max(1, static_cast<int>(std::lround(h / ImGui::GetTextLineHeight())));
}

void wrapped_text(ImDrawList* dl, ImVec2 at, ImU32 colour, const std::string& text, float width) {
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, colour, text.c_str(), nullptr, width);
}

void draw_markers(ImDrawList* dl, const Frame& f, const Spec& s) {
  const float h = ImGui::GetFontSize() * 0.45f;
  const ImU32 c = IM_COL32(120, 60, 160, 255);
  for (const auto& m : s.markers) {
    if (m.x < s.x_min || m.x > s.x_max) continue;
    const float px = f.px(m.x);
    dl->AddLine({px, f.min.y}, {px, f.max.y}, with_alpha(c, 40));
    dl->AddTriangleFilled({px, f.max.y - h * 1.6f}, {px - h * 0.7f, f.max.y}, {px + h * 0.7f, f.max.y}, c);
  }
}

const ImU32 kPublished = IM_COL32(17, 17, 17, 255);

void draw_published(ImDrawList* dl, const Frame& f, const Spec& s) {
  const float h = ImGui::GetFontSize() * 0.32f;
  for (const auto& p : s.published) {
    const float y = f.py(p.y), x0 = f.px(p.x0) - h, x1 = f.px(p.x1) + h, xm = 0.5f * (x0 + x1);
    dl->AddLine({x0, y}, {x1, y}, kPublished, 2.0f);
    dl->AddQuadFilled({xm, y - h * 1.4f}, {xm + h * 1.4f, y}, {xm, y + h * 1.4f}, {xm - h * 1.4f, y}, kPublished);
  }
}

// Index of the point nearest the mouse, or -1.
int hovered_point(const Frame& f, const Spec& s) {
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (m.x < f.min.x || m.x > f.max.x || m.y < f.min.y || m.y > f.max.y) return -1;
  int best = -1;
  float dist = 1e9f;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    const float d = std::fabs(f.px(s.x[i]) - m.x);
    if (d < dist) dist = d, best = static_cast<int>(i);
  }
  return best;
}

void tooltip(const Frame& f, const Spec& s, int i) {
  const auto ui = static_cast<std::size_t>(i);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine({f.px(s.x[ui]), f.min.y}, {f.px(s.x[ui]), f.max.y}, ImGui::GetColorU32(ImGuiCol_Text, 0.4f));
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(ui < s.point_labels.size() ? s.point_labels[ui].c_str() : "");
  for (const auto& se : s.series) {
    if (ui >= se.mean.size()) continue;
    ImGui::ColorButton(se.name.c_str(), ImGui::ColorConvertU32ToFloat4(se.colour),
                       ImGuiColorEditFlags_NoTooltip,
                       {ImGui::GetFontSize() * 0.8f, ImGui::GetFontSize() * 0.8f});
    ImGui::SameLine();
    const auto fmt = [&](double v) { return s.format ? s.format(v) : std::to_string(v); };
    ImGui::Text("%s: %s  [%s, %s]", se.name.c_str(), fmt(se.mean[ui]).c_str(), fmt(se.low[ui]).c_str(),
                fmt(se.high[ui]).c_str());
  }
  for (const auto& m : s.markers)
    if (std::fabs(m.x - s.x[ui]) < 1.6) ImGui::TextColored({0.47f, 0.24f, 0.63f, 1}, "%s", m.label.c_str());
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  for (const auto& p : s.published)
    if (s.x[ui] >= p.x0 - 1e-9 && s.x[ui] <= p.x1 + 1e-9) ImGui::TextUnformatted(("\u25c6 " + p.label).c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int count) {
  std::vector<double> ticks;
  if (!(hi > lo) || count < 1) return ticks;
  const double raw = (hi - lo) / count, mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

void draw(const char* id, const Spec& s, ImVec2 size, ImVec2* box_min, ImVec2* box_max) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float fh = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, {origin.x + size.x, origin.y + size.y}, ImGui::GetColorU32(ImGuiCol_ChildBg));
  // Titles are cut at the right edge (and leave room there for a caller's button).
  dl->PushClipRect(origin, {origin.x + size.x - fh * 3.2f, origin.y + size.y}, true);
  dl->AddText({origin.x + fh * 0.4f, origin.y + fh * 0.2f}, ImGui::GetColorU32(ImGuiCol_Text),
              s.title.c_str());
  dl->PopClipRect();
  dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
  // Subtitle, legend and marker note wrap at the chart's width rather than being cut.
  const float text_w = size.x - fh * 1.2f, line = ImGui::GetTextLineHeight();
  const int sub_lines = wrapped_lines(s.subtitle, text_w);
  wrapped_text(dl, {origin.x + fh * 0.4f, origin.y + fh * 1.35f}, ImGui::GetColorU32(ImGuiCol_TextDisabled),
               s.subtitle, text_w);
  const float extra_top = line * static_cast<float>(std::max(0, sub_lines - 1));
  if (s.x.empty()) {  // a horizon shorter than a quarter: nothing to plot
    dl->AddText({origin.x + fh * 0.4f, origin.y + fh * 3}, ImGui::GetColorU32(ImGuiCol_TextDisabled),
                "No quarter to show.");
    dl->PopClipRect();
    ImGui::InvisibleButton("chart", size);
    if (box_min) *box_min = origin;
    if (box_max) *box_max = {origin.x + size.x, origin.y + size.y};
    ImGui::PopID();
    return;
  }
  const Range yr = y_range(s);
  const auto yt = nice_ticks(yr.lo, yr.hi, std::max(2, static_cast<int>(size.y / (fh * 3.2f))));
  float axis_w = 0;
  for (double y : yt) axis_w = std::max(axis_w, ImGui::CalcTextSize((s.format ? s.format(y) : "").c_str()).x);
  const int legend_lines = draw_legend(dl, {origin.x, origin.y}, origin.x + size.x - fh * 0.8f, s, false);
  const int marker_lines = wrapped_lines(s.marker_legend, text_w), published_lines = wrapped_lines(s.published_legend, text_w);
  const float bottom = fh * 1.6f + line * 1.2f * static_cast<float>(legend_lines) +
                       line * static_cast<float>(marker_lines + published_lines) + fh * 0.2f;
  Frame f{{origin.x + axis_w + fh * 0.8f, origin.y + fh * 2.8f + extra_top},
          {origin.x + size.x - fh * 0.8f, origin.y + size.y - bottom},
          s.x_min,
          s.x_max,
          yr.lo,
          yr.hi};
  draw_axes(dl, f, s, yt);
  if (s.zero_line && yr.lo < 0 && yr.hi > 0)
    dl->AddLine({f.min.x, f.py(0)}, {f.max.x, f.py(0)}, ImGui::GetColorU32(ImGuiCol_Text, 0.6f), 1.5f);
  dl->PushClipRect(f.min, f.max, true);
  for (const auto& se : s.series) draw_band(dl, f, s, se);
  for (std::size_t i = 0; i < s.series.size(); ++i) draw_line(dl, f, s, s.series[i], i == 0 ? 2.5f : 2.0f);
  draw_published(dl, f, s);
  dl->PopClipRect();
  draw_markers(dl, f, s);
  const float legend_y = f.max.y + fh * 1.45f;
  draw_legend(dl, {f.min.x, legend_y}, origin.x + size.x - fh * 0.8f, s, true);
  if (!s.marker_legend.empty())
    wrapped_text(dl, {f.min.x, legend_y + fh * 1.2f * static_cast<float>(legend_lines)}, IM_COL32(120, 60, 160, 255),
                 s.marker_legend, origin.x + size.x - fh * 0.6f - f.min.x);
  if (!s.published_legend.empty())
    wrapped_text(dl, {f.min.x, legend_y + fh * 1.2f * static_cast<float>(legend_lines) + line * static_cast<float>(marker_lines)},
                 kPublished, s.published_legend, origin.x + size.x - fh * 0.6f - f.min.x);
  dl->PopClipRect();
  ImGui::InvisibleButton("chart", size);
  if (s.interactive && ImGui::IsItemHovered()) {
    const int i = hovered_point(f, s);
    if (i >= 0) tooltip(f, s, i);
  }
  if (box_min) *box_min = origin;
  if (box_max) *box_max = {origin.x + size.x, origin.y + size.y};
  ImGui::PopID();
}

}  // namespace yjsim::gui::chart

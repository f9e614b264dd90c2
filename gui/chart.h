#pragma once
// A small line chart with shaded bands, drawn with ImDrawList (ImPlot is not packaged in Debian). It knows
// nothing of yjsim: x positions, series with a mean and a band, tick labels and markers come from the caller.
#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

namespace yjsim::gui::chart {

struct Series {
  std::string name;
  ImU32 colour;
  std::vector<double> mean, low, high;  // one per point; NaN leaves a gap
};

struct Marker {  // a small triangle on the x axis, explained in the tooltip
  double x;
  std::string label;
};

// A published figure (a calibrated area's own): a dark bar over x0..x1 at y, a diamond at its middle.
struct Published {
  double x0, x1, y;
  std::string label;  // in the tooltip
};

struct Spec {
  std::string title;
  std::string subtitle;   // unit and what the band is
  std::vector<double> x;  // positions of the points, shared by all series
  double x_min = 0, x_max = 1;
  std::vector<std::pair<double, std::string>> x_ticks;
  std::vector<std::string> point_labels;  // tooltip heading of each point
  std::vector<Series> series;
  std::vector<Marker> markers;
  std::string marker_legend;                  // one line under the chart saying what the markers are
  std::vector<Published> published;
  std::string published_legend;               // under the marker legend: what the bars are
  std::function<std::string(double)> format;  // y values (axis and tooltip)
  bool zero_line = false;                     // a strong line at y = 0 (for differences)
  bool interactive = true;                    // false while the chart is being saved as an image
};

// Draws the chart at the cursor in a box of `size` and advances the cursor. Returns the box (screen pixels).
void draw(const char* id, const Spec& spec, ImVec2 size, ImVec2* box_min = nullptr,
          ImVec2* box_max = nullptr);

// Round tick values covering [lo, hi] (about `count` of them).
std::vector<double> nice_ticks(double lo, double hi, int count);

}  // namespace yjsim::gui::chart

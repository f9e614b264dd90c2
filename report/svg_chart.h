#pragma once
// Charts a board reads, as inline SVG (vector in the HTML and in the PDF printed from it): fan charts with 50%
// and 90% bands, and a difference chart of paired differences with their 90% intervals.
#include <functional>
#include <string>
#include <vector>

namespace yjsim::report {

struct FanSeries {
  std::string name, colour;
  std::vector<double> p5, p25, mean, p75, p95;  // per x position
};
// A published figure on a fan chart: a black bar over the x positions first..last at `value`, a diamond at its
// middle (the area's own figure, not a projection).
struct FanMark {
  std::size_t first, last;
  double value;
};
// x_labels: one per point; every `label_every`-th is written. format: a y value as text. `of`: what the bands
// are shares of ("runs"; the tracker's "draws").
std::string fan_chart_svg(const std::string& title, const std::vector<std::string>& x_labels, std::size_t label_every,
                          const std::vector<FanSeries>& series, const std::function<std::string(double)>& format,
                          const std::vector<FanMark>& marks = {}, const std::string& of = "runs");

// A funnel plot: the rate (y) against the cohort size (x), the control limits at 95% and 99.8% around the
// national rate, and the area's point.
struct FunnelPlot {
  std::string title, point_label, national_label;
  std::vector<double> ns, lo95, hi95, lo998, hi998;
  double national = 0, n = 0, rate = 0;
};
std::string funnel_svg(const FunnelPlot& f, const std::function<std::string(double)>& format);

struct DiffBar {
  std::string label;
  double mean, low, high;  // the paired difference and its 90% interval
};
// Horizontal bars: the mean difference, its 90% interval as a line, zero marked; `lower_is_better` says which side
// is the good one (written under the axis).
std::string difference_chart_svg(const std::string& title, const std::vector<DiffBar>& bars,
                                 const std::function<std::string(double)>& format, bool lower_is_better);

std::string xml_escape(const std::string& s);

// The charts' CSS (fonts, title and note sizes), for the page a chart is drawn in: the board pack's HTML and the
// print PNG (report/chromium.h) use the same, so a chart looks the same in both.
const char* chart_style();

}  // namespace yjsim::report

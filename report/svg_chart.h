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
// x_labels: one per point; every `label_every`-th is written. format: a y value as text.
std::string fan_chart_svg(const std::string& title, const std::vector<std::string>& x_labels, std::size_t label_every,
                          const std::vector<FanSeries>& series, const std::function<std::string(double)>& format);

struct DiffBar {
  std::string label;
  double mean, low, high;  // the paired difference and its 90% interval
};
// Horizontal bars: the mean difference, its 90% interval as a line, zero marked; `lower_is_better` says which side
// is the good one (written under the axis).
std::string difference_chart_svg(const std::string& title, const std::vector<DiffBar>& bars,
                                 const std::function<std::string(double)>& format, bool lower_is_better);

std::string xml_escape(const std::string& s);

}  // namespace yjsim::report

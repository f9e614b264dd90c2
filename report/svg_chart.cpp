#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace yjsim::report {

namespace {
std::string num(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", x);
  return b;
}

// Round tick steps (1, 2, 5 x 10^k) giving about `want` intervals over [lo, hi].
std::vector<double> ticks(double lo, double hi, int want) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / want, mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> t;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return t;
}

std::string polygon(const std::vector<double>& xs, const std::vector<double>& top, const std::vector<double>& bottom,
                    const std::function<double(double)>& y, const std::string& colour, double opacity) {
  std::string pts;
  for (std::size_t i = 0; i < xs.size(); ++i) pts += num(xs[i]) + "," + num(y(top[i])) + " ";
  for (std::size_t i = xs.size(); i-- > 0;) pts += num(xs[i]) + "," + num(y(bottom[i])) + " ";
  return "<polygon points=\"" + pts + "\" fill=\"" + colour + "\" fill-opacity=\"" + num(opacity) + "\" stroke=\"none\"/>";
}
}  // namespace

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

const char* chart_style() {
  return R"(svg.chart { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10px; fill: #222; }
svg.chart .ct { font-size: 12px; font-weight: bold; }
svg.chart .note { font-size: 9px; fill: #555; })";
}

std::string fan_chart_svg(const std::string& title, const std::vector<std::string>& x_labels, std::size_t label_every,
                          const std::vector<FanSeries>& series, const std::function<std::string(double)>& format,
                          const std::vector<FanMark>& marks, const std::string& of) {
  const double W = 620, H = 196, left = 62, right = 12, top = 26, bottom = 40;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& s : series)
    for (std::size_t i = 0; i < s.p5.size(); ++i) {
      if (!std::isnan(s.p5[i])) lo = std::min(lo, s.p5[i]);
      if (!std::isnan(s.p95[i])) hi = std::max(hi, s.p95[i]);
    }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  for (const auto& m : marks) lo = std::min(lo, m.value), hi = std::max(hi, m.value);
  lo = std::min(lo, 0.0);  // counts and rates from zero: a band's width is read against the whole figure
  const auto t = ticks(lo, hi, 4);
  hi = std::max(hi, t.back());
  const std::size_t n = x_labels.size();
  auto x = [&](std::size_t i) { return left + (n > 1 ? (W - left - right) * static_cast<double>(i) / static_cast<double>(n - 1) : 0); };
  auto y = [&](double v) { return top + (H - top - bottom) * (1 - (v - lo) / (hi - lo)); };
  std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(W) + " " + num(H) +
                  "\" class=\"chart\" role=\"img\"><title>" + xml_escape(title) + "</title>";
  o += "<text x=\"" + num(left) + "\" y=\"15\" class=\"ct\">" + xml_escape(title) + "</text>";
  for (double v : t)
    o += "<line x1=\"" + num(left) + "\" x2=\"" + num(W - right) + "\" y1=\"" + num(y(v)) + "\" y2=\"" + num(y(v)) +
         "\" stroke=\"#ddd\"/><text x=\"" + num(left - 4) + "\" y=\"" + num(y(v) + 3) + "\" text-anchor=\"end\">" +
         xml_escape(format(v)) + "</text>";
  for (std::size_t i = 0; i < n; i += std::max<std::size_t>(1, label_every))  // the last point's label ends there
    o += "<text x=\"" + num(x(i)) + "\" y=\"" + num(H - bottom + 13) + "\" text-anchor=\"" +
         (i + 1 == n && n > 1 ? "end" : "middle") + "\">" + xml_escape(x_labels[i]) + "</text>";
  std::vector<double> xs(n);
  for (std::size_t i = 0; i < n; ++i) xs[i] = x(i);
  for (const auto& s : series) {
    o += polygon(xs, s.p95, s.p5, y, s.colour, 0.16);
    o += polygon(xs, s.p75, s.p25, y, s.colour, 0.30);
  }
  double lx = left;
  for (const auto& s : series) {
    std::string pts;
    for (std::size_t i = 0; i < n; ++i) pts += num(xs[i]) + "," + num(y(s.mean[i])) + " ";
    o += "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"" + s.colour + "\" stroke-width=\"2\"/>";
    o += "<rect x=\"" + num(lx) + "\" y=\"" + num(H - 14) + "\" width=\"12\" height=\"8\" fill=\"" + s.colour + "\"/>";
    o += "<text x=\"" + num(lx + 16) + "\" y=\"" + num(H - 7) + "\">" + xml_escape(s.name) + "</text>";
    lx += 24 + 6.2 * static_cast<double>(s.name.size());
  }
  for (const auto& m : marks) {
    const double x0 = x(m.first), x1 = x(m.last), xm = (x0 + x1) / 2, ym = y(m.value);
    o += "<line x1=\"" + num(x0 - 3) + "\" x2=\"" + num(x1 + 3) + "\" y1=\"" + num(ym) + "\" y2=\"" + num(ym) +
         "\" stroke=\"#111\" stroke-width=\"2\" class=\"published\"/><polygon points=\"" + num(xm) + "," + num(ym - 5) + " " +
         num(xm + 5) + "," + num(ym) + " " + num(xm) + "," + num(ym + 5) + " " + num(xm - 5) + "," + num(ym) +
         "\" fill=\"#111\"/>";
  }
  o += "<text x=\"" + num(W - right) + "\" y=\"" + num(H - 7) + "\" text-anchor=\"end\" class=\"note\">" +
       std::string(marks.empty() ? "" : "&#9670; the area's published figure; ") +
       "line: mean; dark band: 50%; light band: 90% of " + xml_escape(of) + "</text>";
  return o + "</svg>";
}

std::string funnel_svg(const FunnelPlot& f, const std::function<std::string(double)>& format) {
  const double W = 620, H = 250, left = 62, right = 16, top = 26, bottom = 58;
  double lo = std::min(f.rate, f.national), hi = std::max(f.rate, f.national);
  for (std::size_t i = 0; i < f.ns.size(); ++i)
    if (f.ns[i] >= f.n / 4) lo = std::min(lo, f.lo998[i]), hi = std::max(hi, f.hi998[i]);  // the narrow end in view
  const double pad = (hi - lo) * 0.08;
  lo = std::max(0.0, lo - pad), hi = std::min(1.0, hi + pad);
  const auto yt = ticks(lo, hi, 5);
  const double n_max = f.ns.empty() ? 2 * f.n : f.ns.back();
  const auto xt = ticks(0, n_max, 6);
  auto x = [&](double n) { return left + (W - left - right) * n / n_max; };
  auto y = [&](double v) { return top + (H - top - bottom) * (1 - (v - lo) / (hi - lo)); };
  std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(W) + " " + num(H) +
                  "\" class=\"chart funnel\" role=\"img\"><title>" + xml_escape(f.title) + "</title>";
  o += "<text x=\"" + num(left) + "\" y=\"15\" class=\"ct\">" + xml_escape(f.title) + "</text>";
  for (double v : yt)
    if (v >= lo && v <= hi)
      o += "<line x1=\"" + num(left) + "\" x2=\"" + num(W - right) + "\" y1=\"" + num(y(v)) + "\" y2=\"" + num(y(v)) +
           "\" stroke=\"#e4e4e4\"/><text x=\"" + num(left - 4) + "\" y=\"" + num(y(v) + 3) + "\" text-anchor=\"end\">" +
           xml_escape(format(v)) + "</text>";
  for (double v : xt)
    o += "<text x=\"" + num(x(v)) + "\" y=\"" + num(H - bottom + 13) + "\" text-anchor=\"middle\">" +
         num(v).substr(0, num(v).size() - 2) + "</text>";
  o += "<text x=\"" + num((left + W - right) / 2) + "\" y=\"" + num(H - bottom + 27) +
       "\" text-anchor=\"middle\">children in the cohort</text>";
  auto curve = [&](const std::vector<double>& v, const char* colour, const char* dash) {
    std::string pts;
    for (std::size_t i = 0; i < f.ns.size(); ++i) pts += num(x(f.ns[i])) + "," + num(y(v[i])) + " ";
    return "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\"" +
           (dash[0] ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string()) + "/>";
  };
  // The wide end of the funnel leaves the plot: clipped at its edges (an inner svg clips what it holds) rather
  // than drawn flat along them.
  const std::string box = num(left) + " " + num(top) + " " + num(W - left - right) + " " + num(H - top - bottom);
  o += "<svg x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(W - left - right) + "\" height=\"" +
       num(H - top - bottom) + "\" viewBox=\"" + box + "\" overflow=\"hidden\">";
  o += curve(f.lo998, "#b3261e", "5,3") + curve(f.hi998, "#b3261e", "5,3") + curve(f.lo95, "#d9822b", "") +
       curve(f.hi95, "#d9822b", "") + "</svg>";
  o += "<line x1=\"" + num(left) + "\" x2=\"" + num(W - right) + "\" y1=\"" + num(y(f.national)) + "\" y2=\"" +
       num(y(f.national)) + "\" stroke=\"#333\" stroke-width=\"1.2\"/>";
  o += "<circle cx=\"" + num(x(f.n)) + "\" cy=\"" + num(y(f.rate)) + "\" r=\"5\" fill=\"#3b6ea8\" stroke=\"#111\"/>";
  o += "<text x=\"" + num(x(f.n) + 8) + "\" y=\"" + num(y(f.rate) - 6) + "\">" + xml_escape(f.point_label) + "</text>";
  const double ly = H - 14;
  o += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + 18) + "\" y1=\"" + num(ly) + "\" y2=\"" + num(ly) +
       "\" stroke=\"#333\" stroke-width=\"1.2\"/><text x=\"" + num(left + 22) + "\" y=\"" + num(ly + 3) + "\">" +
       xml_escape(f.national_label) + "</text>";
  o += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + 18) + "\" y1=\"" + num(ly + 11) + "\" y2=\"" + num(ly + 11) +
       "\" stroke=\"#d9822b\" stroke-width=\"1.5\"/><text x=\"" + num(left + 22) + "\" y=\"" + num(ly + 14) +
       "\">95% limits</text><line x1=\"" + num(left + 100) + "\" x2=\"" + num(left + 118) + "\" y1=\"" + num(ly + 11) +
       "\" y2=\"" + num(ly + 11) + "\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/><text x=\"" +
       num(left + 122) + "\" y=\"" + num(ly + 14) + "\">99.8% limits (binomial, around the national rate)</text>";
  return o + "</svg>";
}

std::string difference_chart_svg(const std::string& title, const std::vector<DiffBar>& bars,
                                 const std::function<std::string(double)>& format, bool lower_is_better) {
  const double W = 620, row = 22, left = 150, right = 20, top = 26;
  const double H = top + row * static_cast<double>(bars.size()) + 34;
  double lo = 0, hi = 0;
  for (const auto& b : bars) {
    if (!std::isnan(b.low)) lo = std::min(lo, b.low);
    if (!std::isnan(b.high)) hi = std::max(hi, b.high);
  }
  if (hi - lo < 1e-12) lo = -1, hi = 1;  // every difference nil: a unit either side of no change
  const double pad = (hi - lo) * 0.05;
  lo -= pad, hi += pad;
  const auto t = ticks(lo, hi, 6);
  auto x = [&](double v) { return left + (W - left - right) * (v - lo) / (hi - lo); };
  std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(W) + " " + num(H) +
                  "\" class=\"chart\" role=\"img\"><title>" + xml_escape(title) + "</title>";
  o += "<text x=\"4\" y=\"15\" class=\"ct\">" + xml_escape(title) + "</text>";
  const double y_end = top + row * static_cast<double>(bars.size());
  for (double v : t)
    if (v >= lo && v <= hi)
      o += "<line x1=\"" + num(x(v)) + "\" x2=\"" + num(x(v)) + "\" y1=\"" + num(top) + "\" y2=\"" + num(y_end) +
           "\" stroke=\"#e4e4e4\"/><text x=\"" + num(x(v)) + "\" y=\"" + num(y_end + 12) + "\" text-anchor=\"middle\">" +
           xml_escape(format(v)) + "</text>";
  o += "<line x1=\"" + num(x(0)) + "\" x2=\"" + num(x(0)) + "\" y1=\"" + num(top - 4) + "\" y2=\"" + num(y_end) +
       "\" stroke=\"#333\" stroke-width=\"1.2\"/>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double yc = top + row * (static_cast<double>(i) + 0.5);
    o += "<text x=\"" + num(left - 6) + "\" y=\"" + num(yc + 4) + "\" text-anchor=\"end\">" + xml_escape(b.label) + "</text>";
    if (std::isnan(b.mean)) continue;
    const bool excludes_zero = b.low > 0 || b.high < 0;
    const std::string colour = !excludes_zero ? "#8c8c8c" : ((b.mean < 0) == lower_is_better ? "#1f7a3a" : "#b3261e");
    o += "<line x1=\"" + num(x(b.low)) + "\" x2=\"" + num(x(b.high)) + "\" y1=\"" + num(yc) + "\" y2=\"" + num(yc) +
         "\" stroke=\"" + colour + "\" stroke-width=\"3\"/>";
    o += "<circle cx=\"" + num(x(b.mean)) + "\" cy=\"" + num(yc) + "\" r=\"4.5\" fill=\"" + colour + "\"/>";
  }
  const std::string good = lower_is_better ? "&#8592; better (lower)" : "better (higher) &#8594;";
  o += "<text x=\"" + num(W - right) + "\" y=\"" + num(H - 4) + "\" text-anchor=\"end\" class=\"note\">dot: mean difference; line: 90% interval; grey: includes no change; " +
       good + "</text>";
  return o + "</svg>";
}

}  // namespace yjsim::report

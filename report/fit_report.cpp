#include "report/fit_report.h"

#include <cstdarg>
#include <cstdio>

#include "models/kpis.h"

namespace yjsim::report {

namespace {

std::string line(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string line(const char* format, ...) {
  char buf[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

// A target's figure as people read it: rates in percent, others as numbers.
std::string shown(const input::Target& g, double v) {
  const bool percent = g.breakdown.empty() &&
                       std::string(models::kpi_table()[static_cast<std::size_t>(models::kpi_index(g.kpi))].unit) == "proportion";
  return percent ? line("%.1f%%", 100 * v) : line("%.4g", v);
}

// The model's mean against the published figure: points for a rate, per cent otherwise.
std::string miss(const input::Target& g, double mean) {
  if (shown(g, 1.0).back() == '%') return line("%+.1f pts", 100 * (mean - g.value));
  return g.value != 0 ? line("%+.1f%%", 100 * (mean / g.value - 1)) : line("%+.3g", mean - g.value);
}

}  // namespace

std::vector<std::string> fit_report(const input::TargetsFile& t, const analysis::CalibrationResult& r) {
  std::vector<std::string> out;
  out.push_back("Calibration of " + t.area + " (" + t.file + "): " + r.method);
  out.push_back("");
  out.push_back(line("%-44s %-18s %10s %10s %12s %21s  %s", "target", "period", "published", "model", "miss",
                     "model 90%", "within"));
  for (const auto& c : r.targets) {
    const auto& g = c.target;
    const std::string name = g.kpi + (g.breakdown.empty() ? "" : " [" + g.breakdown + " " + g.category + "]");
    out.push_back(line("%-44s %-18s %10s %10s %12s %21s  %s%s", name.c_str(), g.period.c_str(), shown(g, g.value).c_str(),
                       shown(g, c.mean).c_str(), miss(g, c.mean).c_str(), (shown(g, c.p05) + " .. " + shown(g, c.p95)).c_str(),
                       c.within ? "yes" : "NO", g.holdout ? " (held out: a check, not fitted)" : ""));
  }
  out.push_back("Model: the calibrated scenario's mean; miss: model minus published (points for a rate). The 90% interval");
  out.push_back("is of the figure itself (parameter uncertainty and the chance a cohort of this size sees), from the");
  out.push_back("posterior draws in turn, as `yjsim run` runs the calibrated scenario.");
  bool criteria = false;
  for (const auto& c : r.targets) criteria |= !c.verdict.empty();
  if (criteria) {
    out.push_back("");
    out.push_back(
        "The calibrated mean against the figure (+-3 points of a binary rate, +-10% of a frequency or");
    out.push_back("per-reoffender rate; a missed one explained under Warnings):");
    for (const auto& c : r.targets)
      if (!c.verdict.empty())
        out.push_back(
            line("  %-44s %-18s %s", c.target.kpi.c_str(), c.target.period.c_str(), c.verdict.c_str()));
  }
  out.push_back("");
  out.push_back(line("%-34s %21s %10s %10s %21s %10s", "parameter", "prior range", "mean", "sd", "90% interval", "fitted"));
  for (const auto& q : r.parameters)
    out.push_back(line("%-34s %21s %10.4g %10.3g %21s %10.4g", q.name.c_str(),
                       (line("%.4g", q.low) + " .. " + line("%.4g", q.high)).c_str(), q.mean, q.sd,
                       (line("%.4g", q.p05) + " .. " + line("%.4g", q.p95)).c_str(), q.map));
  if (r.parameters.size() > 1) {
    out.push_back("Posterior correlations:");
    for (std::size_t a = 0; a < r.parameters.size(); ++a)
      for (std::size_t b = a + 1; b < r.parameters.size(); ++b)
        out.push_back(line("  %s ~ %s: %+.2f", r.parameters[a].name.c_str(), r.parameters[b].name.c_str(), r.correlation[a][b]));
  }
  out.push_back("");
  if (r.warnings.empty()) out.push_back("No warnings: every target within the model's 90% interval, every parameter constrained.");
  for (const auto& w : r.warnings) out.push_back("Warning: " + w);
  return out;
}

}  // namespace yjsim::report

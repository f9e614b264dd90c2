#include "gui/summary_csv.h"

#include <charconv>
#include <cmath>

#include "models/kpis.h"
#include "report/format.h"

namespace yjsim::gui {

namespace {
std::string field(const std::string& s) {  // RFC 4180: quoted when it holds a comma, quote or line break
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}
std::string number(double x) {  // shortest round trip; empty when undefined (never a made-up zero)
  if (!std::isfinite(x)) return "";
  char b[32];
  const auto r = std::to_chars(b, b + sizeof b, x);
  return std::string(b, r.ptr);
}
std::string summary_fields(const sim::Summary& s) { return number(s.mean) + "," + number(s.p5) + "," + number(s.p95); }
}  // namespace

std::string summary_csv(const ResultsView& view) {
  std::string o =
      "variant,period,kpi,unit,baseline_mean,baseline_p5,baseline_p95,variant_mean,variant_p5,variant_p95,"
      "difference_mean,difference_p5,difference_p95,share_better,share_same,share_worse,"
      "baseline_shown,variant_shown,difference_shown,better_same_worse_shown\n";
  for (std::size_t v = 0; v < view.variant_names.size(); ++v) {
    if (v == 0 && view.variant_names.size() > 1) continue;  // the baseline is in every variant's rows
    for (const auto& k : view.kpis) {
      const std::string unit = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(k.kpi))].unit;
      auto row = [&](const std::string& period, const analysis::Comparison& c, const Shares& sh) {
        o += field(view.variant_names[v]) + "," + field(period) + "," + k.kpi + "," + field(unit) + "," +
             summary_fields(c.baseline) + ",";
        if (v == 0) {
          o += ",,,,,,,,," + field(report::summary_text(k.kpi, c.baseline)) + ",,,\n";
          return;
        }
        o += summary_fields(c.variant) + "," + summary_fields(c.diff) + "," +
             (sh.replicates ? number(sh.better) + "," + number(sh.same) + "," + number(sh.worse) : std::string(",,")) + "," +
             field(report::summary_text(k.kpi, c.baseline)) + "," + field(report::summary_text(k.kpi, c.variant)) + "," +
             field(report::difference_text(k.kpi, c.diff)) + "," + field(shares_text(sh)) + "\n";
      };
      for (std::size_t y = 0; y < view.year_labels.size(); ++y) row(view.year_labels[y], k.by_year[v][y], k.shares_by_year[v][y]);
      row(view.horizon_label, k.horizon[v], k.horizon_shares[v]);
    }
  }
  return o;
}

}  // namespace yjsim::gui

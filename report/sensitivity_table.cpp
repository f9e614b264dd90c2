#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/prcc_interval.h"
#include "report/tables.h"

namespace yjsim::report {

namespace {
const char* const kSensitivityKpis[] = {"fte_rate_per_100k", "reoffending_binary_rate", "reoffending_frequency_rate",
                                        "custody_rate_per_1000", "custody_population", "cost_gbp"};
}  // namespace

std::string sensitivity_table(const input::Sweep& s, const analysis::SweepSensitivity& sens) {
  std::ostringstream out;
  char buf[64];
  out << "Sensitivity: partial rank correlation (PRCC) of each swept parameter with the horizon mean of each KPI\n"
         "(variants: of the paired difference), over " << s.points.size() << " points ("
      << input::design_name(s.design) << "); |PRCC| near 1 = the parameter drives it, near 0 = no influence;\n"
         "[90% interval by Fisher's z]. Every KPI is in the file (sensitivity/, sensitivity_interval/) and, with\n"
         "--csv DIR, in DIR/sensitivity.csv.\n";
  if (s.design != input::Design::lhs) out << "(A Latin hypercube design gives the most reliable ranking.)\n";
  int width = 12;
  for (const auto& a : s.axes) width = std::max(width, static_cast<int>(a.parameter.size()) + 2);
  for (std::size_t v = 0; v < s.base.variants.size(); ++v) {
    out << "\n" << s.base.variants[v].name << (v ? " minus baseline" : "") << "\n";
    std::snprintf(buf, sizeof buf, "%-*s", width, "parameter");
    out << buf;
    for (const char* k : kSensitivityKpis) {
      std::snprintf(buf, sizeof buf, "%28s", k);
      out << buf;
    }
    out << '\n';
    for (std::size_t j = 0; j < s.axes.size(); ++j) {
      std::snprintf(buf, sizeof buf, "%-*s", width, s.axes[j].parameter.c_str());
      out << buf;
      for (const char* k : kSensitivityKpis) {
        const auto& col = sens[v][static_cast<std::size_t>(models::kpi_index(k))];
        int rank = 1;
        for (double x : col) rank += !std::isnan(x) && !std::isnan(col[j]) && std::fabs(x) > std::fabs(col[j]);
        if (std::isnan(col[j])) std::snprintf(buf, sizeof buf, "%28s", "-");
        else {  // with its 90% interval by Fisher's z (analysis/prcc_interval.h)
          const auto ci = analysis::prcc_interval(col[j], s.points.size(), s.axes.size());
          char cell[64];
          if (std::isnan(ci.low)) std::snprintf(cell, sizeof cell, "%.2f (#%d)", col[j], rank);
          else std::snprintf(cell, sizeof cell, "%.2f [%.2f, %.2f] (#%d)", col[j], ci.low, ci.high, rank);
          std::snprintf(buf, sizeof buf, "%28s", cell);
        }
        out << buf;
      }
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace yjsim::report

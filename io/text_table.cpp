#include <cmath>
#include <cstdio>
#include <sstream>

#include "io/writers.h"
#include "sim/summary.h"

namespace yjsim::io {

std::string version_string() { return std::string(YJSIM_VERSION) + " (commit " + YJSIM_GIT_COMMIT + ")"; }

namespace {

std::string num(double x) {
  if (std::isnan(x)) return "NaN";
  char buf[64];
  const double a = std::fabs(x);
  if (x == std::floor(x) && a < 1e15) {  // whole numbers (counts, percentiles of counts) without decimals
    std::snprintf(buf, sizeof buf, "%.0f", x);
    return buf;
  }
  std::snprintf(buf, sizeof buf, a >= 1000 ? "%.0f" : "%.4g", x);  // 4 significant figures
  return buf;
}

std::string cell(const sim::Summary& s) {
  return num(s.mean) + " [" + num(s.p5) + ", " + num(s.p95) + "]";
}

void pad(std::ostringstream& out, const std::string& s, std::size_t width) {
  out << s;
  for (std::size_t i = s.size(); i < width; ++i) out << ' ';
}

void table(std::ostringstream& out, const models::Results& r, std::size_t v, bool diff) {
  const auto& defs = models::kpi_table();
  const long years = r.calendar.years();
  constexpr std::size_t kName = 33, kCell = 27;
  pad(out, "KPI", kName);
  for (long y = 0; y < years; ++y) {
    const auto first = r.calendar.at(y * 12), last = r.calendar.at(std::min(y * 12 + 11, r.calendar.months() - 1));
    pad(out, "Year " + std::to_string(y + 1) + " " + first.iso() + ".." + last.iso(), kCell);
  }
  out << '\n';
  for (std::size_t k = 0; k < defs.size(); ++k) {
    pad(out, defs[k].name, kName);
    for (long y = 0; y < years; ++y) {
      const auto slot = static_cast<std::size_t>(y);
      const auto vals = diff ? r.diffs(v, static_cast<int>(k), slot, true) : r.values(v, static_cast<int>(k), slot, true);
      pad(out, cell(sim::summarise(vals)), kCell);
    }
    out << '\n';
  }
}

}  // namespace

std::string text_table(const models::Results& r) {
  std::ostringstream out;
  out << "yjsim " << version_string() << ": " << r.replicates << " replicates, seed " << r.seed << ", "
      << r.calendar.months() << " months from " << r.calendar.start().iso() << "\n";
  if (r.calendar.years() == 0) {
    out << "(horizon of 0 months: nothing to report)\n";
    return out.str();
  }
  out << "Each cell: mean [5th, 95th percentile] over replicates, by year of the horizon: counts are sums of\n"
         "quarters, stocks (population, custody, caseload) means of month-ends, rates recomputed from the year's\n"
         "counts; children_cautioned_or_sentenced counts distinct children in the year. Definitions: docs/kpis.md.\n";
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    out << "\n== " << r.variants[v].name << (r.variants[v].description.empty() ? "" : ": " + r.variants[v].description)
        << " ==\n";
    table(out, r, v, false);
    if (v > 0) {
      out << "\n-- " << r.variants[v].name << " minus baseline (paired by replicate) --\n";
      table(out, r, v, true);
    }
  }
  return out.str();
}

}  // namespace yjsim::io

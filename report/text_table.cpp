#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "analysis/comparison.h"
#include "io/writers.h"
#include "report/tables.h"
#include "sim/summary.h"

namespace yjsim::report {

using namespace analysis;

namespace {

std::string num(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::fabs(x) < 1e-9) x = 0;  // rounding noise in a paired difference
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

// "£12,345" (whole pounds, thousands separated).
std::string money(double x) {
  if (std::isnan(x)) return "NaN";
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.0f", std::fabs(x));
  std::ostringstream out;
  if (x <= -0.5) out << '-';
  out << "£";
  const std::size_t n = std::strlen(digits);
  for (std::size_t i = 0; i < n; ++i) {
    out << digits[i];
    if ((n - 1 - i) % 3 == 0 && i + 1 < n) out << ',';
  }
  return out.str();
}

// Baseline, variant and paired difference side by side, year by year, for the KPIs a board reads.
void comparison(std::ostringstream& out, const models::Results& r, std::size_t v) {
  static const char* const kKpis[] = {
      "fte_count", "fte_rate_per_100k", "reoffending_cohort_size", "reoffending_binary_rate",
      "reoffending_frequency_rate", "reoffences_per_reoffender", "reoffences", "custodial_sentences",
      "custody_rate_per_1000", "remand_episodes", "custody_population", "children_cautioned_or_sentenced",
      "offences_committed", "proven_offences", "intervention_starts", "cost_gbp"};
  constexpr std::size_t kName = 35, kCol = 14, kDiff = 34;
  for (long y = 0; y < r.calendar.years(); ++y) {
    const auto first = r.calendar.at(y * 12), last = r.calendar.at(std::min(y * 12 + 11, r.calendar.months() - 1));
    pad(out, "Year " + std::to_string(y + 1) + " " + first.iso() + ".." + last.iso(), kName);
    pad(out, "baseline", kCol);
    pad(out, "variant", kCol);
    pad(out, "difference [90% interval]", kDiff);
    out << "P(better)\n";
    for (const char* name : kKpis) {
      const auto c = compare(r, v, models::kpi_index(name), static_cast<std::size_t>(y), true);
      std::string label = "  ";
      label.append(name);
      pad(out, label, kName);
      pad(out, num(c.baseline.mean), kCol);
      pad(out, num(c.variant.mean), kCol);
      std::string diff = c.diff.mean > 0 ? "+" : "";
      diff.append(cell(c.diff));
      pad(out, diff, kDiff);
      const bool meaningful = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(name))].lower_is_better;
      const bool unchanged = c.diff.p5 == 0 && c.diff.p95 == 0 && c.diff.mean == 0;
      out << (unchanged ? "no change" : meaningful && !std::isnan(c.p_better) ? num(c.p_better) : "-") << '\n';
    }
  }
  out << "\nCost per outcome avoided over the whole horizon (extra cost of the variant / outcomes avoided; a\n"
         "negative figure is a net saving):\n";
  for (const auto& c : cost_per_outcome_avoided(r, v)) {
    std::string label = "  per ";
    label.append(c.outcome);
    pad(out, label, kName);
    if (c.estimable)
      out << money(c.cost_per_avoided) << " [" << money(c.low) << ", " << money(c.high) << "]";
    else
      out << "not estimable";
    out << "  (avoided " << cell(c.avoided) << "; extra cost " << money(c.extra_cost.mean) << ")"
        << (c.estimable ? "" : ": the 90% interval of outcomes avoided includes 0") << '\n';
  }
  out << "\nWhen it can show in official reoffending figures (a quarter's cohort is complete 18 months after its\n"
         "last month; publication comes later):";
  for (long y = 0; y < r.calendar.years(); ++y) {
    const long p = y * 4;
    out << (y ? "; " : " ") << r.calendar.period(p).label << " cohort complete "
        << r.calendar.at(models::cohort_complete_month(r.calendar, p)).iso();
  }
  out << ".\n";
}

}  // namespace

std::string text_table(const models::Results& r) {
  std::ostringstream out;
  out << "yjsim " << io::version_string() << ": " << r.replicates << " replicates, seed " << r.seed << ", "
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
      out << "\n-- " << r.variants[v].name << " against the baseline (paired by replicate: same children, same "
             "chance events) --\n";
      comparison(out, r, v);
    }
  }
  return out.str();
}

}  // namespace yjsim::report

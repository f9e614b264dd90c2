// `yjsim run --breakdowns`: the reoffending cohort by index disposal, previous offences, sex and age, with each
// group's own binary and frequency rates, the timing of reoffences, children cautioned or sentenced and custodial
// sentences by age band, and disposals by type; year by year, means over replicates.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/tables.h"
#include "sim/summary.h"

namespace yjsim::report {

namespace {

double mean_cell(const models::Results& r, std::size_t v, int cell, std::size_t year) {
  return sim::summarise(r.cell_values(v, cell, year, true)).mean;
}

std::string pct(double x) {
  if (std::isnan(x)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * x);
  return buf;
}

std::string fixed(double x, int decimals) {
  if (std::isnan(x)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// One cohort dimension: per category, entries (share of the cohort), reoffenders, binary and frequency rates
// from the replicate means of the counts (ratios of means, as the published tables are ratios of sums).
void cohort_dimension(std::ostringstream& out, const models::Results& r, std::size_t v, const models::BreakdownDef& b,
                      std::size_t year) {
  char line[256];
  std::snprintf(line, sizeof line, "  %-18s %12s %8s %12s %9s %10s\n", b.dimension, "cohort", "share", "reoffenders",
                "binary", "frequency");
  out << line;
  double total = 0;
  for (std::size_t c = 0; c < b.categories.size(); ++c) total += mean_cell(r, v, b.cell(0, c), year);
  for (std::size_t c = 0; c < b.categories.size(); ++c) {
    const double n = mean_cell(r, v, b.cell(0, c), year), who = mean_cell(r, v, b.cell(1, c), year),
                 offences = mean_cell(r, v, b.cell(2, c), year);
    std::snprintf(line, sizeof line, "  %-18s %12s %8s %12s %9s %10s\n", b.categories[c], fixed(n, 1).c_str(),
                  pct(total > 0 ? n / total : NAN).c_str(), fixed(who, 1).c_str(), pct(n > 0 ? who / n : NAN).c_str(),
                  fixed(n > 0 ? offences / n : NAN, 2).c_str());
    out << line;
  }
}

void counts(std::ostringstream& out, const models::Results& r, std::size_t v, const models::BreakdownDef& b,
            std::size_t year) {
  char line[256];
  for (std::size_t j = 0; j < b.kpis.size(); ++j) {
    double total = 0;
    for (std::size_t c = 0; c < b.categories.size(); ++c) total += mean_cell(r, v, b.cell(j, c), year);
    out << "  " << b.kpis[j] << " by " << b.dimension << ":";
    for (std::size_t c = 0; c < b.categories.size(); ++c) {
      const double n = mean_cell(r, v, b.cell(j, c), year);
      std::snprintf(line, sizeof line, "  %s %s (%s)", b.categories[c], fixed(n, 1).c_str(),
                    pct(total > 0 ? n / total : NAN).c_str());
      out << line;
    }
    out << '\n';
  }
}

}  // namespace

std::string breakdown_table(const models::Results& r) {
  std::ostringstream out;
  out << "\nBreakdowns (docs/hdf5.md): means over " << r.replicates << " replicates; each sums to its total. Within-"
         "group rates are\nratios of the mean counts: reoffenders / cohort (binary), reoffences / cohort (frequency).\n";
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    for (long y = 0; y < r.calendar.years(); ++y) {
      const auto yr = static_cast<std::size_t>(y);
      const auto first = r.calendar.at(y * 12), last = r.calendar.at(std::min(y * 12 + 11, r.calendar.months() - 1));
      out << "\n-- " << r.variants[v].name << ", year " << y + 1 << " " << first.iso() << ".." << last.iso()
          << ": reoffending cohort --\n";
      for (const char* d : {"index_disposal", "previous_offences", "sex", "age_at_index"})
        cohort_dimension(out, r, v, models::breakdown(d), yr);
      const auto& months = models::breakdown("reoffence_month");
      double total = 0;
      for (std::size_t c = 0; c < months.categories.size(); ++c) total += mean_cell(r, v, months.cell(0, c), yr);
      out << "  reoffences by follow-up month (share):";
      for (std::size_t c = 0; c < months.categories.size(); ++c)
        out << ' ' << months.categories[c] << ": " << pct(total > 0 ? mean_cell(r, v, months.cell(0, c), yr) / total : NAN);
      out << '\n';
      counts(out, r, v, models::breakdown("age_band"), yr);
      counts(out, r, v, models::breakdown("disposal"), yr);
    }
  return out.str();
}

}  // namespace yjsim::report

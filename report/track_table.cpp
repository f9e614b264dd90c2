#include "report/track_table.h"

#include <cmath>
#include <cstdio>

#include "report/format.h"

namespace yjsim::report {

namespace {

std::string pct(double x) { return std::isnan(x) ? "n/a" : format_number(100 * x, 1) + "%"; }
std::string pct_interval(const sim::Summary& s) { return pct(s.mean) + " [" + pct(s.p5) + ", " + pct(s.p95) + "]"; }
std::string freq_interval(const sim::Summary& s) {
  return format_number(s.mean, 2) + " [" + format_number(s.p5, 2) + ", " + format_number(s.p95, 2) + "]";
}

std::string line(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

std::string track_table(const analysis::TrackResult& t) {
  long children = 0;
  for (const auto& c : t.cohorts) children += c.size;
  std::string s = "Live tracker, as of " + t.as_of.iso() + ": " + std::to_string(children) + " cohort entries in " +
                  std::to_string(t.cohorts.size()) + " quarterly cohorts; " + std::to_string(t.draws) + " draws, " +
                  std::to_string(t.parameter_sets) + " parameter set" + (t.parameter_sets == 1 ? " (chance only; no posterior draws)" : "s") +
                  ", " + std::to_string(t.reference_entries) + " simulated children.\n"
                  "To date: the MoJ measure on what is proven by as-of. Final: the projected official figure, mean [90% interval].\n\n";
  s += line("%-8s %5s %6s %6s %7s  %-8s %-24s  %-6s %-20s  %-8s %-9s\n", "cohort", "size", "reoff.", "offen.", "pending",
            "binary", "final binary", "freq.", "final frequency", "complete", "published");
  for (const auto& c : t.cohorts) {
    s += line("%-8s %5ld %6ld %6ld %7ld  %-8s %-24s  %-6s %-20s  %-8s %-9s\n", c.label.c_str(), c.size, c.reoffenders,
              c.reoffences, c.pending_offences, pct(c.binary).c_str(),
              (c.complete ? pct(c.binary) + " (final)" : pct_interval(c.binary_final.summary)).c_str(),
              format_number(c.frequency, 2).c_str(),
              (c.complete ? format_number(c.frequency, 2) + " (final)" : freq_interval(c.frequency_final.summary)).c_str(),
              input::month_iso(c.complete_month).c_str(), input::month_iso(c.publication_month).c_str());
  }
  s += "\nComplete: the cohort's last month + 18 (follow-up and waiting period); published: last month + 22, the MoJ's\n"
       "quarterly release calendar (docs/kpis.md).\n";
  s += "\nConcentration (share of the cohort's reoffences by its top 10% of children) and uncertainty of the final figure:\n";
  s += line("%-8s %-9s %-9s  %-26s  %-26s\n", "cohort", "to date", "final", "binary sd: param. / chance",
            "frequency sd: param. / chance");
  for (const auto& c : t.cohorts)
    s += line("%-8s %-9s %-9s  %-26s  %-26s\n", c.label.c_str(), pct(c.concentration).c_str(),
              pct(c.concentration_final).c_str(),
              (format_number(100 * c.binary_final.sd_parameter, 1) + " / " + format_number(100 * c.binary_final.sd_stochastic, 1) + " points").c_str(),
              (format_number(c.frequency_final.sd_parameter, 3) + " / " + format_number(c.frequency_final.sd_stochastic, 3)).c_str());
  if (t.target_binary || t.target_frequency) {
    s += "\nChance that the final figure comes in below the target:\n";
    for (const auto& c : t.cohorts) {
      s += "  " + c.label + ":";
      if (t.target_binary) s += " binary below " + pct(*t.target_binary) + ": " + format_probability(c.p_binary_below) + ";";
      if (t.target_frequency)
        s += " frequency below " + format_number(*t.target_frequency, 2) + ": " + format_probability(c.p_frequency_below) + ";";
      s.back() = '\n';
    }
  }
  return s;
}

std::string backtest_table(const std::vector<analysis::BacktestRow>& rows, long truth_replicates) {
  std::string s = "Back-test: synthetic cohorts of " + std::to_string(truth_replicates) +
                  " simulated service histories with known final figures, cut at each offset (months after the\n"
                  "cohort's last month) and projected. Coverage: share of final figures in the central 90% of the\n"
                  "projection (randomised PIT: exactly 90% for a calibrated projection, even for a figure that takes few\n"
                  "values); inside: share within [p05, p95], ties included (above 90% for such figures).\n"
                  "MAE: mean absolute error of the projected mean; naive: of the figure proven to date.\n\n";
  s += line("%6s %7s  %9s %7s %9s %9s %10s  %9s %7s %9s %9s %10s\n", "offset", "cohorts", "bin. cov.", "inside", "bin. MAE",
            "naive MAE", "bin. width", "freq. cov.", "inside", "freq. MAE", "naive MAE", "freq. width");
  for (const auto& r : rows)
    s += line("%6ld %7ld  %9s %7s %9s %9s %10s  %9s %7s %9s %9s %10s\n", r.offset, r.cohorts, pct(r.coverage_binary).c_str(),
              pct(r.inside_binary).c_str(),
              (format_number(100 * r.mae_binary, 1) + " pt").c_str(), (format_number(100 * r.mae_naive_binary, 1) + " pt").c_str(),
              (format_number(100 * r.width_binary, 1) + " pt").c_str(), pct(r.coverage_frequency).c_str(),
              pct(r.inside_frequency).c_str(),
              format_number(r.mae_frequency, 3).c_str(), format_number(r.mae_naive_frequency, 3).c_str(),
              format_number(r.width_frequency, 3).c_str());
  return s;
}

}  // namespace yjsim::report

// The uncertainty split printed by `yjsim run` for a calibrated scenario: how much of each headline figure's spread
// is the calibration's parameter uncertainty and how much is chance (analysis/uncertainty.h).
#include <sstream>

#include "analysis/uncertainty.h"
#include "report/format.h"
#include "report/tables.h"

namespace yjsim::report {

std::string uncertainty_table(const models::Results& r, const models::Scenario& s) {
  if (s.calibration.draws.size() < 2 || r.replicates < 2) return "";
  std::vector<std::size_t> draw(static_cast<std::size_t>(r.replicates));
  for (long rep = 0; rep < r.replicates; ++rep) draw[static_cast<std::size_t>(rep)] = models::draw_of_replicate(s, rep);
  const std::size_t sets = s.calibration.draws.size();
  std::ostringstream out;
  out << "\nUncertainty of the baseline, standard deviation over replicates (parameters: between the "
      << std::min<std::size_t>(sets, static_cast<std::size_t>(r.replicates))
      << " posterior draws used; chance: within a draw; the two add as variances)\n";
  const char* kpis[] = {"fte_rate_per_100k", "reoffending_binary_rate", "reoffending_frequency_rate", "custodial_sentences"};
  for (const char* name : kpis) {
    const int k = models::kpi_index(name);
    const auto& d = models::kpi_table()[static_cast<std::size_t>(k)];
    const bool points = std::string(d.unit) == "proportion";
    out << "  " << d.short_title << (points ? " (points)" : "") << '\n';
    for (long y = 0; y < r.calendar.years(); ++y) {
      const auto v = r.values(0, k, static_cast<std::size_t>(y), true);
      const auto u = analysis::split_uncertainty(v, draw, sets);
      const double f = points ? 100 : 1;
      const int dp = points ? 1 : 2;
      out << "    year " << y + 1 << ": " << format_number(f * u.sd_total, dp);
      if (u.separable)
        out << " (parameters " << format_number(f * u.sd_parameter, dp) << ", chance " << format_number(f * u.sd_chance, dp) << ')';
      out << '\n';
    }
  }
  if (static_cast<std::size_t>(r.replicates) < 2 * sets)
    out << "  (fewer than two replicates per draw: give run.replicates at least " << 2 * sets << " to split the spread)\n";
  return out.str();
}

}  // namespace yjsim::report

#include <cstdio>
#include <sstream>

#include "report/tables.h"

namespace yjsim::report {

std::string format_target_table(const std::vector<analysis::TargetRow>& rows, const models::Results& r) {
  std::ostringstream out;
  char line[512];
  out << "Calibration check: first reported year (" << r.calendar.start().iso() << " on), mean of " << r.replicates
      << " replicates (replicate SD), against the national targets (docs/calibration.md) scaled to this population\n";
  std::snprintf(line, sizeof line, "%-40s %12s %12s %10s %12s  %s\n", "target", "target", "simulated", "(sd)",
                "tolerance", "within");
  out << line;
  for (const auto& t : rows) {
    std::snprintf(line, sizeof line, "%-40s %12.4g %12.4g %10.3g %12s  %s   [%s]\n", t.name.c_str(), t.target,
                  t.simulated, t.sd, t.tolerance > 0 ? ("+-" + std::to_string(t.tolerance).substr(0, 6)).c_str() : "-",
                  t.tolerance > 0 ? (t.within ? "yes" : "NO") : "(reported)", t.source.c_str());
    out << line;
  }
  return out.str();
}

}  // namespace yjsim::report

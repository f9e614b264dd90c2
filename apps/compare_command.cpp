// `yjsim compare A.h5 B.h5`: two run files side by side, KPI by KPI and year by year, with the difference B - A
// and its 90% interval (analysis/run_comparison.h), warning when the files come from different versions of yjsim.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "analysis/run_comparison.h"
#include "apps/cli_commands.h"
#include "io/atomic_file.h"
#include "io/results_reader.h"
#include "sim/errors.h"

namespace yjsim::cli {

namespace {

std::string num(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::fabs(x) < 1e-9) x = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, x == std::floor(x) && std::fabs(x) < 1e15 ? "%.0f" : std::fabs(x) >= 1000 ? "%.0f" : "%.4g", x);
  return buf;
}

std::string csv_num(double x) {
  if (std::isnan(x)) return "NaN";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

analysis::StoredVariant variant_of(const io::StoredRun& run, const std::string& name) {
  const auto it = run.kpi.find(name);
  if (it == run.kpi.end()) {
    std::string have;
    for (const auto& [v, _] : run.kpi) have += (have.empty() ? "" : ", ") + v;
    throw sim::InputError(run.path, 0, "--variant", "no variant " + name, "one of the file's variants: " + have);
  }
  return {run.replicates, it->second};
}

}  // namespace

int compare(const std::string& a_path, const std::string& b_path, const std::string& variant, const std::string& csv) {
  const io::StoredRun a = io::read_results_file(a_path), b = io::read_results_file(b_path);
  if (a.start != b.start || a.months != b.months)
    throw sim::InputError(b_path, 0, "start, months", b.start + ", " + std::to_string(b.months) + " months",
                          "the horizon of " + a_path + " (" + a.start + ", " + std::to_string(a.months) +
                              " months): runs over different horizons are not compared year by year");
  if (!csv.empty()) {
    io::check_output_file(csv, "--csv");
    require_parent_folder(csv, "--csv");
  }
  if (a.yjsim_version != b.yjsim_version)
    std::cerr << "yjsim compare: warning: the files come from different versions of yjsim (" << a.yjsim_version
              << " and " << b.yjsim_version
              << "): the model or its default parameters may differ, so part of any difference may be the program's\n";
  const bool paired = a.seed == b.seed && a.replicates == b.replicates;
  const auto start = sim::YearMonth::parse(a.start);
  if (!start) throw sim::InputError(a_path, 0, "start", a.start, "\"YYYY-MM\"");
  const sim::Calendar cal(*start, a.months);
  const auto rows = analysis::compare_runs(variant_of(a, variant), variant_of(b, variant), cal, paired);

  std::cout << "A: " << a_path << " (" << a.scenario_file << ", seed " << a.seed << ", " << a.replicates
            << " replicates)\nB: " << b_path << " (" << b.scenario_file << ", seed " << b.seed << ", " << b.replicates
            << " replicates)\nVariant " << variant << ", by year of the horizon: means over replicates and B - A with its 90% interval, "
            << (paired ? "paired by replicate (same seed and replicates: the same chance events)"
                       : "as independent runs (different seeds or replicates: normal approximation)")
            << ".\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-33s %-5s %-14s %-14s %s\n", "KPI", "year", "A", "B", "B - A [90% interval]");
  std::cout << line;
  for (const auto& r : rows) {
    std::string diff = r.diff_mean > 0 ? "+" : "";  // built by appending: GCC 12 warns falsely on "+" + string
    diff.append(num(r.diff_mean)).append(" [").append(num(r.diff_low)).append(", ").append(num(r.diff_high)).append("]");
    std::snprintf(line, sizeof line, "%-33s %-5ld %-14s %-14s %s\n", r.kpi.c_str(), r.year, num(r.a.mean).c_str(),
                  num(r.b.mean).c_str(), diff.c_str());
    std::cout << line;
  }
  if (!csv.empty()) {
    std::ostringstream o;
    o << "variant,kpi,year,a_mean,b_mean,difference_mean,difference_p5,difference_p95,paired,unit\n";
    for (const auto& r : rows)
      o << variant << ',' << r.kpi << ',' << r.year << ',' << csv_num(r.a.mean) << ',' << csv_num(r.b.mean) << ','
        << csv_num(r.diff_mean) << ',' << csv_num(r.diff_low) << ',' << csv_num(r.diff_high) << ','
        << (paired ? "true" : "false") << ",\"" << r.unit << "\"\n";
    io::AtomicFile out(csv);
    out.write(o.str());
    out.commit();
    std::cout << "\nWritten to " << csv << '\n';
  }
  return 0;
}

}  // namespace yjsim::cli

// `yjsim report`: a scenario is run first; a results file is re-run from the scenario, seed and replicates it
// recorded, and the re-run is checked against every KPI matrix the file holds, bit for bit, before the pack is
// made from it (the file does not hold what the pack needs beyond the KPIs: places started per intervention).
#include "apps/report_command.h"

#include <cmath>
#include <filesystem>
#include <iostream>

#include "apps/cli_commands.h"
#include "input/scenario_reader.h"
#include "io/atomic_file.h"
#include "io/results_reader.h"
#include "models/simulation.h"
#include "report/board_pack.h"
#include "report/track_pack.h"
#include "sim/errors.h"

namespace yjsim::cli {

namespace {
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// The first stored figure the re-run does not reproduce, as a message; "" when every one matches.
std::string first_mismatch(const io::StoredRun& f, const models::Results& r) {
  for (const auto& v : r.variants) {
    const auto it = f.kpi.find(v.name);
    if (it == f.kpi.end()) return "variant " + v.name + " is not in the file";
    for (std::size_t k = 0; k < models::kpi_table().size(); ++k) {
      const auto d = it->second.find(models::kpi_table()[k].name);
      if (d == it->second.end()) continue;  // a KPI added since the file was written
      const auto periods = static_cast<std::size_t>(r.calendar.periods());
      if (d->second.size() != v.replicates.size() * periods) return "variant " + v.name + " kpi " + d->first + " has another shape";
      for (std::size_t i = 0; i < v.replicates.size(); ++i)
        for (std::size_t p = 0; p < periods; ++p)
          if (!same(d->second[i * periods + p], v.replicates[i].period[k][p]))
            return "/variants/" + v.name + "/kpi/" + d->first + " replicate " + std::to_string(i) + " period " +
                   std::to_string(p) + ": stored " + std::to_string(d->second[i * periods + p]) + ", re-run " +
                   std::to_string(v.replicates[i].period[k][p]);
    }
  }
  if (f.kpi.size() != r.variants.size()) return "the file holds other variants than its scenario";
  return "";
}

models::Scenario scenario_of(const ReportArgs& a, std::optional<io::StoredRun>& stored) {
  if (io::is_hdf5_file(a.input)) {
    if (a.replicates || a.seed)
      throw sim::InputError("command line", 0, a.replicates ? "--replicates" : "--seed", "given with a results file",
                            "a results file's own seed and replicates (give a scenario to change them)");
    stored = io::read_results_file(a.input);
    models::Scenario s = input::parse_scenario(stored->scenario_resolved_toml, a.input + " (scenario_resolved_toml)");
    s.file = stored->scenario_file;
    s.text = stored->scenario_toml;
    for (auto& v : s.variants) {
      v.params.run.seed = stored->seed;
      v.params.run.replicates = static_cast<double>(stored->replicates);
    }
    return s;
  }
  models::Scenario s = input::load_scenario(a.input);
  for (auto& v : s.variants) {
    if (a.replicates) v.params.run.replicates = static_cast<double>(*a.replicates);
    if (a.seed) {
      const auto& t = *a.seed;
      if (t.empty() || t.size() > 19 || t.find_first_not_of("0123456789") != std::string::npos || std::stoull(t) > 9223372036854775807ULL)
        throw sim::InputError("command line", 0, "--seed", t, "a whole number 0 .. 9223372036854775807 (2^63 - 1), as run.seed");
      v.params.run.seed = std::stoull(t);
    }
  }
  return s;
}
}  // namespace

int report(const ReportArgs& a, const std::atomic<bool>& interrupted) {
  for (const auto* f : {&a.html, &a.pdf, &a.xlsx})
    if (!f->empty()) {
      const char* field = f == &a.html ? "-o" : f == &a.pdf ? "--pdf" : "--xlsx";
      io::check_output_file(*f, field);
      require_parent_folder(*f, field);  // as yjsim run: a missing folder is refused, never created
      const auto parent = std::filesystem::path(*f).parent_path();
      io::ensure_writable_dir(parent.empty() ? "." : parent.string());
    }
  if (io::is_track_file(a.input)) {  // the tracker's file: its pack, from what the file holds (nothing is re-run)
    if (a.replicates || a.seed)
      throw sim::InputError("command line", 0, a.replicates ? "--replicates" : "--seed", "given with a tracker file",
                            "a tracker file's own projection (run yjsim track again to change it)");
    report::write_track_pack(io::read_track_file(a.input), {a.html, a.pdf, a.xlsx}, &interrupted);
    if (!a.quiet) std::cout << "Tracker pack written to " << a.html << (a.pdf.empty() ? "" : ", " + a.pdf)
                            << (a.xlsx.empty() ? "" : ", " + a.xlsx) << '\n';
    return 0;
  }
  std::optional<io::StoredRun> stored;
  models::Scenario s = scenario_of(a, stored);
  models::RunOptions o;
  o.threads = a.threads;
  o.cancel = &interrupted;
  models::Results r = models::run_scenario(s, o);
  if (stored) {
    const std::string bad = first_mismatch(*stored, r);
    if (!bad.empty())
      throw sim::InputError(a.input, 0, "/variants", "figures the recorded scenario does not reproduce (" + bad + "); written by yjsim " +
                            stored->yjsim_version,
                            "a results file written by this version of yjsim (re-run its scenario with yjsim run)");
  }
  report::BoardPackOptions po;
  po.threads = a.threads;
  po.cancel = &interrupted;
  const auto pack = report::make_board_pack(std::move(s), std::move(r), po);
  report::write_board_pack(pack, {a.html, a.pdf, a.xlsx}, &interrupted);
  if (!a.quiet) {
    std::cout << "Board pack written to " << a.html;
    if (!a.pdf.empty()) std::cout << ", " << a.pdf;
    if (!a.xlsx.empty()) std::cout << ", " << a.xlsx;
    std::cout << '\n';
  }
  return 0;
}

}  // namespace yjsim::cli

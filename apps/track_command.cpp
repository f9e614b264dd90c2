#include "apps/track_command.h"

#include <cmath>
#include <filesystem>
#include <iostream>

#include "analysis/tracker.h"
#include "input/cohort.h"
#include "apps/cli_commands.h"
#include "input/scenario_reader.h"
#include "io/atomic_file.h"
#include "io/track_writer.h"
#include "report/track_table.h"
#include "sim/errors.h"

namespace yjsim::cli {

namespace {

constexpr long kReferenceChildren = 1200000;  // children aged 10-17 simulated for the reference (60 boroughs)

models::Scenario scenario_of(const std::string& path) {
  return path.empty() ? input::parse_scenario("", "(built-in defaults)") : input::load_scenario(path);
}

long reference_replicates(const TrackArgs& a, const models::Scenario& s) {
  if (a.reference_replicates) return *a.reference_replicates;
  const double size = std::max(1.0, s.baseline().population.size_10_17);
  return std::clamp(std::lround(static_cast<double>(kReferenceChildren) / size), 1L, 1000L);
}

std::uint64_t seed_of(const TrackArgs& a, const models::Scenario& s) { return a.seed ? *a.seed : s.baseline().run.seed; }

// --make-example DIR: a synthetic extract from one simulated service (replicate 0): eight quarterly cohorts seen at
// the end of the horizon's 33rd month (2020-12 with the default start), the two oldest complete.
int make_example(const TrackArgs& a, const models::Scenario& s) {
  io::check_output_dir(a.make_example, "--make-example");
  io::ensure_writable_dir(a.make_example);
  const long as_of = 32;
  const auto run = models::reference_run(s, seed_of(a, s), 1, a.threads);
  const auto x = analysis::synthetic_extract(run, 0, as_of - 23, as_of, as_of);
  io::OutputSet out;
  out.add(a.make_example + "/children.csv").write(input::children_csv(x));
  out.add(a.make_example + "/events.csv").write(input::events_csv(x));
  out.commit();
  if (!a.quiet)
    std::cout << "Synthetic extract (simulated children, not real ones): " << x.children.size() << " cohort entries, "
              << x.events.size() << " offence groups, as of " << x.as_of.iso() << ", written to " << a.make_example
              << "/children.csv and events.csv\n";
  return 0;
}

int backtest(const TrackArgs& a, const std::atomic<bool>& interrupted) {
  const auto s = input::load_scenario(a.backtest);
  analysis::BacktestOptions o;
  o.truth_replicates = a.truth_replicates;
  o.reference_replicates = reference_replicates(a, s);
  o.draws = a.draws;
  o.seed = seed_of(a, s);
  o.threads = a.threads;
  o.cancel = &interrupted;
  const auto rows = analysis::backtest(s, o);
  std::cout << report::backtest_table(rows, o.truth_replicates);
  return 0;
}

}  // namespace

int track(const TrackArgs& a, const std::atomic<bool>& interrupted) {
  if (!a.backtest.empty()) return backtest(a, interrupted);
  const models::Scenario s = scenario_of(a.scenario);
  if (!a.make_example.empty()) return make_example(a, s);
  if (a.children.empty() || a.events.empty())
    throw sim::InputError("command line", 0, "CHILDREN.csv EVENTS.csv", "missing",
                          "two files, or --backtest SCENARIO.toml, or --make-example DIR");
  const auto as_of = input::Date::parse(a.as_of);
  if (!as_of) throw sim::InputError("command line", 0, "--as-of", a.as_of.empty() ? "nothing" : a.as_of, "the extract's date, YYYY-MM-DD");
  // Everything is read and checked before anything is computed or written (exit 2, nothing written).
  const input::CohortExtract x = input::read_cohort(a.children, a.events, *as_of);
  if (!a.output.empty()) {
    io::check_output_file(a.output, "--output");
    require_parent_folder(a.output, "--output");  // as yjsim run: a missing folder is refused, never created
    const auto parent = std::filesystem::path(a.output).parent_path();
    io::ensure_writable_dir(parent.empty() ? "." : parent.string());
  }
  if (!a.csv_dir.empty()) {
    io::check_output_dir(a.csv_dir, "--csv");
    require_parent_folder(csv_folder(a.csv_dir), "--csv");  // the folder itself may be new, not its parents
    io::check_output_file(a.csv_dir + "/projection.csv", "--csv");
    io::ensure_writable_dir(a.csv_dir);
  }
  const auto pool = analysis::make_reference(s, seed_of(a, s), reference_replicates(a, s), a.threads, &interrupted);
  if (interrupted.load()) throw sim::Cancelled();
  analysis::TrackOptions o;
  o.draws = a.draws;
  o.seed = seed_of(a, s);
  o.threads = a.threads;
  o.target_binary = a.target_binary;
  o.target_frequency = a.target_frequency;
  o.per_child = a.per_child;
  const auto t = analysis::track(x, pool, o);
  if (interrupted.load()) throw sim::Cancelled();
  if (!a.quiet) std::cout << report::track_table(t) << std::flush;
  io::OutputSet outputs;  // the HDF5 file and projection.csv succeed or fail together
  if (!a.output.empty()) io::write_track_hdf5(t, io::TrackInfo{a.children, a.events, a.scenario, s.text}, a.output, outputs);
  if (!a.csv_dir.empty()) io::write_projection_csv(t, a.csv_dir, outputs);
  if (interrupted.load()) throw sim::Cancelled();
  outputs.commit();
  if (!a.quiet && (!a.output.empty() || !a.csv_dir.empty()))
    std::cout << "\nWritten: " << (a.output.empty() ? "" : a.output + " ") << (a.csv_dir.empty() ? "" : a.csv_dir + "/projection.csv") << '\n';
  return 0;
}

}  // namespace yjsim::cli

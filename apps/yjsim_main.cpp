// yjsim: the researchers' command line. Parses, calls the library, maps errors to exit codes (CONTRACT.md).
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "apps/cli_commands.h"
#include "apps/cluster.h"
#include "apps/track_command.h"
#include "apps/report_command.h"
#include "io/writers.h"
#include "models/scenario.h"
#include "sim/errors.h"

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted.store(true); }
}  // namespace

int main(int argc, char** argv) {
  yjsim::cli::Cluster cluster(&argc, &argv);  // one process unless started by mpirun (sweeps)
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  CLI::App app{"yjsim: youth justice cohort simulator and policy what-if modeller"};
  app.set_version_flag("--version", "yjsim " + yjsim::io::version_string());
  app.require_subcommand(1);

  yjsim::cli::RunArgs a;
  auto add_run_flags = [&](CLI::App* cmd) {
    cmd->add_option("scenario", a.scenario, "scenario file (TOML)")->required();
    cmd->add_option("--replicates", a.replicates, "replicates (overrides run.replicates)")->check(CLI::Range(1L, 100000L));
    cmd->add_option("--seed", a.seed, "random seed 0 .. 2^63 - 1 (overrides run.seed)");
    cmd->add_option("--threads", a.threads, "worker threads (0: all cores); results do not depend on it")
        ->check(CLI::Range(0, 1024));
    cmd->add_flag("-q,--quiet", a.quiet, "no progress and no table");
  };
  auto* run = app.add_subcommand("run", "run the baseline and every variant; print KPIs; write HDF5 (and CSV)");
  add_run_flags(run);
  run->add_option("-o,--output", a.output, "HDF5 results file (default: <scenario name>.h5 in this folder)");
  run->add_option("--csv", a.csv_dir,
                  "also write CSV into this folder: summary.csv (the printed table, long format), summary_by_quarter.csv, "
                  "replicates_by_year.csv, the per-replicate KPI and breakdown tables (docs/hdf5.md)");
  run->add_option("--json", a.json, "also write the summary (the rows of summary.csv) as a JSON file");
  run->add_flag("--breakdowns", a.breakdowns,
                "also print the breakdowns: the reoffending cohort by index disposal, previous offences, sex and age "
                "(with each group's rates), reoffence timing, age bands, disposals by type");
  std::string check_file;
  auto* check = app.add_subcommand("check", "validate a scenario file; runs nothing");
  check->add_option("scenario", check_file, "scenario file (TOML)")->required();
  auto* params = app.add_subcommand("params", "print every parameter: unit, allowed range, default, source");
  bool params_toml = false, params_interventions = false;
  params->add_flag("--toml", params_toml, "print them as a complete, commented scenario file instead");
  params->add_flag("--interventions", params_interventions,
                   "print the fields of an [[intervention]] table instead: unit, allowed values, sweepable");
  yjsim::cli::SweepArgs sw;
  auto* sweep = app.add_subcommand(
      "sweep", "run every point of a sweep file (grid, list or Latin hypercube) with its replicates; one HDF5 file; "
               "under `mpirun -n K` the work is spread over K processes");
  sweep->add_option("sweep", sw.sweep, "sweep file (TOML)")->required();
  sweep->add_option("-o,--output", sw.output, "HDF5 results file (default: <sweep name>.h5 in this folder)");
  sweep->add_flag("--resume", sw.resume, "continue an interrupted sweep from the points already finished");
  sweep->add_option("--threads", sw.threads, "worker threads per process (0: all cores)")->check(CLI::Range(0, 1024));
  sweep->add_flag("-q,--quiet", sw.quiet, "no progress and no table");
  sweep->add_option("--csv", sw.csv_dir, "also write parameters.csv and summary.csv (every point's summary, long format)");
  sweep->add_option("--replicates", sw.replicates, "replicates per point (overrides the sweep file)")->check(CLI::Range(1L, 100000L));
  sweep->add_option("--seed", sw.seed, "random seed 0 .. 2^63 - 1 (overrides the sweep file)");
  sweep->add_option("--progress-every", sw.progress_every,
                    "seconds between progress lines when stderr is not a terminal (a batch log)")->check(CLI::Range(0.0, 1e6));
  sweep->add_option("--design-file", sw.design_file,
                    "run the points of this CSV file (a column per axis, named as in the sweep file) instead of its design");
  sweep->add_option("--morris", sw.morris,
                    "run R Morris trajectories over the axes' ranges instead of the file's design: elementary effects "
                    "of every axis on every KPI (R x (axes + 1) points)")->check(CLI::Range(1L, 100000L));
  sweep->add_option("--sobol", sw.sobol,
                    "run a Saltelli design of N base points (N x (axes + 2) points) instead of the file's design: Sobol "
                    "first-order and total indices of every axis on every KPI")->check(CLI::Range(2L, 100000L));
  sweep->add_option("--morris-levels", sw.morris_levels, "--morris: grid levels (even, default 4)")->check(CLI::Range(2, 1000));
  std::string cmp_a, cmp_b, cmp_variant = "baseline", cmp_csv;
  auto* cmp = app.add_subcommand("compare", "compare two run files KPI by KPI and year by year: B - A with its 90% interval");
  cmp->add_option("a", cmp_a, "results file A (HDF5, from yjsim run)")->required();
  cmp->add_option("b", cmp_b, "results file B")->required();
  cmp->add_option("--variant", cmp_variant, "the variant compared in both files (default: baseline)");
  cmp->add_option("--csv", cmp_csv, "also write the comparison as a CSV file");
  auto* targets = app.add_subcommand(
      "targets", "run a scenario and compare its first reported year with the calibration targets (docs/calibration.md)");
  add_run_flags(targets);
  targets->add_option("--fit", a.fit,
                      "fit these parameters to the toleranced targets first (name:low:high, e.g. "
                      "offending.age_rr[3]:0.1:0.5; a range court.custody_age_rr[0:5] takes one value; an element of "
                      "a probability row rescales the rest), then check; prints the fitted values as TOML");
  targets->add_option("--budget", a.budget, "--fit: at most this many runs")->check(CLI::Range(1L, 100000L));
  targets->add_flag("--breakdowns", a.breakdowns, "also print the breakdowns of the (fitted) run");

  yjsim::cli::CalibrateArgs ca;
  auto* calibrate = app.add_subcommand(
      "calibrate", "fit the scenario a targets file names to an area's published figures; write a runnable scenario "
                   "with the fitted values and posterior draws, and a fit report (docs/calibration.md)");
  calibrate->add_option("targets", ca.targets, "targets file (TOML)")->required();
  calibrate->add_option("-o,--output", ca.output, "calibrated scenario (default: <targets name>.calibrated.toml here)");
  calibrate->add_option("--budget", ca.budget, "model runs at most (default 1200)")->check(CLI::Range(10L, 1000000L));
  calibrate->add_option("--particles", ca.particles, "posterior draws (default 120)")->check(CLI::Range(10L, 100000L));
  calibrate->add_option("--replicates", ca.replicates, "replicates per run (default 10)")->check(CLI::Range(1L, 10000L));
  calibrate->add_option("--threads", ca.threads, "worker threads (0: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  calibrate->add_flag("--resume", ca.resume, "continue an interrupted fit from its checkpoint (<output>.checkpoint)");
  calibrate->add_flag("-q,--quiet", ca.quiet, "no progress and no report");
  yjsim::cli::TrackArgs tr;
  auto* track = app.add_subcommand(
      "track", "the live tracker: the MoJ proven-reoffending measure to date for a service's cohorts and the projected "
               "final figure with its interval (docs/tracker.md)");
  track->add_option("children", tr.children, "CHILDREN.csv: one row per quarterly cohort entry");
  track->add_option("events", tr.events, "EVENTS.csv: one row per proven or pending offence group");
  track->add_option("--as-of", tr.as_of, "the date the extract was taken, YYYY-MM-DD");
  track->add_option("--scenario", tr.scenario, "the model to project with (default: the built-in defaults)");
  track->add_option("-o,--output", tr.output, "HDF5 results file (a /track group)");
  track->add_option("--csv", tr.csv_dir, "write projection.csv into this folder");
  track->add_option("--draws", tr.draws, "draws of each child's remaining follow-up")->check(CLI::Range(1L, 100000L));
  track->add_option("--seed", tr.seed, "random seed (default: the scenario's run.seed)");
  track->add_option("--threads", tr.threads, "worker threads (0: all cores); results do not depend on it")->check(CLI::Range(0, 1024));
  track->add_option("--target-binary", tr.target_binary, "the board's target binary rate (a fraction): P(final below it)")
      ->check(CLI::Range(0.0, 1.0));
  track->add_option("--target-frequency", tr.target_frequency, "the board's target frequency rate: P(final below it)")
      ->check(CLI::Range(0.0, 1000.0));
  track->add_flag("--per-child", tr.per_child, "also write each child's pseudonymous id and projection (HDF5)");
  track->add_option("--reference-replicates", tr.reference_replicates,
                    "replicates of the scenario simulated as reference children (default: 1,200,000 children aged 10-17 in all)")
      ->check(CLI::Range(1L, 100000L));
  track->add_option("--backtest", tr.backtest, "back-test the projection on synthetic cohorts of this scenario");
  track->add_option("--truth-replicates", tr.truth_replicates, "--backtest: synthetic service histories")->check(CLI::Range(1L, 10000L));
  track->add_option("--make-example", tr.make_example, "write a synthetic example extract (children.csv, events.csv) into this folder");
  track->add_flag("-q,--quiet", tr.quiet, "no table");
  yjsim::cli::ReportArgs rep;
  auto* report = app.add_subcommand(
      "report", "the board pack from one run: a self-contained HTML page (and PDF, XLSX); a scenario is run first, a "
                "results file is re-run from the scenario it recorded and checked against it; a yjsim track file gives the "
                "tracker pack (docs/report.md)");
  report->add_option("input", rep.input, "results file (HDF5, from yjsim run or yjsim track -o) or scenario file (TOML)")->required();
  report->add_option("-o,--output", rep.html, "the HTML board pack")->required();
  report->add_option("--pdf", rep.pdf, "also a PDF of it (printed by headless Chromium)");
  report->add_option("--xlsx", rep.xlsx, "also an XLSX workbook of its tables and every run's figures");
  report->add_option("--replicates", rep.replicates, "scenario only: replicates (overrides run.replicates)")->check(CLI::Range(1L, 100000L));
  report->add_option("--seed", rep.seed, "scenario only: random seed 0 .. 2^63 - 1 (overrides run.seed)");
  report->add_option("--threads", rep.threads, "worker threads (0: all cores); results do not depend on it")->check(CLI::Range(0, 1024));
  report->add_flag("-q,--quiet", rep.quiet, "print nothing on success");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (cluster.root()) app.exit(e);
    return 2;
  }
  try {
    if (*run) return yjsim::cli::run(a, g_interrupted);
    if (*check) return yjsim::cli::check(check_file, g_interrupted);
    if (*params) return yjsim::cli::params(params_toml, params_interventions);
    if (*targets) return yjsim::cli::targets(a, g_interrupted);
    if (*calibrate) return yjsim::cli::calibrate(ca, g_interrupted);
    if (*sweep) return yjsim::cli::sweep(sw, g_interrupted, cluster);
    if (*track) return yjsim::cli::track(tr, g_interrupted);
    if (*report) return yjsim::cli::report(rep, g_interrupted);
    if (*cmp) return yjsim::cli::compare(cmp_a, cmp_b, cmp_variant, cmp_csv);
  } catch (const yjsim::sim::InputError& e) {
    if (cluster.root()) std::cerr << "yjsim: " << e.what() << '\n';  // every process read the same bad file
    return 2;
  } catch (const yjsim::models::Invalid& e) {  // a description made from flags (e.g. --fit ranges) breaks a rule
    if (cluster.root()) std::cerr << "yjsim: " << e.what() << '\n';
    return 2;
  } catch (const yjsim::sim::Cancelled&) {
    std::cerr << "yjsim: interrupted; no results file written" << (*sweep ? " (finished sweep points are kept for --resume)" : *calibrate ? " (the last stage is kept: --resume)" : "")
              << '\n';
    return 130;
  } catch (const yjsim::sim::IoError& e) {
    std::cerr << "yjsim: " << e.what() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "yjsim: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "yjsim: internal error: " << e.what() << '\n';
    return 1;
  }
  return 2;
}

// `yjsim sweep`: points x replicates of a sweep file, on one process or spread over `mpirun -n K` processes.
// Work is split into units (a point and a range of its replicates); unit u runs on process u % K. Every
// replicate's result is the same whatever the split (its random numbers are addressed by replicate), so the file
// is identical for any K and any thread count. Rank 0 saves each finished point at once (for --resume), then
// assembles the HDF5 file.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <algorithm>
#include <map>
#include <optional>
#include <thread>

#include "apps/cli_commands.h"
#include "apps/cluster.h"
#include "apps/sweep_design.h"
#include "io/atomic_file.h"
#include "io/sweep_output.h"
#include "io/results_reader.h"
#include "io/tidy_output.h"
#include "input/sweep.h"
#include "report/tables.h"
#include "sim/errors.h"

namespace yjsim::cli {

namespace {

struct Unit {
  std::size_t point;
  long first, count;  // replicates
};

std::vector<Unit> plan_units(const input::Sweep& s, const std::vector<unsigned char>& done, int processes) {
  const auto reps = static_cast<long>(s.base.baseline().run.replicates);
  std::vector<Unit> units;
  for (std::size_t p = 0; p < s.points.size(); ++p) {
    if (done[p]) continue;
    for (long piece = 0; piece < processes; ++piece) {
      const long first = piece * reps / processes, last = (piece + 1) * reps / processes;
      if (last > first) units.push_back({p, first, last - first});
    }
  }
  return units;
}

// On a terminal, one line rewritten in place; otherwise (a batch job's log) a line every `every` seconds and at
// the end, so that a Slurm log shows the sweep moving.
class Progress {
 public:
  Progress(bool show, std::size_t total, double every)
      : show_(show), tty_(::isatty(STDERR_FILENO)), total_(total), every_(every), start_(Clock::now()) {}
  void step() {
    ++done_;
    if (!show_) return;
    const double t = std::chrono::duration<double>(Clock::now() - start_).count();
    const double left = t / static_cast<double>(done_) * static_cast<double>(total_ - done_);
    if (tty_) {
      std::fprintf(stderr, "\r  %zu/%zu units (point x replicates), %.0f s elapsed, about %.0f s left   ", done_, total_, t, left);
      if (done_ == total_) std::fprintf(stderr, "\n");
      return;
    }
    if (done_ < total_ && t - last_ < every_) return;
    last_ = t;
    std::fprintf(stderr, "yjsim sweep: %zu/%zu units (point x replicates) done, %.0f s elapsed, about %.0f s left\n",
                 done_, total_, t, left);
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool show_, tty_;
  std::size_t total_, done_ = 0;
  double every_, last_ = 0;
  Clock::time_point start_;
};

// Rank 0: gathers the pieces of each point; a point complete in all its pieces is saved at once.
class Gatherer {
 public:
  Gatherer(const input::Sweep& s, const std::string& out, const std::vector<Unit>& units, Progress& progress)
      : s_(s), out_(out), units_(units), progress_(progress) {
    for (const auto& u : units) ++expected_[u.point];
  }
  std::size_t gathered() const { return gathered_; }
  void add(std::size_t unit, std::vector<double> data) {
    ++gathered_;
    const auto p = units_[unit].point;
    pieces_[p][units_[unit].first] = std::move(data);
    progress_.step();
    if (pieces_[p].size() < expected_[p]) return;
    std::vector<double> all;  // pieces in replicate order
    for (auto& [first, d] : pieces_[p]) all.insert(all.end(), d.begin(), d.end());
    io::write_point(out_, s_, p, all);
    pieces_.erase(p);
  }

 private:
  const input::Sweep& s_;
  const std::string& out_;
  const std::vector<Unit>& units_;
  Progress& progress_;
  std::size_t gathered_ = 0;
  std::map<std::size_t, std::size_t> expected_;
  std::map<std::size_t, std::map<long, std::vector<double>>> pieces_;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<double> run_unit(const input::Sweep& s, const Unit& u, const SweepArgs& a, const std::atomic<bool>& stop) {
  models::RunOptions o;
  o.threads = a.threads;
  o.cancel = &stop;
  o.first_replicate = u.first;
  o.replicate_count = u.count;
  return io::flatten(models::run_scenario(input::scenario_at(s, u.point), o));
}

}  // namespace

namespace {

// The cost of the sweep, to size a batch job: core-seconds per point-replicate (all variants together).
void print_cost(const input::Sweep& s, const std::vector<Unit>& units, double seconds, int processes, int threads) {
  long replicates = 0;
  for (const auto& u : units) replicates += u.count;
  if (replicates == 0 || seconds <= 0) return;
  const unsigned cores_each = threads > 0 ? static_cast<unsigned>(threads) : std::max(1U, std::thread::hardware_concurrency());
  const double cores = static_cast<double>(processes) * cores_each;
  const double per = seconds * cores / static_cast<double>(replicates);
  std::fprintf(stderr,
               "yjsim sweep: cost %.3g core-seconds per point-replicate (%ld point-replicates x %zu variants in %.1f s "
               "on %d process%s x %u threads); a job of P points x R replicates needs about P x R x %.3g / cores "
               "seconds\n",
               per, replicates, s.base.variants.size(), seconds, processes, processes > 1 ? "es" : "", cores_each, per);
}

// The sweep's CSV tables: parameters.csv (each point's axis values) and summary.csv (each point's summary rows).
void write_sweep_csv(const input::Sweep& s, const std::vector<models::Results>& points, const std::string& dir,
                     const analysis::SweepSensitivity& sens, const io::SweepExtras& extras) {
  io::check_output_dir(dir, "--csv");
  io::ensure_writable_dir(dir);
  io::OutputSet outputs;
  io::write_sweep_parameters_csv(s, outputs.add(dir + "/parameters.csv"));
  io::write_sweep_summary_csv(s, points, outputs.add(dir + "/summary.csv"));
  io::write_sweep_sensitivity_csv(s, sens, extras.morris, extras.sobol, outputs.add(dir + "/sensitivity.csv"));
  outputs.commit();
}

void check_destinations(const SweepArgs& a, const input::Sweep& s, const std::string& out, const std::string& parts) {
  io::check_output_file(out, "--output");  // a directory, device or FIFO there is refused (exit 2)
  require_parent_folder(out, "--output");
  io::check_output_dir(parts, "--output (its .parts folder)");
  if (!a.csv_dir.empty()) {
    io::check_output_dir(a.csv_dir, "--csv");
    require_parent_folder(csv_folder(a.csv_dir), "--csv");
    for (const char* f : {"parameters.csv", "summary.csv", "sensitivity.csv"}) io::check_output_file(a.csv_dir + "/" + f, "--csv");
  }
  if (io::stored_format(out) == "yjsim-results")  // the default names of a run and a sweep can meet
    std::cerr << "yjsim sweep: warning: " << out << " holds the results of a yjsim run; the sweep will replace it\n";
  if (a.resume) {
    const std::size_t foreign = io::foreign_points(out, s);
    if (foreign > 0)
      throw sim::InputError(a.sweep, 0, "--resume",
                            std::to_string(foreign) + " saved point(s) in " + parts +
                                " made by a different sweep (the sweep file, its base scenario, --seed or --replicates "
                                "changed since they were saved)",
                            "the same sweep as the saved points; run without --resume to start afresh");
  }
}

}  // namespace

int sweep(const SweepArgs& a, const std::atomic<bool>& interrupted, Cluster& cluster) {
  input::SweepOptions options;
  options.cancel = &interrupted;  // validating a large sweep takes time: Ctrl-C is honoured
  input::Sweep s = input::load_sweep(a.sweep, options);
  const std::optional<std::uint64_t> seed = a.seed ? std::optional(seed_flag(*a.seed)) : std::nullopt;
  for (auto& v : s.base.variants) {  // command-line flags override the sweep file, which overrides the scenario
    if (a.replicates) v.params.run.replicates = static_cast<double>(*a.replicates);
    if (seed) v.params.run.seed = *seed;
  }
  const DesignChoice design = choose_design(s, a.design_file, a.morris, a.morris_levels, a.sobol);
  const std::string out = a.output.empty() ? std::filesystem::path(a.sweep).stem().string() + ".h5" : a.output;
  const std::string parts = io::parts_dir(out);
  std::vector<unsigned char> done(s.points.size(), 0);
  if (cluster.root()) {
    try {
      check_destinations(a, s, out, parts);
      const auto parent = std::filesystem::path(out).parent_path();
      io::ensure_writable_dir(parent.empty() ? "." : parent.string());
      if (a.resume) {
        for (std::size_t p = 0; p < s.points.size(); ++p) done[p] = io::read_point(out, s, p).has_value();
        std::error_code ec;  // temporary files of a process that was killed while writing a point
        for (const auto& e : std::filesystem::directory_iterator(parts, ec))
          if (e.path().filename().string().find(".tmp") != std::string::npos) std::filesystem::remove(e.path(), ec);
      } else {
        std::filesystem::remove_all(io::parts_dir(out));
      }
    } catch (const sim::InputError& e) {  // the other processes wait for the plan: stop them too
      if (cluster.size() > 1) cluster.abort(2, e.what());
      throw;
    } catch (const std::exception& e) {
      if (cluster.size() > 1) cluster.abort(1, e.what());
      throw;
    }
  }
  cluster.broadcast(done);
  const auto units = plan_units(s, done, cluster.size());
  if (cluster.root() && !a.quiet) {
    std::size_t already = 0;
    for (auto d : done) already += d;
    std::cerr << "yjsim sweep: " << s.points.size() << " points (" << input::design_name(s.design) << ", "
              << s.axes.size() << " axes) x " << s.base.baseline().run.replicates << " replicates x "
              << s.base.variants.size() << " variants on " << cluster.size() << " process"
              << (cluster.size() > 1 ? "es" : "") << (already ? "; resuming, " + std::to_string(already) + " points done" : "")
              << '\n';
  }
  Progress progress(cluster.root() && !a.quiet, units.size(), a.progress_every);
  Gatherer gather(s, out, units, progress);
  const auto started = std::chrono::steady_clock::now();
  double simulated = 0, written = 0;
  std::vector<models::Results> points;
  analysis::SweepSensitivity sensitivity;
  auto take = [&](std::vector<double> got) {
    const auto unit = static_cast<std::size_t>(got.back());
    got.pop_back();
    gather.add(unit, std::move(got));
  };
  try {
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (static_cast<int>(u % static_cast<std::size_t>(cluster.size())) != cluster.rank()) continue;
      auto data = run_unit(s, units[u], a, interrupted);
      data.push_back(static_cast<double>(u));  // the unit travels with its values (MPI tags are too small)
      if (!cluster.root()) {
        cluster.send_to_root(0, std::move(data));
        continue;
      }
      take(std::move(data));
      int tag = 0;
      std::vector<double> got;
      while (cluster.try_receive(tag, got)) take(std::move(got));
    }
    if (!cluster.root()) {
      cluster.finish_sends();
      return 0;
    }
    while (gather.gathered() < units.size()) {  // the other processes' units, Ctrl-C honoured while waiting
      int tag = 0;
      std::vector<double> got;
      if (cluster.try_receive(tag, got)) {
        take(std::move(got));
        continue;
      }
      if (interrupted.load()) throw sim::Cancelled();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (interrupted.load()) throw sim::Cancelled();
    simulated = seconds_since(started);
    points = io::load_points(out, s);
    sensitivity = analysis::sweep_sensitivity(s, points);
    io::SweepExtras extras{design.label, {}, {}};
    if (design.morris) extras.morris = analysis::sweep_morris(*design.morris, design.morris_axes, points);
    if (design.sobol) extras.sobol = analysis::sweep_sobol(*design.sobol, points);
    io::write_sweep_hdf5(out, s, points, sensitivity, extras);
    if (!a.csv_dir.empty()) write_sweep_csv(s, points, a.csv_dir, sensitivity, extras);
    written = seconds_since(started) - simulated;
  } catch (const sim::Cancelled&) {
    // Under mpirun the launcher reports its own exit code (Open MPI: 1), not 130: the message says what happened.
    if (cluster.size() > 1)
      cluster.abort(130, "interrupted (Ctrl-C or SIGTERM); no results file written; finished points are kept in " +
                             parts + " for --resume");
    throw;
  } catch (const sim::IoError& e) {
    const std::string why = std::string(e.what()) + "; no results file written; the finished points are kept in " +
                            parts + ": free some space and run again with --resume";
    if (cluster.size() > 1) cluster.abort(1, why);
    throw sim::IoError(why);
  } catch (const std::exception& e) {
    if (cluster.size() > 1) cluster.abort(1, std::string("failed: ") + e.what());
    throw;
  }
  if (!a.quiet) std::cout << report::sensitivity_table(s, sensitivity);
  if (!a.quiet) print_cost(s, units, simulated, cluster.size(), a.threads);
  std::filesystem::remove_all(io::parts_dir(out));
  if (!a.quiet)
    std::cout << "\nResults written to " << out << (a.csv_dir.empty() ? "" : " and " + a.csv_dir + "/") << " (simulation " << simulated << " s, writing the file " << written
              << " s)\n";
  return 0;
}

}  // namespace yjsim::cli

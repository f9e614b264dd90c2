#include "apps/cli_commands.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>

#include "io/atomic_file.h"
#include "io/tidy_output.h"
#include "io/results_reader.h"
#include "io/writers.h"
#include "analysis/calibration.h"
#include "analysis/fit.h"
#include "models/scenario.h"
#include "models/simulation.h"
#include "input/scenario_reader.h"
#include "input/scenario_writer.h"
#include "input/sweep.h"
#include "report/tables.h"
#include "sim/errors.h"
#include "sim/parallel.h"
#include "sim/summary.h"

namespace yjsim::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Progress on stderr for runs longer than about a second, only on a terminal.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO)), start_(Clock::now()) {}
  void operator()(long done, long total) {
    if (!enabled_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    if (elapsed < 1.0 || (done < total && elapsed - last_ < 0.2)) return;
    last_ = elapsed;
    const double left = done > 0 ? elapsed * static_cast<double>(total - done) / static_cast<double>(done) : 0;
    std::fprintf(stderr, "\r  %ld/%ld replicate runs, %.0f%%, %.1f s elapsed, about %.0f s left   ", done, total,
                 100.0 * static_cast<double>(done) / static_cast<double>(total), elapsed, left);
    shown_ = true;
  }
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  Clock::time_point start_;
  double last_ = -1;
  bool shown_ = false;
  std::mutex mutex_;
};

}  // namespace

// No sign, no wrap-around.
std::uint64_t seed_flag(const std::string& text) {
  constexpr std::uint64_t kMax = 9223372036854775807ULL;  // 2^63 - 1
  std::uint64_t v = 0;
  bool ok = !text.empty() && text.size() <= 19;
  for (char c : text) {
    if (!ok) break;
    ok = c >= '0' && c <= '9';
    if (ok) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok || v > kMax)
    throw sim::InputError("command line", 0, "--seed", text, "a whole number 0 .. 9223372036854775807 (2^63 - 1), as run.seed");
  return v;
}

std::string csv_folder(const std::string& dir) {
  auto d = std::filesystem::path(dir).lexically_normal();
  if (!d.has_filename()) d = d.parent_path();  // "out/" is the folder "out"
  return d.string();
}

void require_parent_folder(const std::string& path, const std::string& field) {
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code ec;  // a file where the folder should be is left to the write (exit 1, "cannot write")
  if (parent.empty() || std::filesystem::exists(parent, ec) || ec) return;
  throw sim::InputError(path, 0, field, "the folder " + parent.string() + " does not exist",
                        "a file in an existing folder (make the folder first: nothing is created silently)");
}

namespace {

models::Scenario load(const RunArgs& a) {
  const std::optional<std::uint64_t> seed = a.seed ? std::optional(seed_flag(*a.seed)) : std::nullopt;
  models::Scenario s = input::load_scenario(a.scenario);
  for (auto& v : s.variants) {  // command-line flags override the file (CONTRACT.md)
    if (a.replicates) v.params.run.replicates = static_cast<double>(*a.replicates);
    if (seed) v.params.run.seed = *seed;
  }
  return s;
}

models::Results simulate(const models::Scenario& s, const RunArgs& a, const std::atomic<bool>& interrupted) {
  Progress progress(!a.quiet);
  models::RunOptions o;
  o.threads = a.threads;
  o.cancel = &interrupted;
  o.progress = [&](long done, long total) { progress(done, total); };
  return models::run_scenario(s, o);
}

}  // namespace

int run(const RunArgs& a, const std::atomic<bool>& interrupted) {
  const models::Scenario s = load(a);
  const std::string out = a.output.empty() ? std::filesystem::path(a.scenario).stem().string() + ".h5" : a.output;
  // Refuse a bad or unwritable destination before spending the run: a directory, device or FIFO where a file
  // would be put is bad input (exit 2); a folder that cannot be written is an I/O failure (exit 1).
  io::check_output_file(out, "--output");
  require_parent_folder(out, "--output");
  if (io::stored_format(out) == "yjsim-sweep")  // the default names of a run and a sweep can meet
    std::cerr << "yjsim run: warning: " << out << " holds the results of a yjsim sweep; the run will replace it\n";
  if (!a.json.empty()) {
    io::check_output_file(a.json, "--json");
    require_parent_folder(a.json, "--json");
  }
  if (!a.csv_dir.empty()) {
    require_parent_folder(csv_folder(a.csv_dir), "--csv");  // the folder itself may be new, not its parents
    io::check_output_dir(a.csv_dir, "--csv");
    for (const char* f : {"kpi_by_quarter.csv", "kpi_by_year.csv"}) io::check_output_file(a.csv_dir + "/" + f, "--csv");
  }
  const auto parent = std::filesystem::path(out).parent_path();
  io::ensure_writable_dir(parent.empty() ? "." : parent.string());
  if (!a.csv_dir.empty()) io::ensure_writable_dir(a.csv_dir);
  const models::Results r = simulate(s, a, interrupted);
  if (interrupted.load()) throw sim::Cancelled();
  if (!a.quiet && !s.calibration.empty()) {
    std::cout << "Calibrated to " << s.calibration.area << "'s published figures (" << s.calibration.targets << ", "
              << s.calibration.date << "); ";
    // Without posterior draws every replicate runs the fitted values (no parameter uncertainty to report).
    if (s.calibration.draws.empty())
      std::cout << "every replicate runs the fitted values (no posterior draws in the file)";
    else
      std::cout << "replicate r runs with posterior draw r mod " << s.calibration.draws.size();
    std::cout << " (docs/calibration.md)\n";
  }
  if (!a.quiet)
    std::cout << report::text_table(r) << report::uncertainty_table(r, s)
              << (a.breakdowns ? report::breakdown_table(r) : "") << std::flush;
  // The HDF5 file and the CSV set succeed or fail together: all written in full, then all renamed into place.
  io::OutputSet outputs;
  sim::with_threads(a.threads, [&] {  // the file's chunks are compressed on the run's threads (io/hdf5_util.h)
    io::write_hdf5(r, io::RunInfo{a.scenario, s.text, input::scenario_to_toml(s)}, out, outputs);
  });
  if (!a.csv_dir.empty()) io::write_csv(r, a.csv_dir, outputs);
  if (!a.json.empty()) outputs.add(a.json).write(io::summary_json(r, {a.scenario, "yjsim run"}));
  if (interrupted.load()) throw sim::Cancelled();  // interrupted while writing: nothing is replaced
  outputs.commit();
  if (!a.quiet) std::cout << "\nResults written to " << out << (a.csv_dir.empty() ? "" : " and " + a.csv_dir + "/") << '\n';
  return 0;
}

int check_sweep(const std::string& file, const std::atomic<bool>& interrupted) {
  input::SweepOptions options;
  options.cancel = &interrupted;  // validating a large sweep takes time: Ctrl-C is honoured
  const input::Sweep s = input::load_sweep(file, options);
  std::cout << file << ": valid sweep; " << s.points.size() << " points (" << input::design_name(s.design) << ", "
            << s.axes.size() << " axes), " << s.base.baseline().run.replicates << " replicates, "
            << s.base.variants.size() << " variants each\n";
  return 0;
}

int check(const std::string& scenario, const std::atomic<bool>& interrupted) {
  // A sweep file has [[axis]] tables at its top level; anything else is read as a scenario.
  if (input::is_sweep_file(scenario)) return check_sweep(scenario, interrupted);
  const models::Scenario s = input::load_scenario(scenario);
  std::cout << scenario << ": valid; baseline";
  for (std::size_t v = 1; v < s.variants.size(); ++v) std::cout << ", " << s.variants[v].name;
  std::cout << " (" << s.baseline().run.replicates << " replicates, " << s.baseline().run.months << " months)\n";
  return 0;
}

int params(bool as_toml, bool interventions) {
  if (interventions) std::cout << models::intervention_fields_markdown();
  else std::cout << (as_toml ? models::parameter_table_toml() : models::parameter_table_markdown());
  return 0;
}

int targets(const RunArgs& a, const std::atomic<bool>& interrupted) {
  models::Scenario s = load(a);
  if (!a.fit.empty()) {
    std::vector<analysis::FitParameter> params;
    for (const auto& f : a.fit) params.push_back(analysis::parse_fit_parameter(f));
    const auto started = Clock::now();
    const auto fit = analysis::fit_to_targets(s, params, a.budget, [&](long n, double value, double best) {
      if (interrupted.load()) throw sim::Cancelled();
      if (!a.quiet)
        std::fprintf(stderr, "  fit: run %ld of at most %ld, objective %.3g, best %.3g, %.0f s\n", n, a.budget, value,
                     best, std::chrono::duration<double>(Clock::now() - started).count());
    });
    std::cout << "Fitted (" << fit.evaluations << " runs, objective " << fit.objective
              << " = sum of squared misses in half-tolerances):\n";
    for (std::size_t i = 0; i < params.size(); ++i) {
      analysis::set_parameter(s, params[i].name, fit.values[i]);
      std::cout << "  " << params[i].name << " = " << fit.values[i] << '\n';
    }
    models::validate(s);
    std::cout << "\nThe fitted scenario's parameters (paste into the scenario file):\n"
              << input::scenario_to_toml(s) << '\n';
  }
  const models::Results r = simulate(s, a, interrupted);
  const auto rows = analysis::compare_with_targets(r, s.baseline().population.size_10_17);
  std::cout << report::format_target_table(rows, r) << (a.breakdowns ? report::breakdown_table(r) : "");
  return 0;
}

}  // namespace yjsim::cli
